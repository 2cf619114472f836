"""Provides the steps to the unit's day that its test and the walk share (Art. 14)."""

from __future__ import annotations

from textual.pilot import Pilot

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from tests.conftest import DEMO_PINS
from tests.tui.alarm_steps import raise_two
from tests.tui.helpers import settle, sign_in


def make_a_day(services: Services, clock: SettableClock) -> None:
    """A day with findings, through the services: 1001's recorder back empty two hours
    later (F1), the unit head reporting a lens fault (F9) and two alarms raised."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    clock.advance(2 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    clock.advance(60)
    services.lifecycle.report_fault(head, "DSJ-A002", "lens", "the lens is cracked")
    clock.advance(60)
    raise_two(services, clock)


async def open_day(pilot: Pilot[None], badge: str = "2001") -> None:
    """Sign in and open the unit's day from the home menu."""
    await sign_in(pilot, badge, DEMO_PINS[badge])
    await pilot.click("#day")
    await settle(pilot)


async def at_day(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The unit head at today's page, with its findings, alarms and custody."""
    make_a_day(services, clock)
    await open_day(pilot)
