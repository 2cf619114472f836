"""Provides the messages of the kiosk's lifecycle screens: faults, losses, people (issue 12)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from appliance.domain.incidents import Fault
from appliance.domain.records import Actor, Person, RecorderStatus


@dataclass
class ChoicesLoaded(Message):
    """The recorders a fault or an incident may be declared on."""

    rows: list[RecorderStatus]


@dataclass
class FaultReported(Message):
    """The fault is on record and the recorder out of the pool (Art. 5(8))."""

    fault: Fault


@dataclass
class PeopleLoaded(Message):
    """Everyone registered here."""

    people: list[Person]


@dataclass
class PersonChanged(Message):
    """An act on a person is done: what to say, and whom to show highlighted."""

    line: str
    badge: str


@dataclass
class PinChosen(Message):
    """The person chose their own PIN: the session may begin with this actor."""

    actor: Actor
