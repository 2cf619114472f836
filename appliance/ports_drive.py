"""Provides the hand-over drive's port: a USB drive docked, mounted writable, flushed (Art. 12(2)).

`appliance.ports` re-exports every name here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from appliance.ports import DockEvent


class DriveDock(Protocol):
    """Where the information collector docks the hand-over drive.

    It says what arrives and mounts what it is asked to; whether a drive may take footage
    (registered by serial in kiosk.toml) is the hand-over service's decision, not the port's.
    """

    def wait(self, timeout: float) -> DockEvent | None:
        """The next drive that arrived (those docked before the first call count), or None."""
        ...

    def mount(self, drive: DockEvent) -> Path:
        """Mount the drive writable (nosuid, nodev, noexec); its mount point."""
        ...

    def free_bytes(self, mount_point: Path) -> int:
        """The bytes that can still be written at the mount point."""
        ...

    def flush(self, root: Path) -> None:
        """Write everything under root out to the medium and drop it from the page cache.

        The verification that follows then reads the drive, not the copy in memory.
        """
        ...

    def release(self, drive: DockEvent) -> None:
        """Flush and unmount: the drive may be pulled (a drive already gone is fine)."""
        ...
