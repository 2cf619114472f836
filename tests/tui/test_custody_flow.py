"""Provides the Pilot test of a whole custody cycle: scan, PIN, check, sign out, return."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Checkbox, OptionList

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from tests.conftest import START
from tests.tui.helpers import notice_text, scan, settle, shown, state_of
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.checklist import ChecklistScreen
from tui.screens.dock import DockScreen
from tui.screens.done import DoneScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.returns import ReturnScreen
from tui.screens.sign_out import SignOutScreen


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_sign_out_and_return_by_scanner(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Art. 4 and 10: the badge is typed as a scanner types, every item confirmed one by one."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, IdleScreen)
        await scan(pilot, "1001")
        assert isinstance(app.screen, PinDialog)
        await scan(pilot, badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        assert app.actor is not None and app.actor.actor_id == "1001"

        await pilot.click("#sign-out")
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)
        await scan(pilot, "DSJ-A001")
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.query_one("#confirm", Button).disabled
        # Tick each box in turn with the keyboard, as the officer checks each item.
        for item in ALL_ITEMS:
            box = app.screen.query_one(f"#item-{item.value}", Checkbox)
            box.focus()
            await pilot.press("space")
            assert box.value
        await pilot.click("#confirm")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        session = services.custody.session_of("DSJ-A001")
        assert session is not None and session.holder_badge == "1001"
        assert session.started_at == START
        # Art. 10 in the officer's own time: 00:02 UTC is 08:02 on the kiosk's wall clock.
        expected = "You are responsible for recorder DSJ-A001 from 08:02 (Art. 10)."
        assert shown(app, "#done-line") == expected
        assert state_of(services, "DSJ-A001") is RecorderState.SIGNED_OUT

        await pilot.click("#menu")
        await settle(pilot)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#return")
        await settle(pilot)
        assert isinstance(app.screen, ReturnScreen)
        options = app.screen.query_one("#returnable", OptionList)
        assert options.option_count == 1
        options.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        # Art. 12(1): the return leads to the footage of the shift, followed live.
        assert isinstance(app.screen, DockScreen), notice_text(app)
        assert "DSJ-A001" in notice_text(app)
        assert services.custody.session_of("DSJ-A001") is None
        assert services.custody.held_by("1001") == []
        assert state_of(services, "DSJ-A001") is RecorderState.AVAILABLE
        await pilot.click("#done")
        await settle(pilot)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#sign-off")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert app.actor is None

    # The log holds the whole visit, in order (Art. 10, DESIGN §5).
    visit = [
        (e.action, e.object_id, e.outcome) for e in reversed(services.store.audit_log.recent(4))
    ]
    assert visit == [
        ("sign_in", "1001", "ok"),
        ("sign_out", "DSJ-A001", "ok"),
        ("return", "DSJ-A001", "ok"),
        ("sign_off", "1001", "ok"),
    ]


async def test_scan_goes_to_the_scan_field_wherever_the_focus_is(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """STYLE 13: a label scanned while the list has the focus is read, not the highlighted row."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")  # focus leaves the badge field (to the demo's Quit button)
        await scan(pilot, "1001")
        assert isinstance(app.screen, PinDialog)
        await pilot.press("tab")  # to the Sign in button
        await scan(pilot, badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#sign-out")
        await settle(pilot)
        options = app.screen.query_one("#available", OptionList)
        options.focus()
        await pilot.press("down")  # a row of the list highlighted, not the one scanned
        await scan(pilot, "DSJ-B002")
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.serial == "DSJ-B002"
