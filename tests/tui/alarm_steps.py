"""Provides the steps to the alarms screen that its test, the walk and the double press share."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.domain.records import Actor
from appliance.services.alarms import raise_alarm
from tests.conftest import DEMO_PINS
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import KioskApp

SYSTEM = Actor("os:test", "system", "DEMO01")
NOTE = "DSJ-X999 given back to its unit"


def raise_two(services: Services, clock: SettableClock) -> tuple[int, int]:
    """A foreign recorder (warning), then a missing archived file (critical)."""
    foreign = raise_alarm(services.ctx, SYSTEM, "warning", "foreign_unit", "DSJ-X999")
    clock.advance(60)
    missing = raise_alarm(services.ctx, SYSTEM, "critical", "archive_missing", "3f" * 32)
    clock.advance(60)
    return foreign, missing


async def at_alarms(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Two alarms raised; the unit head at the alarms screen, the first one's note typed."""
    raise_two(services, clock)
    await sign_in(pilot, "2001", DEMO_PINS["2001"])
    await pilot.click("#alarms")
    await settle(pilot)
    pilot.app.screen.query_one("#alarm-note", Input).value = NOTE
    await settle(pilot)


def acknowledged_once(app: KioskApp) -> None:
    assert notice_text(app) == f"Alarm 1 acknowledged: {NOTE}"
