"""Provides what the kiosk's look-ups return: the unit at a glance, a returned recorder's news."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.domain.footage import OffloadProgress
from appliance.domain.records import Person, RecorderStatus


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
