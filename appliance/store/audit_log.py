"""Provides the append-only audit log: append in the caller's transaction, read in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from appliance.domain.audit import GENESIS_HASH, AuditEvent, canonical_json, event_hash
from appliance.domain.projection import CHANGES_KEY, Difference, Projection, changes_json
from appliance.store import state
from appliance.store.db import database
from appliance.store.models import AuditEventRow, VerifiedHeadRow
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
    """Append one event linked to the current head; joins the caller's transaction.

    The event carries every state row the transaction wrote since the last event, with its
    new values (DESIGN §5.1).
    """
    if CHANGES_KEY in detail:
        raise ValueError(f"{CHANGES_KEY!r} is the chain's own detail key")
    with database.atomic():
        changes = state.drain(database.connection())
        if changes:
            detail = {**detail, CHANGES_KEY: changes_json(changes)}
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


def iterate(after_seq: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
    """Every event after `after_seq` in stored order, read in batches so memory stays flat."""
    # Read text as bytes: a byte edited into invalid UTF-8 must show up as a bad seq in the
    # walk, not as a decoding error that stops it.
    columns = "at actor role action object_type object_id outcome detail_json prev_hash hash"
    selected = ", ".join(f"CAST({name} AS BLOB)" for name in columns.split())
    # seq is the rowid: the range is an index seek, whatever the size of the log.
    query = f"SELECT seq, {selected} FROM audit_event WHERE rowid > ? ORDER BY rowid"  # noqa: S608 -- fixed names
    cursor = database.execute_sql(query, (after_seq,))
    while rows := cursor.fetchmany(batch):
        for row in rows:
            seq = row[0] if isinstance(row[0], int) else -1
            texts = [
                value.decode("utf-8", "surrogateescape") if type(value) is bytes else _text(value)
                for value in row[1:]
            ]
            yield AuditEvent(seq, *texts)


def _text(value: object) -> str:
    # An attacker may have stored any type in any column; the walk must still name the seq.
    if type(value) is bytes:
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


def verified_head() -> tuple[int, str] | None:
    """The newest (seq, hash) a walk proved intact (DESIGN §5.2), if any."""
    row = VerifiedHeadRow.get_or_none(VerifiedHeadRow.id == 1)
    return None if row is None else (int(row.seq), str(row.hash))


def set_verified_head(seq: int, hash_hex: str, at: datetime) -> None:
    """Move the bookmark forward to a head just proved intact (never back)."""
    current = verified_head()
    if current is not None and current[0] >= seq:
        return
    VerifiedHeadRow.insert(id=1, seq=seq, hash=hash_hex, at=to_text(at)).on_conflict(
        conflict_target=[VerifiedHeadRow.id],
        update={
            VerifiedHeadRow.seq: seq,
            VerifiedHeadRow.hash: hash_hex,
            VerifiedHeadRow.at: to_text(at),
        },
    ).execute()


def integrity_problem() -> str:
    """'' when SQLite's quick_check finds the file sound, else its first complaint."""
    rows = [str(row[0]) for row in database.execute_sql("PRAGMA quick_check").fetchall()]
    return "" if rows == ["ok"] else "; ".join(rows[:3])


def compare_state(projection: Projection) -> tuple[Difference | None, int]:
    """The first difference between the live state tables and a replayed projection."""
    return state.compare(database.connection(), projection)
