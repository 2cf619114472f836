"""Provides the tests that navigation goes up to the app and is acted on from the top screen only.

STYLE 10: a screen asks the app to move the stack; a doubled request, or one from a screen no
longer on top (a worker's result after a sign-off), changes nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Button, Checkbox, OptionList

from appliance.adapters.clock import SettableClock
from tests.conftest import DEMO_PINS
from tests.demo_homes import demo_copy
from tests.tui.gate import GatedClock
from tests.tui.helpers import scan, settle, sign_in
from tui.app import create_app
from tui.screens.checklist import ChecklistScreen
from tui.screens.idle import IdleScreen
from tui.screens.sign_out import SignOutScreen


async def test_a_doubled_open_stacks_one_screen(tmp_path: Path, clock: SettableClock) -> None:
    """Two presses of a menu button, and two picks of a recorder, each open one screen."""
    services, badges = demo_copy(tmp_path / "home", "en", clock, DEMO_PINS)
    app = create_app(services, badges)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", DEMO_PINS["1001"])
        button = app.screen.query_one("#sign-out", Button)
        button.press()
        button.press()
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen) and len(app.screen_stack) == 3
        options = app.screen.query_one("#available", OptionList)
        options.highlighted = 0
        options.action_select()
        options.action_select()
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen) and len(app.screen_stack) == 4


async def test_a_command_outlives_its_screen_and_shows_nothing_over_idle(
    tmp_path: Path, clock: SettableClock
) -> None:
    """The idle timeout signs off mid sign-out: the sign-out still commits (never cancelled),
    and its confirmation does not appear above the idle screen for the next person."""
    gate = GatedClock(clock)
    services, badges = demo_copy(tmp_path / "home", "en", gate, DEMO_PINS)
    app = create_app(services, badges, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", DEMO_PINS["1001"])
        await pilot.click("#sign-out")
        await settle(pilot)
        await scan(pilot, "DSJ-A001")
        for box in app.screen.query(Checkbox):
            box.value = True
        await pilot.pause()
        before = services.store.audit_log.count()
        gate.arm()
        await pilot.click("#confirm")
        assert await asyncio.to_thread(gate.entered.wait, 30)
        clock.advance(services.settings.idle_timeout_seconds)
        app.check_idle_timeout()
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)
        gate.release()
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen) and len(app.screen_stack) == 1
    written = [(e.action, e.outcome) for e in services.store.audit_log.iterate(after_seq=before)]
    assert sorted(written) == [("sign_off", "ok"), ("sign_out", "ok")]
    session = services.custody.session_of("DSJ-A001")
    assert session is not None and session.holder_badge == "1001"
