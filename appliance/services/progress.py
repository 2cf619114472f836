"""Provides the progress meter of one offload job, written to the database now and then."""

from __future__ import annotations

import threading
import time

from appliance.domain.footage import stored_name
from appliance.services.context import Context

FLUSH_SECONDS = 0.5


class ProgressMeter:
    """Counts copied bytes from any pipeline thread; persists them, coalesced.

    The kiosk polls the job row (DESIGN §1), so a write every half second is enough for a
    live progress bar and costs the disk nothing.
    """

    def __init__(self, ctx: Context, job_id: int, flush_seconds: float = FLUSH_SECONDS) -> None:
        self._ctx = ctx
        self._job_id = job_id
        self._flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._flushed = 0.0
        self._bytes = 0
        self._in_flight: dict[str, int] = {}
        self._current = ""

    @property
    def bytes_done(self) -> int:
        """Bytes copied so far, less those of clips that must be redone."""
        with self._lock:
            return self._bytes

    def begin(self, name: str) -> None:
        """A clip starts copying."""
        with self._lock:
            self._in_flight[name] = 0
            self._current = name
        self.flush()

    def add(self, name: str, count: int) -> None:
        """Some bytes of a clip were copied."""
        with self._lock:
            self._in_flight[name] = self._in_flight.get(name, 0) + count
            self._bytes += count
        self.flush()

    def forget(self, name: str) -> None:
        """A clip failed: its bytes will be copied again."""
        with self._lock:
            self._bytes -= self._in_flight.pop(name, 0)

    def finish(self, name: str) -> None:
        """A clip is committed."""
        with self._lock:
            self._in_flight.pop(name, None)

    def rate(self) -> float:
        """Bytes per second since the job started."""
        elapsed = time.monotonic() - self._started
        return self.bytes_done / elapsed if elapsed > 0 else 0.0

    def flush(self, force: bool = False) -> None:
        """Write the progress if the last write is old enough (or when forced)."""
        now = time.monotonic()
        with self._lock:
            if not force and now - self._flushed < self._flush_seconds:
                return
            self._flushed = now
            done, current = self._bytes, self._current
        self._ctx.store.jobs.set_progress(
            self._job_id, self._ctx.clock.now(), done, self.rate(), stored_name(current)
        )
