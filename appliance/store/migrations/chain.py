"""Provides the raw append to the audit chain that migrations use, and the binding of a
table's rows to it (frozen: no store models)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from appliance.domain.audit import GENESIS_HASH, canonical_json, event_hash
from appliance.domain.projection import CHANGES_KEY, canonical_key, key_text

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


def bind_rows(
    database: Any,
    at: datetime,
    action: str,
    tables: tuple[tuple[str, tuple[str, ...]], ...],
    stored: Callable[[str, str, object], object],
    version: int,
) -> int:
    """One event per row of each table (in key order) carrying its values as `stored` shows
    them at this version; how many rows were bound."""
    bound = 0
    for table, keys in tables:
        order = ", ".join(keys)
        cursor = database.execute_sql(f"SELECT * FROM {table} ORDER BY {order}")  # noqa: S608 -- frozen names
        names = [str(col[0]) for col in cursor.description]
        for row in cursor.fetchall():
            values = {n: stored(table, n, v) for n, v in zip(names, row, strict=True)}
            key = canonical_key([values[k] for k in keys])
            detail = {CHANGES_KEY: [[table, key, values]], "migration": version}
            append(database, at, action, table, key_text(key), detail)
            bound += 1
    return bound


def bind_reshaped(
    database: Any,
    now: Callable[[], datetime],
    tables: tuple[tuple[str, tuple[str, ...]], ...],
    stored: Callable[[str, str, object], object],
    version: int,
) -> None:
    """A migration's `after` for tables whose rows changed shape: one `state_reshaped` event
    per row, carrying its new values; none on a new, empty home (it has no chain yet)."""
    if database.execute_sql("SELECT 1 FROM audit_event LIMIT 1").fetchone() is None:
        return
    bind_rows(database, now(), "state_reshaped", tables, stored, version)
    try:
        # The rows just bound were noted by this connection's capture, if it has one.
        database.execute_sql("DELETE FROM temp.bwc_state_change")
    except Exception:  # noqa: BLE001, S110 -- no capture on this connection yet
        pass
