"""Provides a Clock port that holds worker threads: a command kept in flight while a test acts."""

from __future__ import annotations

import threading
from datetime import datetime

from appliance.adapters.clock import SettableClock


class GatedClock:
    """A Clock port that, once armed, holds every worker thread that reads it until released."""

    def __init__(self, inner: SettableClock) -> None:
        self.inner = inner
        self.entered = threading.Event()
        self._open = threading.Event()
        self._open.set()

    def arm(self) -> None:
        """From now on a worker's reading waits (the UI thread's never does)."""
        self.entered.clear()
        self._open.clear()

    def release(self) -> None:
        """Let every waiting reading through."""
        self._open.set()

    def now(self) -> datetime:
        """The inner clock's time, after the gate when armed."""
        if threading.current_thread() is not threading.main_thread() and not self._open.is_set():
            self.entered.set()
            if not self._open.wait(60):
                raise TimeoutError("the test never released the clock")
        return self.inner.now()
