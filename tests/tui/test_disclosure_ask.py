"""A disclosure asked for at the kiosk (issue 10 item 3, Art. 11, 13).

The unit head ticks a clip, names the recipient and the reason, and the request waits for a
bureau head; a missing recipient and a state secret are refused in one line, each refusal in
the log. An officer is offered their own clips only, and sees a privacy clip as restricted.
"""

from __future__ import annotations

import json

from textual.widgets import Button, Input, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.confidentiality import Classification
from tests.release.homes import seed
from tests.tui.classify_steps import at_ask
from tests.tui.double_press_rows import at_filing
from tests.tui.helpers import notice_text, settle
from tui.app import create_app
from tui.screens.disclosure_ask import DisclosureAskScreen


def _lines(listing: SelectionList[int]) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_the_unit_head_asks_and_the_rules_refuse_in_words(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await at_ask(pilot, services, clock)
        screen = app.screen
        assert isinstance(screen, DisclosureAskScreen)
        listing = screen.query_one("#ask-clips", SelectionList)
        newest = listing.get_option_at_index(0).value
        older = listing.get_option_at_index(1).value

        screen.query_one("#recipient", Input).value = ""
        screen.query_one("#ask", Button).press()
        await settle(pilot)
        assert notice_text(app).startswith("Name the recipient (at most ")
        refused = services.store.audit_log.recent(1)[0]
        assert (refused.action, refused.outcome) == ("disclosure_request", "refused")
        assert json.loads(refused.detail_json)["reason"] == "disclosure.bad_recipient"

        screen.query_one("#recipient", Input).value = "District court"
        screen.query_one("#ask", Button).press()
        await settle(pilot)
        assert notice_text(app) == "Request 1 made for 1 clip(s); a bureau head must approve it."
        assert list(listing.selected) == [] and screen.query_one("#reason", Input).value == ""

        head = services.auth.sign_in("2001", badges["2001"].pin)
        services.clips.classify(head, [older], Classification.STATE_SECRET)
        listing.select(older)
        screen.query_one("#recipient", Input).value = "A newspaper"
        screen.query_one("#reason", Input).value = "publication"
        screen.query_one("#ask", Button).press()
        await settle(pilot)
        assert notice_text(app) == f"Clip {older} is a state secret: the kiosk never discloses it."

    (made,) = services.store.releases.disclosures()
    assert (made.requested_by, made.clip_ids, made.recipient, made.state.value) == (
        "2001", (newest,), "District court", "pending"
    )  # fmt: skip


async def test_an_officer_is_offered_their_own_clips_as_the_classes_allow(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await at_filing(pilot, services, clock)  # two clips of 1001's, in the filing screen
        own = sorted(services.clips.listing(), key=lambda c: c.source_name)
        seed(services, services.settings.home / "nobodys", 1, size=10_000)  # held by nobody
        assert len(services.clips.listing()) == 3
        head = services.auth.sign_in("2001", badges["2001"].pin)
        services.clips.classify(head, [own[0].id], Classification.PRIVACY)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#ask-disclosure")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DisclosureAskScreen)
        lines = _lines(screen.query_one("#ask-clips", SelectionList))
    assert len(lines) == 2
    assert lines[1] == (
        f"{own[0].day} · a restricted clip (2.0 KB): its class is not yours to read (Art. 3)"
    )
    assert own[1].source_name in lines[0]
