"""Provides the clocks: the system clock, and a settable one for the demo and the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        """The current instant."""
        return datetime.now(UTC)


class SettableClock:
    """A clock that moves only when told to (the Clock port, for tests and replays)."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        """The instant it was last set to."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move forward by the given number of seconds."""
        self._now += timedelta(seconds=seconds)
