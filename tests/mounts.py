"""Provides a Mounter for the tests: a "block device" is a prepared folder, mounted by name."""

from __future__ import annotations

from pathlib import Path

from appliance.config import DriverRule
from appliance.ports import DockEvent

# A mass-storage recorder's USB VID:PID, as a kiosk.toml driver rule names it.
CARD_USB_ID = "2e8a:0005"


class FolderMounter:
    """Mounts the folder registered for a device node; raises OSError for any other."""

    def __init__(self) -> None:
        self.cards: dict[str, Path] = {}
        self.unmounted: list[str] = []

    def mount(self, event: DockEvent, name: str) -> Path:
        """The folder standing in for the device's file system."""
        try:
            return self.cards[event.devnode]
        except KeyError:
            raise OSError(f"mount: {event.devnode}: wrong fs type") from None

    def writable(self, event: DockEvent, name: str) -> None:
        """Folders are writable already."""

    def unmount(self, event: DockEvent, name: str) -> None:
        """Note the unmount."""
        self.unmounted.append(event.devnode)


def card_rule(event: DockEvent) -> DriverRule | None:
    """The driver rule of the test kiosk: CARD_USB_ID is a mass-storage recorder."""
    if event.usb_id == CARD_USB_ID:
        return DriverRule(CARD_USB_ID, "mass_storage", "Generic", "UMS-1")
    return None


def card_event(devnode: str, usb_serial: str = "0123456789AB") -> DockEvent:
    """A mass-storage recorder's card arriving."""
    return DockEvent("add", devnode, CARD_USB_ID, usb_serial, "exfat", "usb")
