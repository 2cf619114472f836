"""Provides one recorder's history: sessions, faults, repairs, incidents and offloads in order."""

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
    """Reads a recorder's whole life back from its rows (nothing here writes)."""

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
