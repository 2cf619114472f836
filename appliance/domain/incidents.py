"""Provides faults, repairs and incidents of a recorder's life, and the rules on who may act.

Art. 5(8): a recorder that cannot record is reported at once; Art. 9: it goes for repair;
Art. 10: "whoever wears it is responsible", so a loss or damage is tied to the holder of the
custody session in force, with the unit head's finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.custody import CustodyEvent, RecorderState
from appliance.domain.errors import Refused
from appliance.domain.records import Person, Recorder
from appliance.domain.roles import Action, is_allowed


class FaultPart(StrEnum):
    """What fails on a recorder (Art. 5(8): battery exhausted, storage full, device fault)."""

    BATTERY = "battery"
    STORAGE = "storage"
    LENS = "lens"
    MICROPHONE = "microphone"
    CLOCK = "clock"
    CASING = "casing"
    OTHER = "other"


class IncidentKind(StrEnum):
    """What happened to a recorder under Art. 10."""

    LOST = "lost"
    DAMAGED = "damaged"


class Finding(StrEnum):
    """The unit head's finding on an incident (Art. 10: poor care, deliberate damage)."""

    NEGLIGENCE = "negligence"
    IMPROPER_USE = "improper_use"
    DELIBERATE = "deliberate"
    NO_FAULT = "no_fault"


@dataclass(frozen=True)
class Fault:
    """One reported fault, and its repair once a passing check closes it."""

    id: int
    serial: str
    part: FaultPart
    note: str
    reported_by: str
    reported_at: datetime
    session_id: int | None = None
    holder_badge: str | None = None
    repaired_by: str | None = None
    repaired_at: datetime | None = None
    repair_check_id: int | None = None


@dataclass(frozen=True)
class Incident:
    """A loss or damage, tied to the custody session in force when it was declared."""

    id: int
    serial: str
    kind: IncidentKind
    what: str
    finding: Finding
    note: str
    declared_by: str
    confirmed_by: str
    declared_at: datetime
    session_id: int | None = None
    holder_badge: str | None = None
    found_by: str | None = None
    found_at: datetime | None = None


def fault_event(state: RecorderState) -> CustodyEvent:
    """The table's event for a fault: a return if the recorder is out, else off the shelf."""
    return (
        CustodyEvent.RETURN_FAULTY
        if state is RecorderState.SIGNED_OUT
        else (CustodyEvent.SEND_TO_REPAIR)
    )


@enforces("5(8)")
def check_fault_report(
    person: Person, recorder: Recorder, holder_badge: str | None, home_unit: str
) -> None:
    """Raise unless this person may report a fault on this recorder.

    Art. 5(8): whoever finds it reports it: the holder of a signed-out recorder (or the unit
    head for them, Art. 7), anyone of the unit who may sign out for one on the shelf.
    """
    if not is_allowed(person.role, Action.REPORT_FAULT):
        raise Refused("permission_denied", action=Action.REPORT_FAULT.value, role=person.role)
    if person.unit_code != home_unit:
        raise Refused("person_other_unit", badge=person.badge, unit=person.unit_code)
    if recorder.unit_code != home_unit:
        raise Refused("recorder_other_unit", serial=recorder.serial, unit=recorder.unit_code)
    if holder_badge is not None and holder_badge != person.badge:
        if not is_allowed(person.role, Action.RETURN_FOR_OTHER):
            raise Refused("not_your_recorder", serial=recorder.serial)


@enforces("9")
def check_unit_recorder(recorder: Recorder, home_unit: str) -> None:
    """Raise unless the recorder is of this unit: the unit head answers for those (Art. 7)."""
    if recorder.unit_code != home_unit:
        raise Refused("recorder_other_unit", serial=recorder.serial, unit=recorder.unit_code)
