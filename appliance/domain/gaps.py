"""Provides the search for holes in a recorder's file numbering and time coverage (Art. 16(2))."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from appliance.domain.articles import enforces

# A counter has at most six digits; longer digit runs are dates or times, not numbering.
_COUNTER = re.compile(r"^(?P<prefix>.*?)(?P<number>\d{1,6})(?P<suffix>\D*)$")
# Segments a recorder split by length follow each other within this many seconds.
CONTINUATION_TOLERANCE = timedelta(seconds=5)
# A segment this close to the longest one was cut by length, so recording went on.
_FULL_SEGMENT_RATIO = 0.98
# Recorders cut segments at 5 to 30 minutes; shorter clips were stopped by hand.
_MIN_SEGMENT_SECONDS = 60.0


@dataclass(frozen=True)
class ClipTiming:
    """What gap finding needs to know of one clip."""

    name: str
    recorded_at: datetime | None = None
    duration_seconds: float | None = None


def _counter_key(name: str) -> tuple[str, int] | None:
    folder, _, base = name.rpartition("/")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    match = _COUNTER.match(stem)
    if match is None:
        return None
    if re.search(r"\d$", match.group("prefix")):
        return None  # part of a longer digit run: a timestamp
    series = "\0".join((folder, match.group("prefix"), match.group("suffix"), extension.lower()))
    return series, int(match.group("number"))


@enforces("5(4)", "16(2)")
def numbering_gaps(names: Sequence[str]) -> set[str]:
    """Names that follow a hole in their series' numbering (FILE0003 after FILE0001)."""
    series: dict[str, list[tuple[int, str]]] = {}
    for name in names:
        key = _counter_key(name)
        if key is not None:
            series.setdefault(key[0], []).append((key[1], name))
    after_hole: set[str] = set()
    for members in series.values():
        if len(members) < 2:
            continue
        members.sort()
        for (previous, _), (number, name) in zip(members, members[1:], strict=False):
            if number - previous > 1:
                after_hole.add(name)
    return after_hole


@enforces("5(4)", "16(2)")
def coverage_gaps(clips: Sequence[ClipTiming]) -> set[str]:
    """Names of clips that should continue a length-cut segment but start too late."""
    timed = sorted(
        (c.recorded_at, c.duration_seconds, c.name)
        for c in clips
        if c.recorded_at is not None and c.duration_seconds is not None
    )
    if len(timed) < 2:
        return set()
    longest = max(length for _, length, _ in timed)
    if longest < _MIN_SEGMENT_SECONDS:
        return set()
    late: set[str] = set()
    for (started, length, _), (next_started, _, next_name) in zip(timed, timed[1:], strict=False):
        if length < _FULL_SEGMENT_RATIO * longest:
            continue
        late_by = next_started - (started + timedelta(seconds=length))
        if late_by > CONTINUATION_TOLERANCE:
            late.add(next_name)
    return late
