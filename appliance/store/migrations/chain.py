"""Provides the raw append to the audit chain that migrations use (frozen: no store models)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from appliance.domain.audit import GENESIS_HASH, canonical_json, event_hash

MIGRATION_ACTOR = ("system:migration", "system")


def append(
    database: Any,
    at: datetime,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, object],
) -> None:
    """Append one event by the migration actor, linked to the current head."""
    head = database.execute_sql(
        "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq = 1 if head is None else int(head[0]) + 1
    prev = GENESIS_HASH if head is None else str(head[1])
    at_text = at.astimezone(UTC).isoformat(timespec="microseconds")
    actor, role = MIGRATION_ACTOR
    detail_json = canonical_json(detail)
    digest = event_hash(
        prev, seq, at_text, actor, role, action, object_type, object_id, "ok", detail_json
    )
    database.execute_sql(
        "INSERT INTO audit_event (seq, at, actor, role, action, object_type, object_id,"
        " outcome, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?)",
        (seq, at_text, actor, role, action, object_type, object_id, detail_json, prev, digest),
    )
