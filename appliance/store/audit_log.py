"""Provides the append-only audit log: append in the caller's transaction, read in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from appliance.domain.audit import (
    GENESIS_HASH,
    AuditEvent,
    ChainHead,
    canonical_json,
    event_hash,
)
from appliance.domain.projection import CHANGES_KEY, Difference, Projection, changes_json
from appliance.store import state
from appliance.store.db import EvidenceDatabase
from appliance.store.models import AuditEventRow, VerifiedHeadRow
from appliance.store.prepared import Prepared, slot
from appliance.store.repo import Repository
from appliance.store.timefmt import to_text

_E = AuditEventRow
_TEXT_COLUMNS = (
    _E.at,
    _E.actor,
    _E.role,
    _E.action,
    _E.object_type,
    _E.object_id,
    _E.outcome,
    _E.detail_json,
    _E.prev_hash,
    _E.hash,
)


def _event(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        row.seq,
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


def _text(value: object) -> str:
    # An attacker may have stored any type in any column; the walk must still name the seq.
    if type(value) is bytes:
        return value.decode("utf-8", "surrogateescape")
    return value if isinstance(value, str) else str(value)


class AuditLog(Repository):
    """The hash chain of events and the bookmark of its newest verified head."""

    def __init__(self, database: EvidenceDatabase) -> None:
        super().__init__(database)
        # An event per clip: built by peewee once, run with each event's values.
        self._head = Prepared(database, _E.select(_E.seq, _E.hash).order_by(_E.seq.desc()).limit(1))
        self._insert = Prepared(database, _E.insert({f: slot(f) for f in _E._meta.sorted_fields}))

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
        """Append one event linked to the current head; joins the caller's transaction.

        The event carries every state row the transaction wrote since the last event, with
        its new values (DESIGN §5.1).
        """
        if CHANGES_KEY in detail:
            raise ValueError(f"{CHANGES_KEY!r} is the chain's own detail key")
        if self._db.in_transaction():
            # Inside the caller's transaction no savepoint is needed (one per event costs as
            # much as the insert): a failure below leaves the pending notes in place, so the
            # transaction still cannot commit its rows without an event (see _append).
            return self._append(at, actor, role, action, object_type, object_id, outcome, detail)
        with self._db.atomic():
            return self._append(at, actor, role, action, object_type, object_id, outcome, detail)

    def _append(
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
        conn = self._db.connection()
        changes = state.pending(conn)
        if changes:
            detail = {**detail, CHANGES_KEY: changes_json(changes)}
        head = self._head.cursor().fetchone()
        seq = 1 if head is None else int(head[0]) + 1
        prev = GENESIS_HASH if head is None else str(head[1])
        at_text = to_text(at)
        detail_json = canonical_json(detail)
        digest = event_hash(
            prev, seq, at_text, actor, role, action, object_type, object_id, outcome, detail_json
        )
        event = AuditEvent(
            seq,
            at_text,
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
        self._insert.cursor(
            seq=event.seq,
            at=event.at,
            actor=event.actor,
            role=event.role,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            outcome=event.outcome,
            detail_json=event.detail_json,
            prev_hash=event.prev_hash,
            hash=event.hash,
        )
        # Cleared only once the event that carries them is written: should the insert fail,
        # the notes stay and the transaction's commit is still refused (UnboundChange).
        if changes:
            state.clear_pending(conn)
        return event

    def iterate(self, after_seq: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
        """Every event after `after_seq` in stored order, read in batches so memory stays flat."""
        # Read text as bytes, from the raw cursor: a byte edited into invalid UTF-8 must show
        # up as a bad seq in the walk, not as a decoding (or conversion) error that stops it.
        # seq is the rowid: the range is an index seek, whatever the size of the log.
        query = (
            _E.select(_E.seq, *(column.cast("BLOB") for column in _TEXT_COLUMNS))
            .where(_E.seq > after_seq)
            .order_by(_E.seq)
        )
        cursor = self._cursor(query)
        while rows := cursor.fetchmany(batch):
            for row in rows:
                seq = row[0] if isinstance(row[0], int) else -1
                yield AuditEvent(seq, *(_text(value) for value in row[1:]))

    def refused_between(self, action: str, start: datetime, end: datetime) -> list[AuditEvent]:
        """The refused events of one action in [start, end), oldest first (index on at)."""
        query = (
            _E.select()
            .where(
                (_E.at >= to_text(start))
                & (_E.at < to_text(end))
                & (_E.action == action)
                & (_E.outcome == "refused")
            )
            .order_by(_E.seq)
        )
        return [_event(r) for r in self._rows(query)]

    def recent(self, limit: int = 50) -> list[AuditEvent]:
        """The newest events, newest first."""
        return [_event(r) for r in self._rows(_E.select().order_by(_E.seq.desc()).limit(limit))]

    def search(
        self,
        since: str | None,
        until: str | None,
        actor: str | None,
        refused_only: bool,
        limit: int,
    ) -> list[AuditEvent]:
        """The newest `limit` events that match, newest first (times as stored: UTC text)."""
        query = _E.select()
        if since is not None:
            query = query.where(_E.at >= since)
        if until is not None:
            query = query.where(_E.at < until)
        if actor is not None:
            query = query.where(_E.actor == actor)
        if refused_only:
            query = query.where(_E.outcome == "refused")
        return [_event(r) for r in self._rows(query.order_by(_E.seq.desc()).limit(limit))]

    def count(self) -> int:
        """How many events the log holds."""
        return int(_E.select().count(self._db))

    def verified_head(self) -> ChainHead | None:
        """The newest head a walk proved intact (DESIGN §5.2), if any."""
        row = self._first(VerifiedHeadRow.select().where(VerifiedHeadRow.id == 1))
        return None if row is None else ChainHead(int(row.seq), str(row.hash))

    def set_verified_head(self, head: ChainHead, at: datetime) -> None:
        """Move the bookmark forward to a head just proved intact (never back)."""
        current = self.verified_head()
        if current is not None and current.seq >= head.seq:
            return
        values = {
            VerifiedHeadRow.seq: head.seq,
            VerifiedHeadRow.hash: head.hash,
            VerifiedHeadRow.at: to_text(at),
        }
        self._run(
            VerifiedHeadRow.insert({VerifiedHeadRow.id: 1, **values}).on_conflict(
                conflict_target=[VerifiedHeadRow.id], update=values
            )
        )

    def integrity_problem(self) -> str:
        """'' when SQLite's quick_check finds the file sound, else its first complaint."""
        # A PRAGMA: no model can say it.
        rows = [str(row[0]) for row in self._db.execute_sql("PRAGMA quick_check").fetchall()]
        return "" if rows == ["ok"] else "; ".join(rows[:3])

    def compare_state(self, projection: Projection) -> tuple[Difference | None, int]:
        """The first difference between the live state tables and a replayed projection."""
        return state.compare(self._db.connection(), projection)
