"""Provides the double-press tests: every command commits once and shows its result once.

Issue 8: a double click, a second Enter or a scanner's double read while the first command is
being recorded must do nothing more. The services' clock (the Clock port) is gated: every
command reads it before it commits, so the first one waits in flight while the test presses
again, then both are let go.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList

from appliance.adapters.clock import SettableClock
from tests.conftest import DEMO_PINS
from tests.demo_homes import demo_copy
from tests.tui.command_triggers import command_triggers
from tests.tui.double_press_rows import ROWS
from tests.tui.gate import GatedClock
from tests.tui.helpers import settle
from tui.app import KioskApp, create_app


def test_every_command_trigger_has_a_double_press_row() -> None:
    """A new command button (or Enter, or list pick) without a row here fails this test."""
    assert set(ROWS) == command_triggers()


def fire_twice(app: KioskApp, trigger: str) -> None:
    """Two presses of the trigger, both queued before the screen handles the first."""
    _, message, *selected = trigger.split(" ")
    selector = selected[0] if selected else None
    screen = app.screen
    for _ in range(2):
        if message == "Button.Pressed":
            screen.query_one(selector or "Button", Button).press()
        elif message == "Input.Submitted":
            field = screen.query_one(selector or "Input", Input)
            field.post_message(Input.Submitted(field, field.value))
        elif message == "OptionList.OptionSelected":
            screen.query_one(selector or "OptionList", OptionList).action_select()
        else:
            raise AssertionError(f"no default way to fire {trigger}; give the row a fire=")


async def press_again(pilot: Pilot[None], trigger: str) -> None:
    """A person presses again: a click on the trigger if it is still there, then Enter."""
    selected = trigger.split(" ")[2:]
    if selected and pilot.app.screen.query(selected[0]):
        await pilot.click(selected[0])
    await pilot.press("enter")


async def try_to_leave(pilot: Pilot[None]) -> None:
    """Escape, Back or Cancel while the command is recorded: its outcome must still show."""
    await pilot.press("escape")
    for way_out in ("#back", "#cancel", "#menu"):
        if pilot.app.screen.query(way_out):
            await pilot.click(way_out)


@pytest.mark.parametrize("trigger", sorted(ROWS))
async def test_a_double_press_commits_once_and_shows_once(
    tmp_path: Path, clock: SettableClock, trigger: str
) -> None:
    row = ROWS[trigger]
    gate = GatedClock(clock)
    services, badges = demo_copy(tmp_path / "home", "en", gate, DEMO_PINS)
    seen: list[Message] = []
    app = create_app(services, badges, clock=clock)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await row.arrive(pilot, services, clock)
        first_event, first_message = services.store.audit_log.count(), len(seen)
        gate.arm()
        (row.fire or (lambda kiosk: fire_twice(kiosk, trigger)))(app)
        if row.then is not None:
            await row.then(pilot)
        # The first command is in flight: its worker waits at the gate.
        assert await asyncio.to_thread(gate.entered.wait, 30)
        await (row.again or (lambda p: press_again(p, trigger)))(pilot)
        await try_to_leave(pilot)
        await pilot.pause()
        gate.release()
        await settle(pilot)

        row.shown(app)
        if row.result is not None:
            results = [m for m in seen[first_message:] if isinstance(m, row.result)]
            assert len({id(message) for message in results}) == 1
    written = list(services.store.audit_log.iterate(after_seq=first_event))
    assert [e.outcome for e in written if e.action == row.action] == ["ok"] * row.commits
    # Nothing was tried a second time and refused (e.g. "recorder not available"); an
    # export's `started` mark (the approval used before the package is written) is no try.
    assert [e.action for e in written if e.outcome not in ("ok", "started")] == []
    assert [e.action for e in written if e.outcome == "started"] in ([], ["disclosure_export"])
