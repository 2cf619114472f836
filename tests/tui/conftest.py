"""Provides the kiosk tests' wall clock: Beijing time, whatever zone the host is in."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def beijing_wall_clock() -> Iterator[None]:
    """The system zone is Asia/Shanghai for one test (the demo home names no timezone).

    Times on screen are then written out literally in the tests: START (00:02Z) is 08:02
    in Beijing, and a screen that forgot to convert would show 00:02.
    """
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
