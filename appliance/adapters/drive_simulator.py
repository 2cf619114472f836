"""Provides the simulated hand-over drive: a folder per drive, named by its serial.

The demo and the tests dock a drive by making its folder under the dock folder (`plug`);
the folder is the drive's content. A file `.<serial>.free` beside it, if there, says how many
bytes the drive has free, so a drive too small can be simulated.
"""

from __future__ import annotations

import os
from pathlib import Path

from appliance.adapters import drive_files
from appliance.adapters.dock_folder import FolderWatcher
from appliance.ports import DockEvent


def plug(root: Path, serial: str, free_bytes: int | None = None) -> Path:
    """Dock a simulated drive (made empty if new); its folder."""
    root.mkdir(parents=True, exist_ok=True)
    budget = root / f".{serial}.free"
    if free_bytes is None:
        budget.unlink(missing_ok=True)
    else:
        budget.write_text(f"{free_bytes}\n", encoding="ascii")
    drive = root / serial
    drive.mkdir(exist_ok=True)
    return drive


class SimulatedDriveDock:
    """The DriveDock port over a folder of simulated drives."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._watcher = FolderWatcher(root)
        self._started = False
        self._pending: list[DockEvent] = []

    def wait(self, timeout: float) -> DockEvent | None:
        """The next folder that appeared (those already there first), or None."""
        if not self._started:
            self._started = True
            self._pending = self._watcher.present()
        if self._pending:
            return self._pending.pop(0)
        event = self._watcher.wait(timeout)
        return event if event is not None and event.action == "add" else None

    def mount(self, drive: DockEvent) -> Path:
        """The drive's folder itself (it must be one of the dock folder's)."""
        folder = Path(drive.devnode)
        if folder.parent != self.root or not folder.is_dir() or folder.is_symlink():
            raise OSError(f"not a simulated drive: {drive.devnode!r}")
        return folder

    def free_bytes(self, mount_point: Path) -> int:
        """The simulated budget less what is on the drive, else the real free space."""
        budget = self.root / f".{mount_point.name}.free"
        try:
            total = int(budget.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return drive_files.free_bytes(mount_point)
        used = sum(
            (Path(d) / f).stat().st_size for d, _, files in os.walk(mount_point) for f in files
        )
        return max(0, total - used)

    def flush(self, root: Path) -> None:
        """fsync and drop from the page cache, as on a real drive."""
        drive_files.flush(root)

    def release(self, drive: DockEvent) -> None:
        """Nothing to unmount: the folder stays, as a drive left in the port."""
