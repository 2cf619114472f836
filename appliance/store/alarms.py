"""Provides the repository of alarms, of quarantined content and of fixity runs."""

from __future__ import annotations

import json
from datetime import datetime

from appliance.domain.alarms import Alarm, FixityRun, Quarantined
from appliance.store.db import EvidenceDatabase
from appliance.store.models import AlarmRow, FixityCheckRow, QuarantineRow
from appliance.store.prepared import Prepared, slot
from appliance.store.repo import Repository
from appliance.store.timefmt import from_text, to_text


class AlarmRepository(Repository):
    """The alarm rows, the quarantine and the fixity runs' counts."""

    def __init__(self, database: EvidenceDatabase) -> None:
        super().__init__(database)
        # Asked by the offload at each batch it commits: built by peewee once (issue 8).
        self._open_quarantine = Prepared(
            database,
            QuarantineRow.select(QuarantineRow.id)
            .where(QuarantineRow.state == slot(QuarantineRow.state))
            .limit(1),
        )

    def raise_alarm(
        self, at: datetime, severity: str, kind: str, subject: str, **detail: object
    ) -> int:
        """Store an alarm (call inside the audit transaction); returns its id."""
        return int(
            self._run(
                AlarmRow.insert(
                    at=to_text(at),
                    severity=severity,
                    kind=kind,
                    subject=subject,
                    detail_json=json.dumps(detail, sort_keys=True, default=str),
                )
            )
        )

    def open_alarms(self, kind: str | None = None) -> list[Alarm]:
        """Alarms nobody acknowledged yet, oldest first."""
        query = AlarmRow.select().where(AlarmRow.acknowledged_at.is_null())
        if kind:
            query = query.where(AlarmRow.kind == kind)
        return [_alarm(r) for r in self._rows(query.order_by(AlarmRow.id))]

    def alarms(self, limit: int) -> list[Alarm]:
        """The newest alarms, acknowledged or not, newest first."""
        query = AlarmRow.select().order_by(AlarmRow.id.desc()).limit(limit)
        return [_alarm(r) for r in self._rows(query)]

    def raised_between(self, start: datetime, end: datetime) -> list[Alarm]:
        """The alarms raised in [start, end), oldest first (Art. 14)."""
        query = (
            AlarmRow.select()
            .where((AlarmRow.at >= to_text(start)) & (AlarmRow.at < to_text(end)))
            .order_by(AlarmRow.at, AlarmRow.id)
        )
        return [_alarm(row) for row in self._rows(query)]

    def quarantined_between(self, start: datetime, end: datetime) -> list[Quarantined]:
        """The contents quarantined in [start, end), oldest first (DESIGN §4)."""
        query = (
            QuarantineRow.select()
            .where(
                (QuarantineRow.found_at >= to_text(start)) & (QuarantineRow.found_at < to_text(end))
            )
            .order_by(QuarantineRow.found_at, QuarantineRow.id)
        )
        return [
            Quarantined(
                r.id, r.sha256, r.size, from_text(r.found_at), bool(r.content_matches), r.state
            )
            for r in self._rows(query)
        ]

    def alarm(self, alarm_id: int) -> Alarm | None:
        """One alarm, or None."""
        row = self._first(AlarmRow.select().where(AlarmRow.id == alarm_id))
        return _alarm(row) if row is not None else None

    def acknowledge(self, alarm_id: int, by: str, at: datetime, note: str) -> bool:
        """Mark the alarm seen to (call inside the audit transaction); False if it already was."""
        changed = self._run(
            AlarmRow.update(acknowledged_at=to_text(at), acknowledged_by=by, ack_note=note).where(
                (AlarmRow.id == alarm_id) & AlarmRow.acknowledged_at.is_null()
            )
        )
        return bool(changed == 1)

    def has_open_alarm(self, kind: str, subject: str) -> bool:
        """Whether this alarm is already raised and unacknowledged (no duplicates per start-up)."""
        query = AlarmRow.select().where(
            (AlarmRow.kind == kind)
            & (AlarmRow.subject == subject)
            & (AlarmRow.acknowledged_at.is_null())
        )
        return bool(query.exists(self._db))

    def quarantine(self, sha256: str, size: int, at: datetime, content_matches: bool) -> bool:
        """Hold content for review; False when it already is held."""
        inserted = self._run(
            QuarantineRow.insert(
                sha256=sha256,
                size=size,
                found_at=to_text(at),
                content_matches=content_matches,
                state="open",
            )
            .on_conflict_ignore()
            .as_rowcount()
        )
        return bool(inserted == 1)

    def any_open_quarantine(self) -> bool:
        """Whether some quarantined content still waits for its row."""
        return self._open_quarantine.cursor(state="open").fetchone() is not None

    def resolve_quarantine(self, sha256: str, clip_id: int, at: datetime) -> bool:
        """An offload committed a row for quarantined content: it is no longer an orphan."""
        changed = self._run(
            QuarantineRow.update(state="resolved", resolved_at=to_text(at), clip_id=clip_id).where(
                (QuarantineRow.sha256 == sha256) & (QuarantineRow.state == "open")
            )
        )
        return bool(changed == 1)

    def quarantined(self, open_only: bool = True) -> list[Quarantined]:
        """Quarantine entries, oldest first."""
        query = QuarantineRow.select()
        if open_only:
            query = query.where(QuarantineRow.state == "open")
        return [
            Quarantined(
                r.id, r.sha256, r.size, from_text(r.found_at), bool(r.content_matches), r.state
            )
            for r in self._rows(query.order_by(QuarantineRow.id))
        ]

    def quarantined_sizes(self) -> dict[str, int]:
        """Every quarantined content (open or resolved) with its size."""
        query = QuarantineRow.select(QuarantineRow.sha256, QuarantineRow.size)
        return {str(sha256): int(size) for sha256, size in self._cursor(query)}

    def quarantined_hashes(self) -> set[str]:
        """Every hash held in quarantine (open or resolved)."""
        query = QuarantineRow.select(QuarantineRow.sha256)
        return {str(sha256) for (sha256,) in self._cursor(query)}

    def record_fixity(self, run: FixityRun) -> None:
        """One fixity run's counts."""
        self._run(
            FixityCheckRow.insert(
                at=to_text(run.at),
                checked=run.checked,
                mismatched=run.mismatched,
                missing=run.missing,
            )
        )

    def fixity_runs(self, start: datetime, end: datetime) -> list[FixityRun]:
        """The fixity runs of [start, end), oldest first (the audit office's sample, Art. 15)."""
        query = (
            FixityCheckRow.select()
            .where((FixityCheckRow.at >= to_text(start)) & (FixityCheckRow.at < to_text(end)))
            .order_by(FixityCheckRow.at, FixityCheckRow.id)
        )
        return [
            FixityRun(from_text(row.at), row.checked, row.mismatched, row.missing)
            for row in self._rows(query)
        ]

    def last_fixity(self) -> FixityRun | None:
        """The newest fixity run's counts."""
        row = self._first(FixityCheckRow.select().order_by(FixityCheckRow.id.desc()))
        if row is None:
            return None
        return FixityRun(from_text(row.at), row.checked, row.mismatched, row.missing)


def _alarm(row: AlarmRow) -> Alarm:
    return Alarm(
        row.id,
        from_text(row.at),
        row.severity,
        row.kind,
        row.subject,
        json.loads(row.detail_json),
        from_text(row.acknowledged_at) if row.acknowledged_at else None,
        row.acknowledged_by,
        row.ack_note,
    )
