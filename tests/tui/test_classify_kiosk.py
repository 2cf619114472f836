"""The unit head sets clips' confidentiality classes at the kiosk (issue 10 item 4, Art. 3).

Nothing ticked is a hint on the screen; two clips ticked take the chosen class, each change
is an event in the unit head's name, and the list shows the class in words; the same class
again changes nothing and says so. Nobody else's home offers the screen.
"""

from __future__ import annotations

import json

from textual.widgets import Button, Input, RadioButton, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.confidentiality import Classification
from tests.tui.classify_steps import at_classify
from tests.tui.double_press_rows import at_filing
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import create_app
from tui.screens.classify import ClassifyScreen
from tui.screens.filing import FilingScreen
from tui.widgets.clip_pictures import ClipPictures


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

    # The newest clip is listed first; the two were recorded together, so by name.
    named = {c.id: c.source_name for c in services.clips.listing()}
    (other,) = set(named) - {first}
    assert named[first] > named[other]
    assert services.store.releases.classes() == {
        other: Classification.PRIVACY,
        first: Classification.STATE_SECRET,
    }
    events = [e for e in services.store.audit_log.recent(20) if e.action == "clip_classify"]
    said = [(e.actor, e.object_id, json.loads(e.detail_json)["classification"]) for e in events]
    assert said[0] == ("2001", str(first), "state_secret")
    assert sorted(said[1:]) == [("2001", str(i), "privacy") for i in sorted(named)]


async def test_only_the_unit_head_is_offered_the_classes(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    for badge, offered in (("2001", True), ("1001", False), ("3001", False), ("4001", False)):
        app = create_app(services, list(badges.values()), clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await sign_in(pilot, badge, badges[badge].pin)
            assert bool(app.screen.query("#classify")) is offered, badge


async def test_an_officer_files_a_restricted_clip_without_seeing_it(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §10: to an officer a privacy clip is listed as restricted (its day and size, no
    name, no pictures) and may still be filed; a state secret is not listed at all."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await at_filing(pilot, services, clock)
        clips = sorted(services.clips.listing(), key=lambda c: c.source_name)
        private, secret = clips[0], clips[1]
        head = services.auth.sign_in("2001", badges["2001"].pin)
        services.clips.classify(head, [private.id], Classification.PRIVACY)
        services.clips.classify(head, [secret.id], Classification.STATE_SECRET)
        screen = app.screen
        assert isinstance(screen, FilingScreen)
        screen.reload()
        await settle(pilot)
        listing = screen.query_one("#unfiled", SelectionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert lines == [
            f"{private.day} · a restricted clip (2.0 KB): its class is not yours to read (Art. 3)"
        ]
        pictures = screen.query_one(ClipPictures)
        assert (pictures.caption, pictures.pictures) == ("restricted", ())

        listing.select(private.id)
        screen.query_one("#case", Input).value = "ZF-2026-0099"
        screen.query_one("#file", Button).press()
        await settle(pilot)
        assert notice_text(app) == "Filed 1 clip under case ZF-2026-0099."
    assert services.clips.get(private.id).cases == ("ZF-2026-0099",)  # type: ignore[union-attr]
