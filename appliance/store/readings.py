"""Provides the repository of recorder readings and of the clock drift ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from appliance.ports import DeviceStatus
from appliance.store.db import database
from appliance.store.timefmt import from_text, to_text


@dataclass(frozen=True)
class Reading:
    """A recorder's self-report at one instant, with its clock offset after the sync."""

    serial: str
    at: datetime
    status: DeviceStatus
    clock_offset_after_sync: float | None


def add_reading(
    serial: str, at: datetime, status: DeviceStatus, offset_after_sync: float | None
) -> None:
    """Store one reading."""
    database.execute_sql(
        "INSERT INTO recorder_reading (serial, at, main_battery_percent, spare_battery_percent,"
        " free_bytes, total_bytes, bitrate_bps, clock_offset_after_sync)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            serial,
            to_text(at),
            status.main_battery_percent,
            status.spare_battery_percent,
            status.free_bytes,
            status.total_bytes,
            status.bitrate_bps,
            offset_after_sync,
        ),
    )


def latest_reading(serial: str) -> Reading | None:
    """The newest reading of a recorder."""
    row = database.execute_sql(
        "SELECT at, main_battery_percent, spare_battery_percent, free_bytes, total_bytes,"
        " bitrate_bps, clock_offset_after_sync FROM recorder_reading WHERE serial = ?"
        " ORDER BY at DESC, id DESC LIMIT 1",
        (serial,),
    ).fetchone()
    if row is None:
        return None
    status = DeviceStatus(row[1], row[2], row[3], row[4], None, row[5])
    return Reading(serial, from_text(row[0]), status, row[6])


def add_drift(serial: str, at: datetime, device_clock: datetime, offset_seconds: float) -> None:
    """Record the device clock offset measured before a sync (DESIGN §7)."""
    database.execute_sql(
        "INSERT INTO drift_ledger (serial, at, device_clock, offset_seconds) VALUES (?, ?, ?, ?)",
        (serial, to_text(at), to_text(device_clock), offset_seconds),
    )


def drift_before(serial: str, at: datetime) -> float | None:
    """The offset (device minus true time, seconds) measured at the first sync after `at`.

    A clip recorded at device time T was recorded at true time T - offset, where offset is the
    one the ledger measured at the next sync: the drift that had built up by then.
    """
    row = database.execute_sql(
        "SELECT offset_seconds FROM drift_ledger WHERE serial = ? AND at >= ?"
        " ORDER BY at ASC, id ASC LIMIT 1",
        (serial, to_text(at)),
    ).fetchone()
    if row is None:
        row = database.execute_sql(
            "SELECT offset_seconds FROM drift_ledger WHERE serial = ? ORDER BY at DESC, id DESC"
            " LIMIT 1",
            (serial,),
        ).fetchone()
    return None if row is None else float(row[0])
