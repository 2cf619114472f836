"""Provides the simulator driver: a folder with DCIM clips and a status.json (DESIGN §7).

status.json holds what a real recorder would report: serial, brand, model,
main_battery_percent, spare_battery_percent, total_bytes, free_bytes, bitrate_bps, the
device clock as ISO text ("device_clock") or as an offset from true time
("clock_offset_seconds"), and the officer written into it ("officer").
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from appliance.adapters.clock import SystemClock
from appliance.adapters.recorder_fs import RecorderTree
from appliance.ports import ClipRef, Clock, DeviceIdentity, DeviceStatus, SkippedEntry

STATUS_FILE = "status.json"


class SimulatorError(OSError):
    """The simulator folder has no readable status.json."""


class SimulatorDriver:
    """A recorder made of a folder: implements every function of the port."""

    def __init__(self, root: Path, clock: Clock | None = None) -> None:
        self.root = root
        self._tree = RecorderTree(root)
        self._clock: Clock = clock or SystemClock()

    def _status(self) -> dict[str, Any]:
        try:
            raw = json.loads((self.root / STATUS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SimulatorError(f"unreadable {STATUS_FILE}: {exc}") from None
        if not isinstance(raw, dict):
            raise SimulatorError(f"{STATUS_FILE} is not an object")
        return raw

    def _write_status(self, status: dict[str, Any]) -> None:
        # Replace atomically: a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".status-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(status, stream, ensure_ascii=False, indent=2, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.root / STATUS_FILE)

    def identify(self) -> DeviceIdentity:
        """Serial, brand and model from status.json."""
        status = self._status()
        return DeviceIdentity(
            str(status.get("serial", "")),
            str(status.get("brand", "")),
            str(status.get("model", "")),
        )

    def status(self) -> DeviceStatus:
        """Batteries, card space, clock and bitrate, as status.json states them."""
        status = self._status()
        return DeviceStatus(
            main_battery_percent=_int(status.get("main_battery_percent")),
            spare_battery_percent=_int(status.get("spare_battery_percent")),
            free_bytes=_int(status.get("free_bytes")),
            total_bytes=_int(status.get("total_bytes")),
            device_clock=self._device_clock(status),
            bitrate_bps=_int(status.get("bitrate_bps")),
        )

    def _device_clock(self, status: dict[str, Any]) -> datetime | None:
        text = status.get("device_clock")
        if isinstance(text, str) and text:
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                return None
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        offset = status.get("clock_offset_seconds")
        if isinstance(offset, int | float) and not isinstance(offset, bool):
            return self._clock.now() + timedelta(seconds=float(offset))
        return None

    def sync_clock(self, now: datetime) -> None:
        """Set the device clock to `now` (kept as an offset from the simulator's clock)."""
        status = self._status()
        status.pop("device_clock", None)
        status["clock_offset_seconds"] = (now - self._clock.now()).total_seconds()
        self._write_status(status)

    def write_officer(self, badge: str, name: str, unit: str) -> None:
        """Store the holder's identity in status.json."""
        status = self._status()
        status["officer"] = {"badge": badge, "name": name, "unit": unit}
        self._write_status(status)

    def clips(self) -> list[ClipRef]:
        """Every regular file under DCIM (and the other footage folders)."""
        return self._tree.clips()

    def skipped(self) -> list[SkippedEntry]:
        """What the last clips() passed over, and why."""
        return self._tree.skipped()

    def open(self, clip: ClipRef) -> BinaryIO:
        """A read-only stream of one clip."""
        return self._tree.open(clip)

    def delete(self, clip: ClipRef) -> None:
        """Remove one clip and give its space back on the simulated card."""
        self._tree.delete(clip)
        status = self._status()
        free = _int(status.get("free_bytes"))
        if free is not None:
            status["free_bytes"] = free + clip.size
            self._write_status(status)


def _int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def create_simulator(
    root: Path, serial: str, brand: str = "", model: str = "", **status: Any
) -> SimulatorDriver:
    """Make a simulator folder (DCIM/ and status.json) and return its driver."""
    (root / "DCIM").mkdir(parents=True, exist_ok=True)
    content: dict[str, Any] = {
        "serial": serial,
        "brand": brand,
        "model": model,
        "main_battery_percent": 100,
        "spare_battery_percent": 100,
        "total_bytes": 64 * 1024**3,
        "free_bytes": 60 * 1024**3,
        "clock_offset_seconds": 0.0,
        "bitrate_bps": 8_000_000,
    }
    content.update(status)
    driver = SimulatorDriver(root)
    driver._write_status(content)
    return driver
