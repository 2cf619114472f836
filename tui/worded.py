"""Provides domain values in words for tables: an offload's state, a recorder's readiness.

STYLE 14a: enum values never reach a person; the unit head's table and the idle board say
the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from appliance.domain.footage import OffloadProgress
from appliance.domain.lifecycle import JobState
from appliance.domain.overview import Readiness

Words = Callable[..., str]


def offload_words(words: Words, progress: OffloadProgress | None) -> str:
    """The newest offload: its state in words, how far, and how many clips were flagged."""
    if progress is None:
        return words("ui.unit.never_offloaded")
    if progress.state is JobState.DONE and progress.clips_total == 0:
        # Docked with an empty card (its readings taken): nothing to offload, not "0/0".
        return words("ui.unit.no_footage")
    text = words(f"job.{progress.state.value}")
    if progress.state in (JobState.RUNNING, JobState.CLEARING) and progress.bytes_total:
        text += f" {100 * progress.bytes_done // progress.bytes_total}%"
    else:
        text += f" {progress.clips_new + progress.clips_existing}/{progress.clips_total}"
    flagged = sum(progress.flag_counts.values())
    if flagged:
        text += " · " + words("ui.unit.flagged", count=flagged)
    return text


def readiness_words(words: Words, readiness: Readiness) -> str:
    """Whether the recorder could go out now (Art. 4), as people say it."""
    return words(f"ready.{readiness.value}")
