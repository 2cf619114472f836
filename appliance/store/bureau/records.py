"""Provides the bureau's records: its alarms, the export requests and its own hash-chained log."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from appliance.domain.audit import GENESIS_HASH, AuditEvent, ChainHead, canonical_json, event_hash
from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import Disclosure, DisclosureState
from appliance.domain.packages import event_record
from appliance.store.bureau.models import (
    BureauAlarmRow,
    ExportRequestRow,
)
from appliance.store.bureau.repo_base import BATCH, BureauRepo, after_day
from appliance.store.models import AuditEventRow
from appliance.store.timefmt import from_text, to_text


@dataclass(frozen=True)
class BureauAlarm:
    """One alarm of the bureau."""

    id: int
    at: datetime
    severity: str
    kind: str
    unit: str
    seq: int | None
    detail: dict[str, object]
    acknowledged_by: str | None


# Eleven columns each: well under SQLite's 32,766 parameters, and one round trip per batch.
_EVENTS_PER_INSERT = 100


class Records(BureauRepo):
    """Alarms, export requests and the bureau's log."""

    # Alarms -----------------------------------------------------------------------------

    def raise_alarm(
        self,
        at: datetime,
        severity: str,
        kind: str,
        unit: str,
        seq: int | None,
        **detail: object,
    ) -> int:
        """Store an alarm (inside the audit transaction); its id."""
        return int(
            self._run(
                BureauAlarmRow.insert(
                    at=to_text(at),
                    severity=severity,
                    kind=kind,
                    unit_code=unit,
                    seq=seq,
                    detail_json=json.dumps(detail, sort_keys=True, default=str),
                )
            )
        )

    def alarms(self, open_only: bool = True) -> list[BureauAlarm]:
        """The alarms (only those nobody acknowledged), oldest first."""
        query = BureauAlarmRow.select().order_by(BureauAlarmRow.id)
        if open_only:
            query = query.where(BureauAlarmRow.acknowledged_at.is_null())
        return [_alarm(r) for r in self._rows(query)]

    def alarm(self, alarm_id: int) -> BureauAlarm | None:
        """One alarm by id."""
        row = self._first(BureauAlarmRow.select().where(BureauAlarmRow.id == alarm_id))
        return None if row is None else _alarm(row)

    def acknowledge(self, alarm_id: int, by: str, at: datetime) -> None:
        """Mark an alarm seen."""
        self._run(
            BureauAlarmRow.update(acknowledged_by=by, acknowledged_at=to_text(at)).where(
                BureauAlarmRow.id == alarm_id
            )
        )

    def alarms_between(self, start: str, end: str) -> list[BureauAlarm]:
        """The alarms raised over days [start, end]."""
        query = (
            BureauAlarmRow.select()
            .where((BureauAlarmRow.at >= start) & (BureauAlarmRow.at < after_day(end)))
            .order_by(BureauAlarmRow.id)
        )
        return [_alarm(r) for r in self._rows(query)]

    # Export requests --------------------------------------------------------------------

    def add_request(
        self,
        by: str,
        at: datetime,
        recipient: str,
        reason: str,
        items: str,
        clip_ids: Sequence[int],
    ) -> int:
        """Store a pending export request; its id."""
        return int(
            self._run(
                ExportRequestRow.insert(
                    requested_by=by,
                    requested_at=to_text(at),
                    recipient=recipient,
                    reason=reason,
                    items_sha256=items,
                    clip_ids=json.dumps(sorted(set(clip_ids))),
                    named_classes="[]",
                    state=DisclosureState.PENDING.value,
                    decision_note="",
                )
            )
        )

    def request(self, request_id: int) -> Disclosure | None:
        """One export request by id."""
        row = self._first(ExportRequestRow.select().where(ExportRequestRow.id == request_id))
        return None if row is None else _request(row)

    def requests(self) -> list[Disclosure]:
        """Every export request, newest first."""
        query = ExportRequestRow.select().order_by(ExportRequestRow.id.desc())
        return [_request(r) for r in self._rows(query)]

    def decide(
        self,
        request_id: int,
        state: DisclosureState,
        by: str,
        at: datetime,
        note: str,
        approved_items: str | None,
        expires: datetime | None,
        allowed: Iterable[Classification] = (),
    ) -> None:
        """Store a bureau head's decision, with the classes an approval lets go out."""
        self._run(
            ExportRequestRow.update(
                state=state.value,
                decided_by=by,
                decided_at=to_text(at),
                decision_note=note,
                approved_items_sha256=approved_items,
                expires_at=None if expires is None else to_text(expires),
                named_classes=json.dumps(sorted(c.value for c in allowed)),
            ).where(ExportRequestRow.id == request_id)
        )

    def mark_exported(self, request_id: int, at: datetime, signature_sha256: str) -> None:
        """An approval used: the request is exported, once."""
        self._run(
            ExportRequestRow.update(
                state=DisclosureState.EXPORTED.value,
                exported_at=to_text(at),
                signature_sha256=signature_sha256,
            ).where(ExportRequestRow.id == request_id)
        )

    # The bureau's own log ---------------------------------------------------------------

    def head(self) -> ChainHead:
        """The newest event's (seq, hash), or the genesis."""
        row = self._first(
            AuditEventRow.select(AuditEventRow.seq, AuditEventRow.hash)
            .order_by(AuditEventRow.seq.desc())
            .limit(1)
        )
        return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(int(row.seq), row.hash)

    def append(
        self,
        at: datetime,
        actor: str,
        role: str,
        action: str,
        object_type: str,
        object_id: str,
        outcome: str,
        detail: dict[str, object],
    ) -> AuditEvent:
        """Append one event to the chain (inside transaction(), which holds the head)."""
        return self.append_many(
            at, actor, role, [(action, object_type, object_id, outcome, detail)]
        )[0]

    def append_many(
        self,
        at: datetime,
        actor: str,
        role: str,
        entries: Sequence[tuple[str, str, str, str, dict[str, object]]],
    ) -> list[AuditEvent]:
        """Append events of one actor, in order, each linked to the one before, in one
        statement per batch (inside transaction()); entries are (action, object type,
        object id, outcome, detail)."""
        head = self.head()
        seq, prev = head.seq, head.hash
        when = to_text(at)
        events = []
        for action, object_type, object_id, outcome, detail in entries:
            seq += 1
            detail_json = canonical_json(detail)
            digest = event_hash(
                prev, seq, when, actor, role, action, object_type, object_id, outcome, detail_json
            )
            events.append(
                AuditEvent(
                    seq,
                    when,
                    actor,
                    role,
                    action,
                    object_type,
                    object_id,
                    outcome,
                    detail_json,
                    prev,
                    digest,
                )
            )
            prev = digest
        rows = [event_record(e) for e in events]
        for start in range(0, len(rows), _EVENTS_PER_INSERT):
            self._run(AuditEventRow.insert_many(rows[start : start + _EVENTS_PER_INSERT]))
        return events

    def iterate(self, after_seq: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
        """The bureau's events after a seq, in order, read in batches."""
        last = after_seq
        while True:
            query = (
                AuditEventRow.select()
                .where(AuditEventRow.seq > last)
                .order_by(AuditEventRow.seq)
                .limit(batch)
            )
            rows = self._rows(query)
            if not rows:
                return
            for row in rows:
                yield _event(row)
            last = int(rows[-1].seq)

    def first_event(self, object_type: str, object_ids: Iterable[str], action: str) -> int | None:
        """The seq of the earliest event of this action about any of these objects."""
        names = sorted(set(object_ids))
        best: int | None = None
        for start in range(0, len(names), BATCH):
            row = self._first(
                AuditEventRow.select(fn.MIN(AuditEventRow.seq).alias("first")).where(
                    (AuditEventRow.object_type == object_type)
                    & (AuditEventRow.action == action)
                    & AuditEventRow.object_id.in_(names[start : start + BATCH])
                )
            )
            if row is not None and row.first is not None:
                best = int(row.first) if best is None else min(best, int(row.first))
        return best

    def refused_between(self, start: str, end: str) -> list[AuditEvent]:
        """The bureau's refused events over days [start, end], oldest first."""
        query = (
            AuditEventRow.select()
            .where(
                (AuditEventRow.outcome == "refused")
                & (AuditEventRow.at >= start)
                & (AuditEventRow.at < after_day(end))
            )
            .order_by(AuditEventRow.seq)
        )
        return [_event(r) for r in self._rows(query)]


def _alarm(row: Any) -> BureauAlarm:
    return BureauAlarm(
        int(row.id),
        from_text(row.at),
        row.severity,
        row.kind,
        row.unit_code,
        None if row.seq is None else int(row.seq),
        json.loads(row.detail_json),
        row.acknowledged_by,
    )


def _request(row: Any) -> Disclosure:
    def instant(text: str | None) -> datetime | None:
        return None if text is None else from_text(text)

    return Disclosure(
        id=int(row.id),
        requested_by=row.requested_by,
        requested_at=from_text(row.requested_at),
        recipient=row.recipient,
        reason=row.reason,
        items_sha256=row.items_sha256,
        clip_ids=tuple(int(i) for i in json.loads(row.clip_ids)),
        state=DisclosureState(row.state),
        named_classes=frozenset(Classification(c) for c in json.loads(row.named_classes)),
        decided_by=row.decided_by,
        decided_at=instant(row.decided_at),
        decision_note=row.decision_note,
        approved_items_sha256=row.approved_items_sha256,
        expires_at=instant(row.expires_at),
        exported_at=instant(row.exported_at),
    )


def _event(row: Any) -> AuditEvent:
    return AuditEvent(
        int(row.seq),
        row.at,
        row.actor,
        row.role,
        row.action,
        row.object_type,
        row.object_id,
        row.outcome,
        row.detail_json,
        row.prev_hash,
        row.hash,
    )
