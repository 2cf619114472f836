"""The bureau head's approvals at the kiosk (issue 10 item 3; Art. 11, 13) and the clips'
pictures on the filing screen (issue 9 item 7).

One walk: the bureau head refuses to let a privacy clip out unnamed, approves request 1 naming
the class, is told in one line why their own request 2 is not theirs to decide, and refuses
request 3 with a reason; the rows and the audit events say exactly that. The filing screen
draws the lit clip's pictures (half cells here; sixel in foot) beside its words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual_image.widget import HalfcellImage

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import DisclosureState
from appliance.domain.records import Actor
from tests.conftest import DEMO_PINS
from tests.footage import tiny_clips
from tests.tui.approvals_seed import seed_requests
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import create_app
from tui.screens.approval_request import RequestScreen
from tui.screens.approvals import ApprovalsScreen
from tui.screens.filing import FilingScreen
from tui.widgets.clip_pictures import ClipPictures, PictureMode

Demo = tuple[Services, dict[str, DemoBadge]]


def _events(services: Services, action: str) -> list[tuple[str, str, str, dict[str, object]]]:
    return [
        (e.actor, e.object_id, e.outcome, json.loads(e.detail_json))
        for e in reversed(services.store.audit_log.recent(300))
        if e.action == action
    ]


async def _open(pilot: object, request_id: int) -> RequestScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    listing = pilot.app.screen.query_one("#requests", OptionList)
    listing.highlighted = next(
        index
        for index in range(listing.option_count)
        if listing.get_option_at_index(index).id == str(request_id)
    )
    listing.focus()
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RequestScreen) and screen.request_id == request_id
    return screen


async def test_a_bureau_head_approves_one_request_and_refuses_another(
    demo: Demo, clock: SettableClock
) -> None:
    services, badges = demo
    ids = seed_requests(services, clock)
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "4001", DEMO_PINS["4001"])
        await pilot.click("#approvals")
        await settle(pilot)
        assert isinstance(app.screen, ApprovalsScreen)
        assert app.screen.query_one("#requests", OptionList).option_count == 3

        screen = await _open(pilot, 1)
        # The kiosk plays no video: each clip in words (here without graphics), its class too.
        cards = [
            str(card.query_one(".caption", Static).content) for card in screen.query(ClipPictures)
        ]
        assert len(cards) == 2 and "personal privacy" in cards[1] and "normal" in cards[0]
        assert "Officer 张伟 Zhang Wei (1001)" in cards[0]
        assert "unreadable, kept byte-exact" in cards[0]
        assert not screen.query(HalfcellImage)
        # A privacy clip goes out only when the approval names the class (Art. 3).
        await pilot.click("#approve")
        await settle(pilot)
        assert notice_text(app) == (
            f"Clip {ids['B.MP4']} is classed personal privacy: the approval must name that class."
        )
        assert services.store.releases.disclosure(1).state is DisclosureState.PENDING  # type: ignore[union-attr]
        screen.query_one("#named", SelectionList).select_all()
        await pilot.click("#approve")
        await settle(pilot)
        assert notice_text(app).startswith("Request 1 approved; the approval may be used once")
        assert screen.query_one("#approve", Button).disabled

        approved = services.store.releases.disclosure(1)
        assert approved is not None and approved.state is DisclosureState.APPROVED
        assert approved.decided_by == "4001"
        assert approved.named_classes == frozenset({Classification.PRIVACY})
        assert approved.approved_items_sha256 == approved.items_sha256
        approvals = _events(services, "disclosure_approve")
        assert [(actor, obj, outcome) for actor, obj, outcome, _ in approvals] == [
            ("4001", "1", "refused"),
            ("4001", "1", "ok"),
        ]
        assert approvals[1][3]["named_classes"] == ["privacy"]

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#requests", OptionList).option_count == 2
        # Art. 13: their own request is another bureau head's to decide, said in one line.
        screen = await _open(pilot, 2)
        assert notice_text(app) == ("Request 2 is your own: another bureau head must decide it.")
        assert screen.query_one("#approve", Button).disabled
        assert screen.query_one("#refuse", Button).disabled

        await pilot.press("escape")
        await settle(pilot)
        screen = await _open(pilot, 3)
        screen.query_one("#refuse-reason", Input).value = "A party receives footage via the court"
        await pilot.click("#refuse")
        await settle(pilot)
        assert notice_text(app) == "Request 3 refused."

    refused = services.store.releases.disclosure(3)
    assert refused is not None and refused.state is DisclosureState.REFUSED
    assert refused.decided_by == "4001"
    assert refused.decision_note == "A party receives footage via the court"
    assert [(a, o, out) for a, o, out, _ in _events(services, "disclosure_refuse")] == [
        ("4001", "3", "ok")
    ]
    own = services.store.releases.disclosure(2)
    assert own is not None and own.state is DisclosureState.PENDING
    # The chain still replays every table (DESIGN §5.1).
    result = services.audit.verify(Actor("test:approvals", "system", "DEMO01"))
    assert result.clean, result


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_the_filing_screen_draws_the_lit_clips_pictures(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    first, second = tiny_clips(tmp_path / "clips", 2)
    seed_requests(services, clock, {"A.MP4": first.read_bytes(), "B.MP4": second.read_bytes()})
    app = create_app(services, list(badges.values()), clock=clock, pictures=PictureMode.HALFCELL)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", DEMO_PINS["1001"])
        await pilot.click("#file-clips")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FilingScreen)
        pictures = screen.query_one("#filing-pictures", ClipPictures)
        drawn = list(pictures.query(HalfcellImage))
        assert len(drawn) == 3 and all(image.image for image in drawn)
        lit = screen.query_one("#unfiled", SelectionList)
        clip = screen.clips[lit.get_option_at_index(0).value]
        assert [Path(str(image.image)) for image in drawn] == list(
            services.thumbnails.of_clip(clip)
        )
        caption = str(pictures.query_one(".caption", Static).content)
        assert caption == "Recorded 11-27 09:00 · 1 s · recorder DSJ-A002"
