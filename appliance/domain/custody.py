"""Provides the recorder state machine as a transition table and the sign-out rules."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import NamedTuple

from appliance.domain.articles import enforces
from appliance.domain.errors import Refused
from appliance.domain.records import Person, Recorder
from appliance.domain.roles import Action, is_allowed
from appliance.domain.transitions import advance


class RecorderState(StrEnum):
    """Where a recorder is in its custody life."""

    AVAILABLE = "available"
    SIGNED_OUT = "signed_out"
    IN_REPAIR = "in_repair"
    LOST = "lost"
    RETIRED = "retired"


class CustodyEvent(StrEnum):
    """What can happen to a recorder."""

    SIGN_OUT = "sign_out"
    RETURN = "return"
    RETURN_FAULTY = "return_faulty"
    SEND_TO_REPAIR = "send_to_repair"
    REPAIRED = "repaired"
    DECLARE_LOST = "declare_lost"
    FOUND = "found"
    RETIRE = "retire"


_S = RecorderState
_E = CustodyEvent

TRANSITIONS: dict[tuple[RecorderState, CustodyEvent], RecorderState] = {
    (_S.AVAILABLE, _E.SIGN_OUT): _S.SIGNED_OUT,
    (_S.SIGNED_OUT, _E.RETURN): _S.AVAILABLE,
    # Art. 5(8) and Art. 9: a faulty recorder goes for repair at once, even mid-shift.
    (_S.SIGNED_OUT, _E.RETURN_FAULTY): _S.IN_REPAIR,
    (_S.AVAILABLE, _E.SEND_TO_REPAIR): _S.IN_REPAIR,
    (_S.IN_REPAIR, _E.REPAIRED): _S.AVAILABLE,
    # Art. 10: a recorder is lost from the hands of whoever held it, or from the shelf.
    (_S.SIGNED_OUT, _E.DECLARE_LOST): _S.LOST,
    (_S.AVAILABLE, _E.DECLARE_LOST): _S.LOST,
    (_S.LOST, _E.FOUND): _S.AVAILABLE,
    (_S.AVAILABLE, _E.RETIRE): _S.RETIRED,
    (_S.IN_REPAIR, _E.RETIRE): _S.RETIRED,
    (_S.LOST, _E.RETIRE): _S.RETIRED,
}


def next_state(state: RecorderState, event: CustodyEvent) -> RecorderState:
    """Return the state after the event, or raise IllegalTransition (the state is a value)."""
    return advance(TRANSITIONS, "recorder", state, event)


class FailedReading(NamedTuple):
    """A measured pre-shift item that failed: which, what it read, and what it needs."""

    item: str
    reading: str
    threshold: str


@enforces("4", "5(1)", "9")
def check_sign_out(
    person: Person,
    recorder: Recorder,
    held_serials: Collection[str],
    unconfirmed_items: Collection[str],
    failed_readings: Collection[FailedReading] = (),
    home_unit: str | None = None,
) -> None:
    """Raise Refused with the first rule that forbids this sign-out; return if all pass."""
    if not is_allowed(person.role, Action.SIGN_OUT):
        raise Refused("permission_denied", action=Action.SIGN_OUT.value, role=person.role.value)
    if not person.active:
        raise Refused("person_inactive", badge=person.badge)
    # Art. 9: nor to another person: someone of another unit signs nothing out here.
    if home_unit is not None and person.unit_code != home_unit:
        raise Refused("person_other_unit", badge=person.badge, unit=person.unit_code)
    # Art. 9: never lent to another unit or person.
    if person.unit_code != recorder.unit_code:
        raise Refused("recorder_other_unit", serial=recorder.serial, unit=recorder.unit_code)
    if recorder.state is not RecorderState.AVAILABLE:
        raise Refused("recorder_not_available", serial=recorder.serial, state=recorder.state.value)
    # Art. 10: "whoever wears it is responsible" needs one holder per recorder and vice versa.
    if held_serials:
        raise Refused("already_holding", serial=sorted(held_serials)[0])
    # Art. 4: the pre-shift check must pass before use; a failed reading beats a tick.
    if failed_readings:
        # Kept as parallel lists of text (STYLE 8b); the edge words each item (i18n.explain).
        raise Refused(
            "reading_failed",
            items=";".join(failed.item for failed in failed_readings),
            readings=";".join(failed.reading for failed in failed_readings),
            thresholds=";".join(failed.threshold for failed in failed_readings),
        )
    if unconfirmed_items:
        raise Refused("check_incomplete", items=",".join(sorted(unconfirmed_items)))


@enforces("10")
def check_return(person: Person, holder_badge: str, recorder: Recorder) -> Action:
    """Return the permission this return uses, or raise Refused (holder, or unit head for them)."""
    if recorder.state is not RecorderState.SIGNED_OUT:
        raise Refused("recorder_not_signed_out", serial=recorder.serial)
    if person.badge == holder_badge:
        if not is_allowed(person.role, Action.RETURN_OWN):
            raise Refused("permission_denied", action=Action.RETURN_OWN.value, role=person.role)
        return Action.RETURN_OWN
    # Art. 7: the unit head answers for the unit's recorders, so may close another's session.
    if not is_allowed(person.role, Action.RETURN_FOR_OTHER):
        raise Refused("not_your_recorder", serial=recorder.serial)
    if person.unit_code != recorder.unit_code:
        raise Refused("recorder_other_unit", serial=recorder.serial, unit=recorder.unit_code)
    return Action.RETURN_FOR_OTHER
