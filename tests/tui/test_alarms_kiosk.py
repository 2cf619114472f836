"""Alarms at the kiosk (Art. 14, DESIGN §13): listed in words, each acknowledged with a note.

An empty note is refused in one line and in the log; an acknowledged alarm leaves the list,
and a critical one leaves the idle board only then. The admin (IT) has the screen too; an
officer's home does not.
"""

from __future__ import annotations

import json

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.tui.alarm_steps import NOTE, at_alarms
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.alarms import AlarmsScreen


async def _back_to_the_board(pilot: Pilot[None]) -> None:
    await pilot.press("escape")
    await settle(pilot)
    await pilot.click("#sign-off")
    await settle(pilot)


def _lines(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_unit_head_acknowledges_alarms_with_a_note(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await at_alarms(pilot, services, clock)
        screen = app.screen
        assert isinstance(screen, AlarmsScreen)
        options = screen.query_one("#alarms", OptionList)
        first, second = _lines(options)
        assert first.endswith(" · warning · recorder of another unit · DSJ-X999"), first
        assert " · critical · archived file missing · 3f3f3f3f3f3f3f3f3f3…" in second, second

        note = screen.query_one("#alarm-note", Input)
        note.value = "   "
        screen.query_one("#acknowledge", Button).press()
        await settle(pilot)
        assert notice_text(app) == "Say what was done, in 1 to 500 characters."
        assert len(services.store.alarms.open_alarms()) == 2
        refused = services.store.audit_log.recent(1)[0]
        assert (refused.action, refused.outcome) == ("alarm_acknowledged", "refused")

        note.value = NOTE
        note.focus()
        await pilot.press("enter")  # from the note: Enter acknowledges too
        await settle(pilot)
        assert notice_text(app) == f"Alarm 1 acknowledged: {NOTE}"
        assert _lines(options) == [second]
        assert note.value == ""

        # The critical one is still on the idle board (the board counts what is open).
        await _back_to_the_board(pilot)
        assert shown(app, "#board-alarms").startswith("1 alarm waits for the unit head")

        await sign_in(pilot, "9001", badges["9001"].pin)
        await pilot.click("#alarms")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlarmsScreen)
        screen.query_one("#alarm-note", Input).value = "disk checked; restored from hand-over"
        screen.query_one("#acknowledge", Button).press()
        await settle(pilot)
        options = screen.query_one("#alarms", OptionList)
        assert _lines(options) == ["No alarm is waiting."]
        assert screen.query_one("#acknowledge", Button).disabled
        await _back_to_the_board(pilot)
        assert shown(app, "#board-alarms") == "No alarm waits for the unit head."

    acks = [e for e in services.store.audit_log.recent(30) if e.action == "alarm_acknowledged"]
    said = [(e.actor, e.outcome, json.loads(e.detail_json).get("note")) for e in reversed(acks)]
    assert said == [
        ("2001", "refused", None),
        ("2001", "ok", NOTE),
        ("9001", "ok", "disk checked; restored from hand-over"),
    ]
