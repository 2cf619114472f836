"""Provides the attribution of a clip to the custody session in force when it was recorded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from appliance.domain.readings import DriftMeasure
from appliance.domain.records import CustodySession


def corrected_time(device_time: datetime, drift_seconds: float | None) -> datetime:
    """True time of a recorder timestamp: device time minus the drift the ledger measured."""
    if drift_seconds is None:
        return device_time
    return device_time - timedelta(seconds=drift_seconds)


def drift_before(measures: Sequence[DriftMeasure], at: datetime) -> float | None:
    """The offset measured at the first sync at or after `at`, else the latest one.

    `measures` are one recorder's, oldest first (ReadingRepository.drifts): a clip recorded
    at device time T was recorded at true time T - offset, the drift built up by the next sync.
    """
    for measure in measures:
        if measure.at >= at:
            return measure.offset_seconds
    return measures[-1].offset_seconds if measures else None


def session_at(sessions: Sequence[CustodySession], at: datetime) -> CustodySession | None:
    """The session in force at `at` (Art. 10: whoever wears it is responsible), or None."""
    for session in sessions:
        if session.started_at <= at and (session.ended_at is None or at < session.ended_at):
            return session
    return None


def day_of(at: datetime, zone: tzinfo) -> str:
    """The working day a clip belongs to (Art. 8, 12(1)): the local date, YYYY-MM-DD."""
    return at.astimezone(zone).date().isoformat()
