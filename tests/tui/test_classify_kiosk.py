"""The unit head sets clips' confidentiality classes at the kiosk (issue 10 item 4, Art. 3).

Nothing ticked is a hint on the screen; two clips ticked take the chosen class, each change
is an event in the unit head's name, and the list shows the class in words; the same class
again changes nothing and says so. Nobody else's home offers the screen.
"""

from __future__ import annotations

import json

from textual.widgets import Button, RadioButton, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.confidentiality import Classification
from tests.tui.classify_steps import at_classify
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import create_app
from tui.screens.classify import ClassifyScreen


async def test_the_unit_head_sets_the_class_of_ticked_clips(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await at_classify(pilot, services, clock)
        screen = app.screen
        assert isinstance(screen, ClassifyScreen)
        listing = screen.query_one("#classify-clips", SelectionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert len(lines) == 2 and all(
            " · normal · DCIM/100MEDIA/FILE000" in line for line in lines
        ), lines

        listing.deselect_all()
        screen.query_one("#classify", Button).press()
        await settle(pilot)
        assert notice_text(app) == "Tick the clips first."
        assert services.store.releases.classes() == {}

        listing.select_all()
        screen.query_one("#classify", Button).press()
        await settle(pilot)
        assert notice_text(app) == "2 clips are now personal privacy."
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert all(" · personal privacy · " in line for line in lines), lines

        listing.select_all()
        screen.query_one("#classify", Button).press()
        await settle(pilot)
        assert (
            notice_text(app) == "Nothing changed: the ticked clips were personal privacy already."
        )

        screen.query_one("#class-state_secret", RadioButton).value = True
        await settle(pilot)
        listing.deselect_all()
        first = listing.get_option_at_index(0).value
        listing.select(first)
        screen.query_one("#classify", Button).press()
        await settle(pilot)
        assert notice_text(app) == "1 clip is now state secret."

    ids = sorted(c.id for c in services.clips.listing())
    assert services.store.releases.classes() == {
        ids[0]: Classification.PRIVACY,
        ids[1]: Classification.STATE_SECRET,  # the newest clip is listed first
    }
    events = [e for e in services.store.audit_log.recent(20) if e.action == "clip_classify"]
    assert [
        (e.actor, e.object_id, json.loads(e.detail_json)["classification"]) for e in events
    ] == [
        ("2001", str(ids[1]), "state_secret"),
        ("2001", str(ids[1]), "privacy"),
        ("2001", str(ids[0]), "privacy"),
    ]


async def test_only_the_unit_head_is_offered_the_classes(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    for badge, offered in (("2001", True), ("1001", False), ("3001", False), ("4001", False)):
        app = create_app(services, list(badges.values()), clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await sign_in(pilot, badge, badges[badge].pin)
            assert bool(app.screen.query("#classify")) is offered, badge
