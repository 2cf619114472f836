"""Provides the demo's recorders: simulator folders, the hands that dock them, and footage.

A real officer lifts a recorder out of the dock, films a shift and puts it back; in the demo
these hands move simulator folders between `dock/` (watched by `bwc dock --simulator`) and
`field/`, and film with ffmpeg. Never used on a real box.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from appliance.adapters.drive_simulator import plug
from appliance.adapters.simulator import create_simulator
from appliance.ports import Clock

# Small and quick: the demo films a shift in about a second per clip.
_VIDEO = "testsrc2=size=320x240:rate=15:d={seconds}"
_AUDIO = "sine=frequency={hz}:d={seconds}"
# The demo unit's hand-over drive (Art. 12(2)): its serial and label, as kiosk.toml registers it.
DEMO_DRIVE = ("DEMO-USB-01", "演示移交盘 Demo hand-over drive")


@dataclass(frozen=True)
class DemoShift:
    """What the demo films between sign-out and return."""

    clips: int = 4
    seconds: int = 3


class SimulatorHands:
    """Docks and undocks the demo's simulator recorders: the DemoHands port, on folders."""

    def __init__(
        self,
        home: Path,
        clock: Clock,
        shift: DemoShift | None = None,
        drive_dir: Path | None = None,
    ) -> None:
        # Where the demo's hand-over drive is plugged in (the simulated DriveDock's folder).
        self.drive_dir = drive_dir or home / "handover-drives"
        self.dock_dir = home / "sim" / "dock"
        self.field_dir = home / "sim" / "field"
        self._clock = clock
        self._shift = shift or DemoShift()
        self.dock_dir.mkdir(parents=True, exist_ok=True)
        self.field_dir.mkdir(parents=True, exist_ok=True)

    def create(
        self,
        serial: str,
        brand: str,
        model: str,
        clock_offset_seconds: float,
        main_battery_percent: int = 100,
    ) -> Path:
        """A new recorder, charging in the dock, its clock drifted by the given offset."""
        root = self.dock_dir / serial
        if not root.exists():
            create_simulator(
                root,
                serial,
                brand,
                model,
                clock_offset_seconds=clock_offset_seconds,
                main_battery_percent=main_battery_percent,
                free_bytes=60 * 1024**3,
            )
        return root

    def docked(self, serial: str) -> bool:
        """True while the recorder sits in the dock."""
        return (self.dock_dir / serial).is_dir()

    def take(self, serial: str) -> None:
        """The officer lifts the recorder out of the dock (after signing it out)."""
        source = self.dock_dir / serial
        if source.is_dir():
            source.rename(self.field_dir / serial)

    def film(self, serial: str, start: datetime, end: datetime) -> list[Path]:
        """Film a shift between start and end onto a recorder in the field, named as it would.

        The clips are spread over the custody session, so each belongs to it (Art. 8, 10).
        """
        root = self.field_dir / serial / "DCIM" / "100MEDIA"
        root.mkdir(parents=True, exist_ok=True)
        existing = len(list(root.glob("*.MP4")))
        step = (end - start) / (self._shift.clips + 1)
        made = []
        for index in range(self._shift.clips):
            at = start + step * (index + 1)
            name = f"{serial}_{at:%Y%m%d_%H%M%S}_{existing + index + 1:04d}.MP4"
            made.append(self._encode(root / name, at, with_audio=index != 2))
        return made

    def dock_drive(self) -> None:
        """The collector (or an exporter) plugs the demo's registered hand-over drive in."""
        plug(self.drive_dir, DEMO_DRIVE[0])

    def put_back(self, serial: str, signed_out_at: datetime | None = None) -> None:
        """The officer docks the recorder again, with the shift's footage on it."""
        if not (self.field_dir / serial).is_dir():
            return
        end = self._clock.now()
        start = signed_out_at or end - timedelta(hours=2)
        self.film(serial, start, end)
        (self.field_dir / serial).rename(self.dock_dir / serial)

    def _encode(self, target: Path, at: datetime, with_audio: bool) -> Path:
        seconds = self._shift.seconds
        argv = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", _VIDEO.format(seconds=seconds)]
        if with_audio:
            argv += ["-f", "lavfi", "-i", _AUDIO.format(hz=440, seconds=seconds), "-c:a", "aac"]
        argv += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        argv += ["-metadata", f"creation_time={at:%Y-%m-%dT%H:%M:%SZ}", "-f", "mp4"]
        partial = target.with_name(target.name + ".tmp")
        subprocess.run([*argv, str(partial)], check=True, timeout=120, capture_output=True)  # noqa: S603
        partial.rename(target)
        return target


def ffmpeg_available() -> bool:
    """True when the demo can film."""
    return shutil.which("ffmpeg") is not None
