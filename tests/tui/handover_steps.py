"""Provides the steps to the kiosk's hand-over screen that the walk and the double press share."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot

from appliance.adapter_choices import handover_drive_folder
from appliance.adapters.clock import SettableClock
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services
from tests.conftest import DEMO_PINS
from tests.release.homes import seed
from tests.tui.helpers import settle, sign_in

# The Monday after 2026-W48 (the demo clock's week), 09:00 Beijing time.
HANDOVER_MONDAY = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def prepare_handover(services: Services, clock: SettableClock) -> None:
    """Monday after W48: two clips due, the registered drive docked (8 GB free)."""
    seed(services, services.settings.home / "walk-card", 2, size=40_000)
    plug(handover_drive_folder(services.settings), DEMO_DRIVE[0], free_bytes=8_000_000_000)
    clock.advance((HANDOVER_MONDAY - clock.now()).total_seconds())


async def open_handover(pilot: Pilot[None]) -> None:
    """The collector signs in and opens the weekly hand-over."""
    await sign_in(pilot, "3001", DEMO_PINS["3001"])
    await pilot.click("#handover")
    await settle(pilot)
