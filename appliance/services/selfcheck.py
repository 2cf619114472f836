"""Provides the readings a docked recorder reports for the pre-shift check (Art. 4).

Order matters: the clock offset is written to the drift ledger *before* the clock is synced
(DESIGN §7), so footage timestamps can be corrected afterwards.
"""

from __future__ import annotations

from datetime import timedelta

from appliance.domain.readings import DriftMeasure, Reading
from appliance.domain.records import Actor
from appliance.domain.selfcheck import Measured, Thresholds, judge
from appliance.ports import RecorderDriver
from appliance.services.context import Context

# A reading older than this no longer describes the recorder in the officer's hand.
READING_MAX_AGE = timedelta(minutes=15)


class SelfCheckService:
    """Takes readings from docked recorders and judges them against kiosk.toml thresholds."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds in force."""
        s = self._ctx.settings
        return Thresholds(
            s.battery_min_percent,
            s.clock_tolerance_seconds,
            s.shift_hours,
            s.default_bitrate_bps,
        )

    def take_reading(self, actor: Actor, serial: str, driver: RecorderDriver) -> Reading:
        """Read the recorder, ledger its drift, sync its clock, and store the reading."""
        before = driver.status()
        offset_after: float | None = None
        if before.device_clock is not None:
            now = self._ctx.clock.now()
            offset_before = (before.device_clock - now).total_seconds()
            with self._ctx.store.transaction():
                drift = DriftMeasure(serial, now, before.device_clock, offset_before)
                self._ctx.store.readings.add_drift(drift)
                self._ctx.record(
                    actor, "clock_drift", "recorder", serial, offset_seconds=round(offset_before, 3)
                )
            driver.sync_clock(self._ctx.clock.now())
            after = driver.status()
            if after.device_clock is not None:
                offset_after = (after.device_clock - self._ctx.clock.now()).total_seconds()
        else:
            after = before
        at = self._ctx.clock.now()
        with self._ctx.store.transaction():
            reading = Reading(serial, at, after, offset_after)
            self._ctx.store.readings.add_reading(reading)
            self._ctx.record(
                actor,
                "reading",
                "recorder",
                serial,
                main_battery=after.main_battery_percent,
                spare_battery=after.spare_battery_percent,
                free_bytes=after.free_bytes,
                clock_offset_after_sync=offset_after,
            )
        return reading

    def measured(self, serial: str) -> list[Measured]:
        """The items the newest fresh reading settles; [] when there is none."""
        reading = self._ctx.store.readings.latest_reading(serial)
        if reading is None or self._ctx.clock.now() - reading.at > READING_MAX_AGE:
            return []
        status = reading.status
        return judge(
            self.thresholds,
            status.main_battery_percent,
            status.spare_battery_percent,
            status.free_bytes,
            status.bitrate_bps,
            reading.clock_offset_after_sync,
        )
