"""Provides the pre-shift readings rules of Art. 4: which measured items pass, and why not."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.domain.articles import enforces
from appliance.domain.checks import CheckItem


@dataclass(frozen=True)
class Thresholds:
    """What counts as ready for a shift (kiosk.toml [selfcheck])."""

    battery_min_percent: int
    clock_tolerance_seconds: float
    shift_hours: float
    default_bitrate_bps: int


@dataclass(frozen=True)
class Measured:
    """One item judged from a reading: passed or not, the figure and the threshold it met.

    Art. 4: a failed check names the reading and what a shift needs, so the officer knows why.
    """

    item: CheckItem
    passed: bool
    figure: str
    threshold: str = ""


def needed_free_bytes(thresholds: Thresholds, bitrate_bps: int | None) -> int:
    """Card space for a whole shift at the recorder's bitrate (Art. 4: enough free space)."""
    bitrate = bitrate_bps or thresholds.default_bitrate_bps
    return int(bitrate * thresholds.shift_hours * 3600 / 8)


@enforces("4")
def judge(
    thresholds: Thresholds,
    main_battery_percent: int | None,
    spare_battery_percent: int | None,
    free_bytes: int | None,
    bitrate_bps: int | None,
    clock_offset_after_sync: float | None,
) -> list[Measured]:
    """Judge every item the reading covers; an unknown figure leaves its item unjudged."""
    judged: list[Measured] = []
    low = thresholds.battery_min_percent
    if main_battery_percent is not None:
        judged.append(
            Measured(
                CheckItem.MAIN_BATTERY,
                main_battery_percent >= low,
                f"{main_battery_percent}%",
                f"{low}%",
            )
        )
    if spare_battery_percent is not None:
        judged.append(
            Measured(
                CheckItem.SPARE_BATTERY,
                spare_battery_percent >= low,
                f"{spare_battery_percent}%",
                f"{low}%",
            )
        )
    if free_bytes is not None:
        needed = needed_free_bytes(thresholds, bitrate_bps)
        judged.append(
            Measured(
                CheckItem.FREE_SPACE,
                free_bytes >= needed,
                f"{free_bytes / 1e9:.1f} GB",
                f"{needed / 1e9:.1f} GB",
            )
        )
    if clock_offset_after_sync is not None:
        judged.append(
            Measured(
                CheckItem.CLOCK,
                abs(clock_offset_after_sync) <= thresholds.clock_tolerance_seconds,
                # round first: a sync that left -0.01 s must not read "-0.0 s".
                f"{round(clock_offset_after_sync, 1) + 0.0:+.1f} s",
                f"{thresholds.clock_tolerance_seconds:g} s",
            )
        )
    return judged
