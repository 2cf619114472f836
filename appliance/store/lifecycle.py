"""Provides the repository of a recorder's faults, repairs and incidents."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.incidents import Fault, FaultPart, Finding, Incident, IncidentKind
from appliance.store.models_lifecycle import FaultRow, IncidentRow
from appliance.store.repo import Repository, instant_or_none
from appliance.store.timefmt import from_text, to_text


def _fault(row: FaultRow) -> Fault:
    return Fault(
        id=int(row.id),
        serial=row.serial,
        part=FaultPart(row.part),
        note=row.note,
        reported_by=row.reported_by,
        reported_at=from_text(row.reported_at),
        session_id=row.session_id,
        holder_badge=row.holder_badge,
        repaired_by=row.repaired_by,
        repaired_at=instant_or_none(row.repaired_at),
        repair_check_id=row.repair_check_id,
    )


def _incident(row: IncidentRow) -> Incident:
    return Incident(
        id=int(row.id),
        serial=row.serial,
        kind=IncidentKind(row.kind),
        what=row.what,
        finding=Finding(row.finding),
        note=row.note,
        declared_by=row.declared_by,
        confirmed_by=row.confirmed_by,
        declared_at=from_text(row.declared_at),
        session_id=row.session_id,
        holder_badge=row.holder_badge,
        found_by=row.found_by,
        found_at=instant_or_none(row.found_at),
    )


class LifecycleRepository(Repository):
    """The fault rows and the incident rows."""

    def add_fault(self, fault: Fault) -> Fault:
        """Record a reported fault; returns it with its id."""
        fault_id = self._run(
            FaultRow.insert(
                serial=fault.serial,
                part=fault.part.value,
                note=fault.note,
                reported_by=fault.reported_by,
                reported_at=to_text(fault.reported_at),
                session_id=fault.session_id,
                holder_badge=fault.holder_badge,
            )
        )
        return Fault(**{**fault.__dict__, "id": int(fault_id)})

    def open_fault(self, serial: str) -> Fault | None:
        """The newest fault of a recorder not yet repaired."""
        query = (
            FaultRow.select()
            .where((FaultRow.serial == serial) & FaultRow.repaired_at.is_null())
            .order_by(FaultRow.id.desc())
        )
        row = self._first(query)
        return None if row is None else _fault(row)

    def close_faults(self, serial: str, by: str, at: datetime, check_id: int) -> int:
        """Mark every open fault of the recorder repaired; how many were open."""
        return int(
            self._run(
                FaultRow.update(
                    repaired_by=by, repaired_at=to_text(at), repair_check_id=check_id
                ).where((FaultRow.serial == serial) & FaultRow.repaired_at.is_null())
            )
        )

    def faults_between(self, start: datetime, end: datetime) -> list[Fault]:
        """The faults reported in [start, end), oldest first (Art. 5(8))."""
        query = (
            FaultRow.select()
            .where((FaultRow.reported_at >= to_text(start)) & (FaultRow.reported_at < to_text(end)))
            .order_by(FaultRow.reported_at, FaultRow.id)
        )
        return [_fault(row) for row in self._rows(query)]

    def incidents_between(self, start: datetime, end: datetime) -> list[Incident]:
        """The losses and damage declared in [start, end), oldest first (Art. 10)."""
        query = (
            IncidentRow.select()
            .where(
                (IncidentRow.declared_at >= to_text(start))
                & (IncidentRow.declared_at < to_text(end))
            )
            .order_by(IncidentRow.declared_at, IncidentRow.id)
        )
        return [_incident(row) for row in self._rows(query)]

    def faults_of(self, serial: str) -> list[Fault]:
        """Every fault of a recorder, oldest first."""
        query = FaultRow.select().where(FaultRow.serial == serial).order_by(FaultRow.id)
        return [_fault(r) for r in self._rows(query)]

    def faults_of_holder(self, badge: str) -> list[Fault]:
        """Every fault found while a person held the recorder, oldest first."""
        query = FaultRow.select().where(FaultRow.holder_badge == badge).order_by(FaultRow.id)
        return [_fault(r) for r in self._rows(query)]

    def add_incident(self, incident: Incident) -> Incident:
        """Record a declared loss or damage; returns it with its id."""
        incident_id = self._run(
            IncidentRow.insert(
                serial=incident.serial,
                kind=incident.kind.value,
                what=incident.what,
                finding=incident.finding.value,
                note=incident.note,
                declared_by=incident.declared_by,
                confirmed_by=incident.confirmed_by,
                declared_at=to_text(incident.declared_at),
                session_id=incident.session_id,
                holder_badge=incident.holder_badge,
            )
        )
        return Incident(**{**incident.__dict__, "id": int(incident_id)})

    def open_loss(self, serial: str) -> Incident | None:
        """The loss of a recorder not yet found."""
        query = (
            IncidentRow.select()
            .where(
                (IncidentRow.serial == serial)
                & (IncidentRow.kind == IncidentKind.LOST.value)
                & IncidentRow.found_at.is_null()
            )
            .order_by(IncidentRow.id.desc())
        )
        row = self._first(query)
        return None if row is None else _incident(row)

    def mark_found(self, incident_id: int, by: str, at: datetime) -> None:
        """A lost recorder came back."""
        self._run(
            IncidentRow.update(found_by=by, found_at=to_text(at)).where(
                IncidentRow.id == incident_id
            )
        )

    def incidents_of(self, serial: str) -> list[Incident]:
        """Every incident of a recorder, oldest first."""
        query = IncidentRow.select().where(IncidentRow.serial == serial).order_by(IncidentRow.id)
        return [_incident(r) for r in self._rows(query)]

    def incidents_of_holder(self, badge: str) -> list[Incident]:
        """Every incident tied to a person as holder (their record, Art. 10)."""
        query = (
            IncidentRow.select().where(IncidentRow.holder_badge == badge).order_by(IncidentRow.id)
        )
        return [_incident(r) for r in self._rows(query)]
