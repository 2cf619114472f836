"""Provides the hand-over drive at the box's USB ports: udev says it arrived, bwc-mount@ mounts it.

The same watcher and mount step as the recorders' (DESIGN §1): the drive is mounted read-only
first, then remounted writable for the package (nosuid, nodev, noexec throughout).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from appliance.adapters import drive_files
from appliance.ports import DeviceWatcher, DockEvent, Mounter


def mount_name(drive: DockEvent) -> str:
    """The directory under the media root: the drive's serial (checked by the mount step)."""
    return drive.serial or Path(drive.devnode).name


class UsbDriveDock:
    """The DriveDock port over a DeviceWatcher (udev) and a Mounter (bwc-mount@.service)."""

    def __init__(self, watcher: Callable[[], DeviceWatcher], mounter: Mounter) -> None:
        # The watcher is made on first use: udev is there only on a box.
        self._make_watcher = watcher
        self._watcher: DeviceWatcher | None = None
        self._pending: list[DockEvent] = []
        self._mounter = mounter

    def wait(self, timeout: float) -> DockEvent | None:
        """The next USB block device with a file system that arrived, or None."""
        if self._watcher is None:
            self._watcher = self._make_watcher()
            self._pending = [e for e in self._watcher.present() if _is_usb_storage(e)]
        if self._pending:
            return self._pending.pop(0)
        event = self._watcher.wait(timeout)
        if event is not None and event.action in ("add", "change") and _is_usb_storage(event):
            return event
        return None

    def mount(self, drive: DockEvent) -> Path:
        """Read-only at first (the mount step's rule), then writable for the package."""
        name = mount_name(drive)
        mount_point = self._mounter.mount(drive, name)
        self._mounter.writable(drive, name)
        return mount_point

    def free_bytes(self, mount_point: Path) -> int:
        """statvfs of the mounted drive."""
        return drive_files.free_bytes(mount_point)

    def flush(self, root: Path) -> None:
        """fsync and drop the package from the page cache before it is read back."""
        drive_files.flush(root)

    def release(self, drive: DockEvent) -> None:
        """sync, then unmount: the drive may be pulled."""
        os.sync()
        self._mounter.unmount(drive, mount_name(drive))


def _is_usb_storage(event: DockEvent) -> bool:
    return bool(event.fs_type) and event.bus == "usb"
