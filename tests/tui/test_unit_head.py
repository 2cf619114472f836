"""Provides the unit head's screen tests: who holds which recorder since when (Art. 14)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from tests.conftest import START
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tui.app import create_app
from tui.screens.dock import DockScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.unit_head import UnitHeadScreen


def cell(table: DataTable[object], row: str, column: str) -> str:
    """The plain text of one cell."""
    return str(table.get_cell(row, column))


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_unit_head_sees_holder_and_since_and_unlocks(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """The table names the holder and the time for a signed-out recorder; a lock is lifted."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    session = services.custody.sign_out(officer, "DSJ-B001", set(ALL_ITEMS))
    for _ in range(5):
        with pytest.raises(Refused):
            services.auth.sign_in("1002", "000000")
    clock.advance(3600)

    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", badges["2001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#unit")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UnitHeadScreen)
        table: DataTable[object] = screen.query_one("#recorders", DataTable)
        # The demo's four in the pool and one in repair (Art. 5(8)); the recorder of another
        # unit is not the unit's (Art. 9).
        assert table.row_count == 5
        assert cell(table, "DSJ-C001", "state") == "in repair"
        assert "DSJ-X001" not in {key.value for key in table.rows}
        assert cell(table, "DSJ-B001", "state") == "signed out"
        assert cell(table, "DSJ-B001", "holder") == "张伟 Zhang Wei"
        # Signed out at START (00:02 UTC): 08:02 in Beijing, though the clock is now 09:02.
        assert session.started_at == START
        assert cell(table, "DSJ-B001", "since") == "11-27 08:02"
        assert cell(table, "DSJ-A001", "state") == "available"
        assert cell(table, "DSJ-A001", "holder") == ""

        locked = screen.query_one("#locked", OptionList)
        assert [locked.get_option_at_index(i).id for i in range(locked.option_count)] == ["1002"]
        await pilot.click("#unlock")
        await settle(pilot)
        assert notice_text(app) == "Badge 1002 unlocked."
        person = services.registry.person("1002")
        assert person is not None and not person.locked
        assert locked.option_count == 1
        none = locked.get_option_at_index(0)
        assert (none.id, str(none.prompt), none.disabled) == (None, "No badge is locked.", True)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OfficerHomeScreen)


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_unit_head_returns_for_an_officer(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Art. 7: the unit head may close an officer's session; the session names who returned it."""
    services, badges = demo
    officer = services.auth.sign_in("1002", badges["1002"].pin)
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", badges["2001"].pin)
        await pilot.click("#return")
        await settle(pilot)
        await scan(pilot, "DSJ-A002")
        assert isinstance(app.screen, DockScreen)
        assert notice_text(app) == "Recorder DSJ-A002 returned at 08:02."
        assert services.custody.session_of("DSJ-A002") is None
        # The footage is the officer's, whoever returned the recorder (Art. 10).
        assert app.screen.holder_badge == "1002"


async def test_officer_cannot_open_unit_screen(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """An officer's menu has no unit button (the permission table, Art. 14)."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        assert not app.screen.query("#unit")
