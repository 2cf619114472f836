"""Provides what a recorder reports of itself (Art. 4) and the clock drift measured (§7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DeviceStatus:
    """What a recorder can report of itself for the pre-shift check (Art. 4); None = unknown."""

    main_battery_percent: int | None = None
    spare_battery_percent: int | None = None
    free_bytes: int | None = None
    total_bytes: int | None = None
    device_clock: datetime | None = None
    bitrate_bps: int | None = None


@dataclass(frozen=True)
class Reading:
    """A recorder's self-report at one instant, with its clock offset after the sync."""

    serial: str
    at: datetime
    status: DeviceStatus
    clock_offset_after_sync: float | None


@dataclass(frozen=True)
class DriftMeasure:
    """The device clock's offset from ours, measured before a sync (DESIGN §7)."""

    serial: str
    at: datetime
    device_clock: datetime
    offset_seconds: float
