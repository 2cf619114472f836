"""Provides the small messages that workers post to the screens that started them."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from appliance.domain.errors import Refusal
from appliance.domain.footage import OffloadProgress
from appliance.domain.records import (
    Actor,
    CustodySession,
    Person,
    Recorder,
    RecorderStatus,
)
from appliance.services.custody import ChecklistLine


@dataclass
class ServiceRefused(Message):
    """A service said no (a rule, a permission or bad input); shown as one line."""

    refusal: Refusal


@dataclass
class ServiceFailed(Message):
    """A service call failed unexpectedly; the screen shows a generic line, never a traceback."""

    error_type: str


@dataclass
class Identified(Message):
    """A scanned badge named this person."""

    person: Person


@dataclass
class SignedIn(Message):
    """The PIN matched: this actor is signed in."""

    actor: Actor


@dataclass
class HoldingLoaded(Message):
    """What the signed-in person holds now."""

    sessions: list[CustodySession]


@dataclass
class AvailableLoaded(Message):
    """The recorders that can be signed out now."""

    recorders: list[Recorder]


@dataclass
class ChecklistReady(Message):
    """The pre-shift check for the chosen recorder (Art. 4)."""

    serial: str
    lines: list[ChecklistLine]


@dataclass
class SignedOut(Message):
    """The recorder is now the actor's responsibility (Art. 10)."""

    session: CustodySession


@dataclass
class ReturnableLoaded(Message):
    """Recorders the actor may return, each with its holder and since when."""

    rows: list[RecorderStatus]


@dataclass
class DeviceScanned(Message):
    """A scanned or typed recorder code, read and checked: its serial."""

    serial: str


@dataclass
class Returned(Message):
    """The custody session was closed."""

    session: CustodySession


@dataclass
class UnitStatusLoaded(Message):
    """Every recorder of the unit with its holder, and the locked badges (Art. 14)."""

    rows: list[RecorderStatus]
    locked: list[Person]
    # Each recorder's newest offload job, by serial (DESIGN §4; Art. 14).
    offloads: dict[str, OffloadProgress] = field(default_factory=dict)


@dataclass
class Unlocked(Message):
    """A locked badge was unlocked."""

    badge: str


@dataclass
class LockedLoaded(Message):
    """The unit's locked badges, for the admin's unlock with a second person (DESIGN §6)."""

    people: list[Person]
