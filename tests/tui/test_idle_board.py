"""Provides the idle board tests: the unit's recorders and alarms, from the database, refreshed.

Issue 9 item 5: the board is read through the overview service on a timer; here the timer is
called by hand and the clock is the injected one, so nothing sleeps.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Digits, Static

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.records import Actor
from appliance.services.alarms import raise_alarm
from tests.tui.helpers import settle, shown
from tests.tui.test_failed_check import read_the_dock
from tui.app import create_app
from tui.screens.idle import IdleScreen


def cells(app: object, serial: str) -> list[str]:
    from tui.app import KioskApp

    assert isinstance(app, KioskApp)
    table = app.screen.query_one("#board-table", DataTable)
    return [str(cell) for cell in table.get_row(serial)]


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_the_board_shows_charge_offload_readiness_and_alarms(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IdleScreen)
        # Nothing docked yet: no reading, no offload, and no alarm.
        assert cells(app, "DSJ-B002") == ["DSJ-B002", "", "not docked yet", "not read yet"]
        assert shown(app, "#board-alarms") == "No alarm waits for the unit head."
        # 00:02 UTC is 08:02 in Beijing, a Friday.
        assert shown(app, "#clock-date") == "Friday 2026-11-27"

        # The dock service reads every recorder (in the database, not through the screen).
        read_the_dock(services)
        officer = services.auth.sign_in("1001", badges["1001"].pin)
        services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
        with services.store.transaction():
            raise_alarm(
                services.ctx,
                Actor("dock", "admin", services.settings.unit_code),
                "warning",
                "foreign_unit",
                "DSJ-X9",
            )
        clock.advance(180)
        # Unchanged until the timer fires.
        assert cells(app, "DSJ-B002")[1] == ""
        screen.refresh_board()
        await settle(pilot)

        assert app.screen.query_one("#clock-time", Digits).value == "08:05"
        assert cells(app, "DSJ-B002") == ["DSJ-B002", "45%", "no footage", "check fails"]
        assert cells(app, "DSJ-A001") == ["DSJ-A001", "96%", "no footage", "ready"]
        assert cells(app, "DSJ-A002")[3] == "signed out"
        # The demo's own recorder of another unit (DSJ-X001, Art. 9) was read too.
        assert shown(app, "#board-alarms") == (
            "2 alarms wait for the unit head (Art. 14): recorder of another unit."
        )
        assert "-alarm" in app.screen.query_one("#board-alarms", Static).classes
        # The board names recorders only: no holder's name on a screen anyone can read.
        table = app.screen.query_one("#board-table", DataTable)
        everything = " ".join(
            str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)
        )
        assert "Zhang" not in everything and "1001" not in everything
