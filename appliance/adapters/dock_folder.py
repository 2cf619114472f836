"""Provides the simulator dock: a folder whose sub-folders are docked simulator recorders.

The demo and the tests dock a recorder by moving its folder in, and undock it by moving it
out; this implements the DeviceWatcher port by comparing listings (no USB here).
"""

from __future__ import annotations

import threading
from pathlib import Path

from appliance.ports import DockEvent

SIMULATOR_USB_ID = "0000:0000"


class FolderWatcher:
    """Reports sub-folders of `root` appearing and disappearing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._known: set[str] = set()
        self._wake = threading.Event()

    def _listing(self) -> set[str]:
        return {p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")}

    def _as_event(self, action: str, name: str) -> DockEvent:
        return DockEvent(action, str(self.root / name), SIMULATOR_USB_ID, name, "simulator", "sim")

    def present(self) -> list[DockEvent]:
        """Every docked folder now, as "add" events."""
        self._known = self._listing()
        return [self._as_event("add", name) for name in sorted(self._known)]

    def poke(self) -> None:
        """Wake a waiting `wait` at once (after a folder was moved in or out)."""
        self._wake.set()

    def wait(self, timeout: float) -> DockEvent | None:
        """The next folder that appeared or disappeared, or None after timeout seconds."""
        event = self._diff()
        if event is None:
            self._wake.wait(timeout)
            self._wake.clear()
            event = self._diff()
        return event

    def _diff(self) -> DockEvent | None:
        now = self._listing()
        for name in sorted(now - self._known):
            self._known.add(name)
            return self._as_event("add", name)
        for name in sorted(self._known - now):
            self._known.discard(name)
            return self._as_event("remove", name)
        return None
