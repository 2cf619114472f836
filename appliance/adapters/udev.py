"""Provides the udev watcher (pyudev): USB block devices arriving at and leaving the dock."""

from __future__ import annotations

from typing import Any

import pyudev

from appliance.ports import DockEvent


def _event(action: str, device: Any) -> DockEvent:
    properties = device.properties
    vendor = str(properties.get("ID_VENDOR_ID", "")).lower()
    product = str(properties.get("ID_MODEL_ID", "")).lower()
    return DockEvent(
        action=action,
        devnode=str(device.device_node or ""),
        usb_id=f"{vendor}:{product}" if vendor and product else "",
        serial=str(properties.get("ID_SERIAL_SHORT", "")),
        fs_type=str(properties.get("ID_FS_TYPE", "")),
        bus=str(properties.get("ID_BUS", "")),
    )


class UdevWatcher:
    """Block devices as udev (after its rules ran) reports them; the DeviceWatcher port."""

    def __init__(self) -> None:
        self._context = pyudev.Context()
        self._monitor = pyudev.Monitor.from_netlink(self._context, source="udev")
        self._monitor.filter_by(subsystem="block")
        # Start listening before enumerating so nothing slips between the two.
        self._monitor.start()

    def present(self) -> list[DockEvent]:
        """Block devices that carry a file system now."""
        found = []
        for device in self._context.list_devices(subsystem="block"):
            if device.properties.get("ID_FS_TYPE") and device.device_node:
                found.append(_event("add", device))
        return found

    def wait(self, timeout: float) -> DockEvent | None:
        """The next add/remove/change event, or None after timeout seconds."""
        device = self._monitor.poll(timeout=timeout)
        if device is None:
            return None
        return _event(str(device.action or "change"), device)
