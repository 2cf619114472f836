"""Provides the choice of recorder driver by rule: mass storage or the simulator (DESIGN §7).

The DriverFactory port: the composition root hands it to the dock service and to `bwc
offload`, so nothing outside the adapters names a driver class.
"""

from __future__ import annotations

from pathlib import Path

from appliance.adapters.dock_folder import SIMULATOR_USB_ID
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.adapters.simulator import SimulatorDriver
from appliance.config import DriverRule
from appliance.ports import Clock, DockEvent, RecorderDriver


class RecorderDrivers:
    """Builds the driver a card or a docked device needs."""

    def __init__(self, clock: Clock) -> None:
        # The simulator's device clock runs on the services' clock (tests set it).
        self._clock = clock

    def for_folder(self, root: Path, fallback_serial: str | None = None) -> RecorderDriver:
        """A card mounted or copied at root: any recorder that is a USB disk."""
        return MassStorageDriver(root, fallback_serial=fallback_serial)

    def for_event(
        self, event: DockEvent, rule: DriverRule, mount_root: Path | None
    ) -> RecorderDriver:
        """The simulator folder the event names, or the card mounted at mount_root."""
        if rule.driver == "simulator":
            return SimulatorDriver(Path(event.devnode), self._clock)
        if mount_root is None:
            raise OSError("no mount helper configured")
        return MassStorageDriver(mount_root, None, rule.brand, rule.model)

    def own_rule(self, event: DockEvent) -> DriverRule | None:
        """The simulator dock's folders (FolderWatcher) are simulator recorders."""
        if event.usb_id == SIMULATOR_USB_ID and event.bus == "sim":
            return DriverRule(SIMULATOR_USB_ID, "simulator")
        return None
