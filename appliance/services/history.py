"""Provides the history of a recorder (sessions, faults, repairs, incidents, offloads) and the
record of a person (what they held, and the faults and losses found while they held it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from appliance.domain.errors import Refused
from appliance.services.context import Context


@dataclass(frozen=True)
class HistoryLine:
    """One thing that happened to a recorder: when, and a catalogue sentence with its words."""

    at: datetime
    kind: str
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


class HistoryService:
    """Reads a recorder's whole life, or a person's record, back from the rows (nothing here
    writes)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def of_recorder(self, serial: str) -> list[HistoryLine]:
        """Everything that happened to the recorder, oldest first; Refused if unknown."""
        store = self._ctx.store
        if store.recorders.get(serial) is None:
            raise Refused("unknown_recorder", serial=serial)
        lines: list[HistoryLine] = []
        for session in store.custody.sessions_for(serial):
            holder = {"badge": session.holder_badge}
            lines.append(
                HistoryLine(session.started_at, "signed_out", "history.signed_out", holder)
            )
            if session.ended_at is not None:
                by = {**holder, "by": session.returned_by or ""}
                lines.append(HistoryLine(session.ended_at, "returned", "history.returned", by))
        for fault in store.lifecycle.faults_of(serial):
            said = {"part": fault.part.value, "note": fault.note, "by": fault.reported_by}
            lines.append(HistoryLine(fault.reported_at, "fault", "history.fault", said))
            if fault.repaired_at is not None:
                repair = {"by": fault.repaired_by or ""}
                lines.append(HistoryLine(fault.repaired_at, "repaired", "history.repaired", repair))
        for incident in store.lifecycle.incidents_of(serial):
            said = {
                "kind": incident.kind.value,
                "what": incident.what,
                "holder": incident.holder_badge or "-",
                "finding": incident.finding.value,
                "by": incident.declared_by,
                "second": incident.confirmed_by,
            }
            lines.append(HistoryLine(incident.declared_at, "incident", "history.incident", said))
            if incident.found_at is not None:
                found = {"by": incident.found_by or ""}
                lines.append(HistoryLine(incident.found_at, "found", "history.found", found))
        for job in store.jobs.jobs_of(serial):
            counts = {"state": job.state.value, "count": job.clips_new, "job": job.id}
            lines.append(HistoryLine(job.started_at, "offload", "history.offload", counts))
        return sorted(lines, key=lambda line: line.at)

    def of_person(self, badge: str) -> list[HistoryLine]:
        """What a person held, and each fault and incident tied to them as holder, oldest first.

        Art. 10: "whoever wears it is responsible"; a loss or damage declared while they held
        the recorder is on their record, with the unit head's finding. Refused if unknown.
        """
        store = self._ctx.store
        if store.people.get(badge) is None:
            raise Refused("unknown_badge")
        lines: list[HistoryLine] = []
        for session in store.custody.sessions_of_holder(badge):
            serial = {"serial": session.serial}
            lines.append(HistoryLine(session.started_at, "signed_out", "record.signed_out", serial))
            if session.ended_at is not None:
                by = {**serial, "by": session.returned_by or ""}
                lines.append(HistoryLine(session.ended_at, "returned", "record.returned", by))
        # A damage declared comes before the fault it files for the repair (same instant).
        for incident in store.lifecycle.incidents_of_holder(badge):
            said = {
                "serial": incident.serial,
                "kind": incident.kind.value,
                "what": incident.what,
                "finding": incident.finding.value,
                "by": incident.declared_by,
                "second": incident.confirmed_by,
            }
            lines.append(HistoryLine(incident.declared_at, "incident", "record.incident", said))
            if incident.found_at is not None:
                found = {"serial": incident.serial, "by": incident.found_by or ""}
                lines.append(HistoryLine(incident.found_at, "found", "record.found", found))
        for fault in store.lifecycle.faults_of_holder(badge):
            said = {"serial": fault.serial, "part": fault.part.value, "by": fault.reported_by}
            lines.append(HistoryLine(fault.reported_at, "fault", "record.fault", said))
        return sorted(lines, key=lambda line: line.at)
