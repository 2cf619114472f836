"""Provides the records the domain reasons about: people, recorders, custody sessions, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from appliance.domain.roles import Role

if TYPE_CHECKING:
    from appliance.domain.custody import RecorderState


@dataclass(frozen=True)
class Unit:
    """The unit (department) that owns this kiosk."""

    code: str
    name: str


@dataclass(frozen=True)
class Person:
    """Someone who may sign in: an officer, a head, the collector, an auditor or IT."""

    badge: str
    name: str
    role: Role
    unit_code: str
    active: bool = True
    locked: bool = False
    failed_pins: int = 0
    # A PIN somebody else chose (added, reset): its owner picks a new one at the kiosk (§6).
    must_change_pin: bool = False


@dataclass(frozen=True)
class Recorder:
    """A body-worn recorder registered to a unit."""

    serial: str
    brand: str
    model: str
    unit_code: str
    state: RecorderState


@dataclass(frozen=True)
class CustodySession:
    """One stretch of time during which one person is responsible for one recorder (Art. 10)."""

    id: int
    serial: str
    holder_badge: str
    started_at: datetime
    ended_at: datetime | None = None
    returned_by: str | None = None
    # The pre-shift check passed at sign-out (Art. 4).
    check_id: int | None = None


@dataclass(frozen=True)
class PreshiftCheck:
    """The pre-shift check of one sign-out (Art. 4): each item's result, by item name."""

    serial: str
    badge: str
    at: datetime
    passed: bool
    items: dict[str, str]
    id: int = 0


@dataclass(frozen=True)
class RecorderStatus:
    """A recorder with its current holder, for the unit head's daily check (Art. 14)."""

    recorder: Recorder
    holder_badge: str | None = None
    holder_name: str | None = None
    since: datetime | None = None


@dataclass(frozen=True)
class Actor:
    """A signed-in person, or a system process, as the audit log names them."""

    actor_id: str
    role: str
    unit_code: str
    name: str = ""
    person: Person | None = field(default=None, compare=False)
