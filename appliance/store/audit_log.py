"""Provides the append-only audit log: append in the caller's transaction, read in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from appliance.domain.audit import GENESIS_HASH, AuditEvent, canonical_json, event_hash
from appliance.store.db import database
from appliance.store.models import AuditEventRow
from appliance.store.timefmt import to_text


def append(
    at: datetime,
    actor: str,
    role: str,
    action: str,
    object_type: str,
    object_id: str,
    outcome: str,
    detail: dict[str, object],
) -> AuditEvent:
    """Append one event linked to the current head; joins the caller's transaction."""
    with database.atomic():
        head = AuditEventRow.select().order_by(AuditEventRow.seq.desc()).limit(1).first()
        seq = 1 if head is None else head.seq + 1
        prev = GENESIS_HASH if head is None else head.hash
        at_text = to_text(at)
        detail_json = canonical_json(detail)
        digest = event_hash(
            prev, seq, at_text, actor, role, action, object_type, object_id, outcome, detail_json
        )
        AuditEventRow.insert(
            seq=seq,
            at=at_text,
            actor=actor,
            role=role,
            action=action,
            object_type=object_type,
            object_id=object_id,
            outcome=outcome,
            detail_json=detail_json,
            prev_hash=prev,
            hash=digest,
        ).execute()
    return AuditEvent(
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


def iterate(batch: int = 2000) -> Iterator[AuditEvent]:
    """Every event in stored seq order, read in batches so memory stays flat."""
    # Read text as bytes: a byte edited into invalid UTF-8 must show up as a bad seq in the
    # walk, not as a decoding error that stops it.
    columns = "at actor role action object_type object_id outcome detail_json prev_hash hash"
    selected = ", ".join(f"CAST({name} AS BLOB)" for name in columns.split())
    query = f"SELECT seq, {selected} FROM audit_event ORDER BY rowid"  # noqa: S608 -- fixed names
    cursor = database.execute_sql(query)
    while rows := cursor.fetchmany(batch):
        for row in rows:
            seq = row[0] if isinstance(row[0], int) else -1
            texts = [_text(value) for value in row[1:]]
            yield AuditEvent(seq, *texts)


def _text(value: object) -> str:
    # An attacker may have stored any type in any column; the walk must still name the seq.
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    return value if isinstance(value, str) else str(value)


def recent(limit: int = 50) -> list[AuditEvent]:
    """The newest events, newest first."""
    rows = AuditEventRow.select().order_by(AuditEventRow.seq.desc()).limit(limit)
    return [
        AuditEvent(
            r.seq,
            r.at,
            r.actor,
            r.role,
            r.action,
            r.object_type,
            r.object_id,
            r.outcome,
            r.detail_json,
            r.prev_hash,
            r.hash,
        )
        for r in rows
    ]


def count() -> int:
    """How many events the log holds."""
    return int(AuditEventRow.select().count())
