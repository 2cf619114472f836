"""Provides what the kiosk's look-ups return: the unit at a glance, a returned recorder's news."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from appliance.domain.alarms import Alarm
from appliance.domain.footage import OffloadProgress
from appliance.domain.records import CustodySession, Person, Recorder, RecorderStatus


@dataclass(frozen=True)
class UnitOverview:
    """Every recorder of the unit with its holder, and the badges this actor may unlock.

    Art. 14: the unit head's daily check; `locked` is empty for whoever may not unlock.
    """

    rows: tuple[RecorderStatus, ...]
    locked: tuple[Person, ...] = ()
    # Each recorder's newest offload job, by serial (DESIGN §4).
    offloads: dict[str, OffloadProgress] = field(default_factory=dict)


@dataclass(frozen=True)
class DockNews:
    """The offload carrying a custody session's footage (None: not docked yet).

    `unidentified` is a failed job of a docked recorder the kiosk could not name (no identity
    on its card): most likely the one the officer just docked.
    """

    progress: OffloadProgress | None
    unidentified: OffloadProgress | None = None


@dataclass(frozen=True)
class HomeSummary:
    """What a signed-in person's home says first: what they hold, what waits to be filed."""

    sessions: tuple[CustodySession, ...] = ()
    # Art. 8: the person's clips not yet filed under a case (0 for whoever files none).
    unfiled: int = 0


class Readiness(StrEnum):
    """Whether a recorder in the dock could go out on a shift now (Art. 4)."""

    READY = "ready"
    NOT_READY = "not_ready"
    UNKNOWN = "unknown"
    OUT = "out"


@dataclass(frozen=True)
class BoardRow:
    """One recorder on the idle board: its charge, its newest offload and its readiness."""

    recorder: Recorder
    readiness: Readiness
    main_battery_percent: int | None = None
    offload: OffloadProgress | None = None


@dataclass(frozen=True)
class UnitBoard:
    """The unit's board on the idle screen, from the database (Art. 14)."""

    at: datetime
    rows: tuple[BoardRow, ...] = ()
    # Open alarms, newest first: what waits for the unit head.
    alarms: tuple[Alarm, ...] = ()
