"""Provides the double press's steps to registering a recorder at the kiosk (issue 12 item 4)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from tests.conftest import DEMO_PINS
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import KioskApp
from tui.screens.device_add import AddDeviceScreen
from tui.screens.devices import DevicesScreen


async def at_add_device(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The admin's form filled for a new recorder of this unit (the unit left empty)."""
    await sign_in(pilot, "9001", DEMO_PINS["9001"])
    await pilot.click("#devices")
    await settle(pilot)
    await pilot.click("#add")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AddDeviceScreen)
    for name, value in (("serial", "DSJ-D001"), ("brand", "Hikvision"), ("model", "DS-MH2311")):
        screen.query_one(f"#device-{name}", Input).value = value


def device_submitted_twice(app: KioskApp) -> None:
    """Enter twice on the unit, the form's last field (Enter elsewhere moves to the next one)."""
    field = app.screen.query_one("#device-unit", Input)
    for _ in range(2):
        field.post_message(Input.Submitted(field, field.value))


def device_added_once(app: KioskApp) -> None:
    """The list on top (over the home), the new recorder in it, said once."""
    assert isinstance(app.screen, DevicesScreen) and len(app.screen_stack) == 3
    line = notice_text(app)
    assert line == "Recorder DSJ-D001 (Hikvision DS-MH2311) is registered and in the pool."
    assert "DSJ-D001" in app.screen.rows


async def at_devices(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The admin's list of recorders, DSJ-A001 highlighted."""
    await sign_in(pilot, "9001", DEMO_PINS["9001"])
    await pilot.click("#devices")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DevicesScreen)
    screen.query_one("#devices-list", OptionList).highlighted = list(screen.rows).index("DSJ-A001")


def device_label_asked_once(app: KioskApp) -> None:
    """One label request queued for the service, said once (DESIGN §6)."""
    assert isinstance(app.screen, DevicesScreen) and len(app.screen.waiting) == 1
    assert notice_text(app) == "Label for DSJ-A001 asked for: the service signs and writes it."
