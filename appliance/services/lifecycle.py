"""Provides a recorder's life after custody: faults, repairs, losses, finds and retirement.

Art. 5(8): a fault is reported at once by whoever finds it; Art. 9: it goes for repair and
comes back only after a passing check; Art. 10: a loss or damage is an incident tied to the
holder of the custody session in force, declared by two people (DESIGN §6, §7).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TypeVar

from appliance.domain import custody as rules
from appliance.domain.articles import enforces
from appliance.domain.checks import CheckItem, open_items
from appliance.domain.custody import CustodyEvent, RecorderState
from appliance.domain.errors import BadInput, IllegalTransition, Refused
from appliance.domain.incidents import (
    Fault,
    FaultPart,
    Finding,
    Incident,
    IncidentKind,
    check_fault_report,
    check_unit_recorder,
    fault_event,
)
from appliance.domain.lifecycle import JobState
from appliance.domain.records import Actor, Person, PreshiftCheck, Recorder, RecorderStatus
from appliance.domain.roles import Action
from appliance.domain.second_person import check_second_person
from appliance.services.context import Context, allowed
from appliance.services.custody import CustodyService

_NOTE_MAX = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_note(text: str, *, required: bool = False) -> str:
    """A free note: up to 500 printable characters; none when not required (DESIGN §3.5)."""
    note = text.strip()
    if (required and not note) or len(note) > _NOTE_MAX or _CONTROL.search(note):
        raise BadInput("bad_note")
    return note


_Choice = TypeVar("_Choice", FaultPart, IncidentKind, Finding)


def _choice(kind: type[_Choice], value: str, reason: str) -> _Choice:
    """One of an enum's values, or BadInput naming what was given."""
    try:
        return kind(value)
    except ValueError:
        raise BadInput(reason, value=value) from None


class LifecycleService:
    """Moves recorders through in_repair, lost and retired, each step with its record."""

    def __init__(self, ctx: Context, custody: CustodyService) -> None:
        self._ctx = ctx
        self._custody = custody

    def fault_choices(self, actor: Actor) -> list[RecorderStatus]:
        """What the actor may report a fault on (Art. 5(8)): what they hold; a unit head, any.

        A unit head (Art. 7) answers for every recorder of the unit in the pool or out; anyone
        else reports on the recorders they hold. A narrower answer, never a refusal.
        """
        every = allowed(actor, Action.RETURN_FOR_OTHER)
        return [
            row
            for row in self._in_service()
            if every or (row.holder_badge is not None and row.holder_badge == actor.actor_id)
        ]

    def incident_choices(self, actor: Actor) -> list[RecorderStatus]:
        """The unit's recorders a unit head may declare lost or damaged (Art. 10)."""
        self._ctx.require(actor, Action.DECLARE_LOST, "unit", self._ctx.settings.unit_code)
        return self._in_service()

    def _in_service(self) -> list[RecorderStatus]:
        """The unit's recorders in the pool or signed out, with their holders."""
        home = self._ctx.settings.unit_code
        return [
            row
            for row in self._ctx.store.custody.unit_status()
            if row.recorder.unit_code == home
            and row.recorder.state in (RecorderState.AVAILABLE, RecorderState.SIGNED_OUT)
        ]

    @enforces("5(8)")
    def report_fault(self, actor: Actor, serial: str, part: str, note: str = "") -> Fault:
        """Take a faulty recorder out of the pool; a signed-out one is returned with it."""
        what = _choice(FaultPart, part, "bad_fault_part")
        note = check_note(note, required=what is FaultPart.OTHER)
        with self._ctx.audited(actor, "report_fault", "recorder", serial):
            person = self._person(actor)
            recorder = self._recorder(serial)
            session = self._ctx.store.custody.open_for_recorder(serial)
            holder = session.holder_badge if session else None
            check_fault_report(person, recorder, holder, self._ctx.settings.unit_code)
            event = fault_event(recorder.state)
            self._move(recorder, event)
            now = self._ctx.clock.now()
            if session is not None:
                self._ctx.store.custody.close_session(session.id, now, person.badge)
            fault = self._ctx.store.lifecycle.add_fault(
                Fault(0, serial, what, note, person.badge, now, session.id if session else None,
                      holder)
            )  # fmt: skip
            self._ctx.record(
                actor,
                "report_fault",
                "recorder",
                serial,
                fault=fault.id,
                part=what.value,
                session=fault.session_id,
                holder=holder,
            )
            return fault

    def repaired(
        self, actor: Actor, serial: str, confirmed: Collection[CheckItem] = ()
    ) -> Recorder:
        """Bring a repaired recorder back into the pool, after a passing check (Art. 4, 9)."""
        with self._ctx.audited(actor, "mark_repaired", "recorder", serial):
            if not allowed(actor, Action.MARK_REPAIRED):
                raise Refused("permission_denied", action="mark_repaired", role=actor.role)
            recorder = self._recorder(serial)
            check_unit_recorder(recorder, self._ctx.settings.unit_code)
            new = self._move(recorder, CustodyEvent.REPAIRED)
            check_id = self._passing_check(actor, serial, confirmed)
            closed = self._ctx.store.lifecycle.close_faults(
                serial, actor.actor_id, self._ctx.clock.now(), check_id
            )
            self._ctx.record(
                actor, "mark_repaired", "recorder", serial, check=check_id, faults_closed=closed
            )
            return Recorder(
                recorder.serial, recorder.brand, recorder.model, recorder.unit_code, new
            )

    @enforces("7", "10")
    def declare_incident(
        self,
        actor: Actor,
        serial: str,
        kind: str,
        what: str,
        finding: str,
        note: str = "",
        confirmer: Actor | None = None,
    ) -> Incident:
        """Declare a loss or damage, tied to the holder in force, with a second person (Art. 10).

        A lost recorder leaves custody as `lost`; a damaged one goes for repair (a fault of
        its casing unless it is said otherwise later).
        """
        incident_kind = _choice(IncidentKind, kind, "bad_incident_kind")
        judged = _choice(Finding, finding, "bad_finding")
        what = check_note(what, required=True)
        note = check_note(note)
        with self._ctx.audited(actor, "declare_incident", "recorder", serial):
            if not allowed(actor, Action.DECLARE_LOST):
                raise Refused("permission_denied", action="declare_lost", role=actor.role)
            recorder = self._recorder(serial)
            check_unit_recorder(recorder, self._ctx.settings.unit_code)
            session = self._ctx.store.custody.open_for_recorder(serial)
            holder = session.holder_badge if session else None
            confirm_badge = None if confirmer is None else confirmer.actor_id
            second = None if confirm_badge is None else self._ctx.store.people.get(confirm_badge)
            # DESIGN §6: two people; the holder is never the second person of their own loss.
            excluded = {actor.actor_id} | ({holder} if holder else set())
            check_second_person(confirm_badge, second, self._ctx.settings.unit_code, excluded)
            if incident_kind is IncidentKind.LOST:
                self._move(recorder, CustodyEvent.DECLARE_LOST)
            else:
                self._move(recorder, fault_event(recorder.state))
            now = self._ctx.clock.now()
            if session is not None:
                self._ctx.store.custody.close_session(session.id, now, actor.actor_id)
            incident = self._ctx.store.lifecycle.add_incident(
                Incident(0, serial, incident_kind, what, judged, note, actor.actor_id,
                         str(confirm_badge), now, session.id if session else None, holder)
            )  # fmt: skip
            if incident_kind is IncidentKind.DAMAGED:
                self._ctx.store.lifecycle.add_fault(
                    Fault(0, serial, FaultPart.CASING, what, actor.actor_id, now,
                          incident.session_id, holder)
                )  # fmt: skip
            self._ctx.record(
                actor,
                "declare_incident",
                "recorder",
                serial,
                incident=incident.id,
                kind=incident_kind.value,
                finding=judged.value,
                holder=holder,
                session=incident.session_id,
                confirmed_by=confirm_badge,
            )
            return incident

    def found(self, actor: Actor, serial: str, confirmed: Collection[CheckItem] = ()) -> Recorder:
        """A lost recorder is back: after an offload since the loss and a passing check."""
        with self._ctx.audited(actor, "found", "recorder", serial):
            if not allowed(actor, Action.DECLARE_LOST):
                raise Refused("permission_denied", action="declare_lost", role=actor.role)
            recorder = self._recorder(serial)
            check_unit_recorder(recorder, self._ctx.settings.unit_code)
            new = self._move(recorder, CustodyEvent.FOUND)
            loss = self._ctx.store.lifecycle.open_loss(serial)
            since = loss.declared_at if loss else None
            # What it recorded while away is evidence too (Art. 11): archived before reuse.
            offloaded = [
                job
                for job in self._ctx.store.jobs.jobs_of(serial)
                if job.state is JobState.DONE and (since is None or job.started_at >= since)
            ]
            if not offloaded:
                raise Refused("found_needs_offload", serial=serial)
            check_id = self._passing_check(actor, serial, confirmed)
            if loss is not None:
                self._ctx.store.lifecycle.mark_found(loss.id, actor.actor_id, self._ctx.clock.now())
            self._ctx.record(
                actor,
                "found",
                "recorder",
                serial,
                incident=None if loss is None else loss.id,
                check=check_id,
                offload=offloaded[-1].id,
            )
            return Recorder(
                recorder.serial, recorder.brand, recorder.model, recorder.unit_code, new
            )

    def retire(self, actor: Actor, serial: str, confirmer: Actor | None = None) -> Recorder:
        """Take a recorder out of service for good, by two people (DESIGN §6)."""
        with self._ctx.audited(actor, "retire_device", "recorder", serial):
            if not allowed(actor, Action.RETIRE_DEVICE):
                raise Refused("permission_denied", action="retire_device", role=actor.role)
            recorder = self._recorder(serial)
            confirm_badge = None if confirmer is None else confirmer.actor_id
            second = None if confirm_badge is None else self._ctx.store.people.get(confirm_badge)
            check_second_person(
                confirm_badge, second, self._ctx.settings.unit_code, {actor.actor_id}
            )
            new = self._move(recorder, CustodyEvent.RETIRE)
            self._ctx.record(actor, "retire_device", "recorder", serial, confirmed_by=confirm_badge)
            return Recorder(
                recorder.serial, recorder.brand, recorder.model, recorder.unit_code, new
            )

    def _person(self, actor: Actor) -> Person:
        person = self._ctx.store.people.get(actor.actor_id)
        if person is None:
            raise Refused("unknown_badge")
        return person

    def _recorder(self, serial: str) -> Recorder:
        recorder = self._ctx.store.recorders.get(serial)
        if recorder is None:
            raise Refused("unknown_recorder", serial=serial)
        return recorder

    def _move(self, recorder: Recorder, event: CustodyEvent) -> RecorderState:
        """The table's step, written compare-and-set; refused in words, never identifiers."""
        try:
            new = rules.next_state(recorder.state, event)
        except IllegalTransition:
            raise Refused(
                "recorder_step_refused",
                serial=recorder.serial,
                state=recorder.state.value,
                step=event.value,
            ) from None
        if not self._ctx.store.recorders.set_state(recorder.serial, recorder.state, new):
            raise Refused("recorder_not_available", serial=recorder.serial, state="changed")
        return new

    def _passing_check(self, actor: Actor, serial: str, confirmed: Collection[CheckItem]) -> int:
        """Store the check that lets a recorder back into the pool; refuse unless it passes."""
        lines = self._custody.checklist(serial)
        failed = [line for line in lines if line.measured_ok is False]
        if failed:
            raise Refused(
                "repair_check_failed",
                serial=serial,
                items=";".join(line.item.value for line in failed),
                readings=";".join(line.reading for line in failed),
                thresholds=";".join(line.threshold for line in failed),
            )
        measured = {ln.item: ln.measured_ok for ln in lines if ln.measured_ok is not None}
        still_open = open_items(measured, confirmed)
        if still_open:
            raise Refused("check_incomplete", items=",".join(sorted(i.value for i in still_open)))
        items = {ln.item.value: ("measured_ok" if ln.measured_ok else "confirmed") for ln in lines}
        check = PreshiftCheck(serial, actor.actor_id, self._ctx.clock.now(), True, items)
        return self._ctx.store.custody.record_check(check)
