"""Provides the repository of recorder readings and of the clock drift ledger."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.readings import DeviceStatus, DriftMeasure, Reading
from appliance.store.models import DriftLedgerRow, RecorderReadingRow
from appliance.store.repo import Repository
from appliance.store.timefmt import from_text, to_text


class ReadingRepository(Repository):
    """What docked recorders reported, and how far their clocks had drifted."""

    def add_reading(self, reading: Reading) -> None:
        """Store one reading (the device clock itself is not kept: the ledger has it)."""
        status = reading.status
        self._run(
            RecorderReadingRow.insert(
                serial=reading.serial,
                at=to_text(reading.at),
                main_battery_percent=status.main_battery_percent,
                spare_battery_percent=status.spare_battery_percent,
                free_bytes=status.free_bytes,
                total_bytes=status.total_bytes,
                bitrate_bps=status.bitrate_bps,
                clock_offset_after_sync=reading.clock_offset_after_sync,
            )
        )

    def latest_reading(self, serial: str) -> Reading | None:
        """The newest reading of a recorder."""
        row = self._first(
            RecorderReadingRow.select()
            .where(RecorderReadingRow.serial == serial)
            .order_by(RecorderReadingRow.at.desc(), RecorderReadingRow.id.desc())
        )
        if row is None:
            return None
        status = DeviceStatus(
            row.main_battery_percent,
            row.spare_battery_percent,
            row.free_bytes,
            row.total_bytes,
            None,
            row.bitrate_bps,
        )
        return Reading(serial, from_text(row.at), status, row.clock_offset_after_sync)

    def add_drift(self, drift: DriftMeasure) -> None:
        """Record the device clock offset measured before a sync (DESIGN §7)."""
        self._run(
            DriftLedgerRow.insert(
                serial=drift.serial,
                at=to_text(drift.at),
                device_clock=to_text(drift.device_clock),
                offset_seconds=drift.offset_seconds,
            )
        )

    def drifts(self, serial: str) -> list[DriftMeasure]:
        """Every offset measured on a recorder, oldest first."""
        query = (
            DriftLedgerRow.select()
            .where(DriftLedgerRow.serial == serial)
            .order_by(DriftLedgerRow.at, DriftLedgerRow.id)
        )
        return [
            DriftMeasure(
                row.serial, from_text(row.at), from_text(row.device_clock), row.offset_seconds
            )
            for row in self._rows(query)
        ]

    def drift_before(self, serial: str, at: datetime) -> float | None:
        """The offset (device minus true time, seconds) measured at the first sync after `at`.

        A clip recorded at device time T was recorded at true time T - offset, where offset is
        the one the ledger measured at the next sync: the drift that had built up by then.
        """
        offset = DriftLedgerRow.select(DriftLedgerRow.offset_seconds)
        row = self._first(
            offset.where(
                (DriftLedgerRow.serial == serial) & (DriftLedgerRow.at >= to_text(at))
            ).order_by(DriftLedgerRow.at.asc(), DriftLedgerRow.id.asc())
        )
        if row is None:
            row = self._first(
                offset.where(DriftLedgerRow.serial == serial).order_by(
                    DriftLedgerRow.at.desc(), DriftLedgerRow.id.desc()
                )
            )
        return None if row is None else float(row.offset_seconds)
