"""Provides the messages of the lifecycle screens: faults, losses, people, devices (issue 12)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from appliance.domain.incidents import Fault
from appliance.domain.records import Actor, Person, Recorder, RecorderStatus
from appliance.services.history import HistoryLine


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


@dataclass
class DevicesLoaded(Message):
    """Every recorder registered here, with its holder."""

    rows: list[RecorderStatus]


@dataclass
class DeviceAdded(Message):
    """The recorder is registered (and its event on the audit chain)."""

    recorder: Recorder


@dataclass
class HistoryLoaded(Message):
    """A recorder's life, oldest first."""

    lines: list[HistoryLine]
