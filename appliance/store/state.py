"""Provides the binding of state rows to the audit chain: capture, pending and the live tables.

DESIGN §5.1: every change of a state row travels in the audit event of its transaction,
carrying the row's new values, so `bwc audit verify` can replay the chain and compare.
Temporary triggers (one set per connection, invisible in the file) note the key of every
row a statement writes; `pending()` reads those rows back, exactly as stored, for the event
that the same transaction appends. A transaction that changes state without an event is
refused at commit (`Store.transaction`), so no change can escape the chain by mistake.

This module speaks SQL on the raw connection, not through the models: temporary triggers
and tables, and reads driven by the schema itself (any table, with its own columns), are
what peewee cannot say.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from appliance.domain.projection import (
    Change,
    Difference,
    Projection,
    canonical_key,
    first_difference,
    key_text,
)

# Tables that are not state: the log itself, the incremental checkpoint's bookmark (checked
# against the chain on every full verify), the live progress of offload jobs (a display
# cache rewritten twice a second, never evidence), the bytes a kiosk request has written so
# far (the same kind of cache) and SQLite's own bookkeeping.
UNBOUND_TABLES = frozenset({"audit_event", "verified_head", "offload_progress", "request_progress"})


# Columns whose values must not be readable in the log (the log is read by the audit office):
# the event carries a digest of the value, which still binds it (DESIGN §5.1, §6).
SECRET_COLUMNS = frozenset({("person", "pin_hash")})


def stored_value(table: str, column: str, value: object) -> object:
    """A column's value as the chain carries it: as stored, or a digest for a secret one."""
    if isinstance(value, bytes):
        # The product never stores blobs; one written by hand shows as such, not as a crash.
        return {"blob": value.hex()}
    if (table, column) in SECRET_COLUMNS and value is not None:
        return {"sha256": hashlib.sha256(str(value).encode("utf-8", "surrogateescape")).hexdigest()}
    return value


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a table or column name: {name!r}")
    return f'"{name}"'


def bound_tables(conn: Any) -> dict[str, tuple[str, ...]]:
    """Every state table of the schema with its primary-key columns (every table has one)."""
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: table_keys(conn, name) for name in names if name not in UNBOUND_TABLES}


def table_keys(conn: Any, table: str) -> tuple[str, ...]:
    """A table's primary-key columns, in key order."""
    info = conn.execute(f"PRAGMA main.table_info({_quote(table)})").fetchall()
    keyed = sorted((int(col[5]), str(col[1])) for col in info if int(col[5]) > 0)
    if not keyed:
        raise ValueError(f"table {table} has no primary key: its rows cannot be named")
    return tuple(col for _, col in keyed)


# A table's key columns, and its SELECT of one row by key.
_TablePlan = tuple[tuple[str, ...], str]


def _table_plan(table: str, keys: tuple[str, ...]) -> _TablePlan:
    where = " AND ".join(f"{_quote(k)} IS ?" for k in keys)
    return keys, f"SELECT * FROM main.{_quote(table)} WHERE {where}"  # noqa: S608 -- quoted


class CaptureConnection(sqlite3.Connection):
    """A connection that keeps its capture plan: each watched table's key columns and the
    statement reading one of its rows back, made with its triggers (`install_capture`).

    An event is appended per clip: reading the keys from the schema each time (a PRAGMA per
    table per event) cost more than the rest of reading its changes (issue 8). The plan cannot go
    stale: the triggers note keys built from exactly these columns, and they are made once
    per connection, after the migrations (nothing changes the schema of an open home).
    """

    capture_plan: dict[str, _TablePlan] | None = None


def install_capture(conn: Any) -> None:
    """Create this connection's pending-change table and the triggers that fill it."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS bwc_state_change ("
        " tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key))"
    )
    tables = bound_tables(conn)
    if isinstance(conn, CaptureConnection):
        conn.capture_plan = {table: _table_plan(table, keys) for table, keys in tables.items()}
    for table, keys in tables.items():
        _quote(table)
        new_key = "json_array(" + ", ".join(f"NEW.{_quote(k)}" for k in keys) + ")"
        old_key = "json_array(" + ", ".join(f"OLD.{_quote(k)}" for k in keys) + ")"
        # Table names come from the schema itself, checked by _quote.
        note = f"INSERT OR IGNORE INTO bwc_state_change (tbl, key) VALUES ('{table}', "  # noqa: S608
        for event, body in (
            ("INSERT", f"{note}{new_key});"),
            ("UPDATE", f"{note}{old_key}); {note}{new_key});"),
            ("DELETE", f"{note}{old_key});"),
        ):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS bwc_capture_{table}_{event.lower()}"
                f" AFTER {event} ON main.{_quote(table)} BEGIN {body} END"
            )


def has_pending(conn: Any) -> bool:
    """Whether this connection wrote state rows that no event has carried yet."""
    try:
        found = conn.execute("SELECT 1 FROM temp.bwc_state_change LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # no capture table yet: nothing can be pending
        return False
    return found is not None


def pending(conn: Any) -> list[Change]:
    """The pending changes with each row's values as stored now (None: deleted), in order.

    They stay pending until `clear_pending`: the caller clears them once the event that
    carries them is written, so a failed write cannot lose them.
    """
    try:
        noted = conn.execute("SELECT tbl, key FROM temp.bwc_state_change").fetchall()
    except sqlite3.OperationalError:  # capture not installed (a migration before it)
        return []
    if not noted:
        return []
    plans = _plans(conn, {str(row[0]) for row in noted})
    changes = []
    for table, key_json in noted:
        key = canonical_key(json.loads(key_json))
        changes.append(Change(str(table), key, _row(conn, str(table), plans[str(table)], key)))
    changes.sort(key=lambda change: (change.table, key_text(change.key)))
    return changes


def clear_pending(conn: Any) -> None:
    """Forget the pending changes: an event now carries them."""
    conn.execute("DELETE FROM temp.bwc_state_change")


def _plans(conn: Any, tables: set[str]) -> dict[str, _TablePlan]:
    """The plan of each table written: the connection's own, else read from the schema
    (a connection made elsewhere, or a table its capture did not know)."""
    known: dict[str, _TablePlan] = getattr(conn, "capture_plan", None) or {}
    return {
        table: known.get(table) or _table_plan(table, table_keys(conn, table)) for table in tables
    }


def _row(conn: Any, table: str, plan: _TablePlan, key: list[Any]) -> dict[str, Any] | None:
    cursor = conn.execute(plan[1], key)
    row = cursor.fetchone()
    if row is None:
        return None
    names = [str(col[0]) for col in cursor.description]
    return {name: stored_value(table, name, value) for name, value in zip(names, row, strict=True)}


def live_rows(
    conn: Any, table: str, keys: tuple[str, ...]
) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """Every row of a state table as (key, values), in key order, read in batches."""
    order = ", ".join(_quote(k) for k in keys)
    cursor = conn.execute(
        f"SELECT * FROM main.{_quote(table)} ORDER BY {order}"  # noqa: S608 -- names quoted
    )
    names = [str(col[0]) for col in cursor.description]
    while batch := cursor.fetchmany(1000):
        for row in batch:
            named = {n: stored_value(table, n, v) for n, v in zip(names, row, strict=True)}
            yield [named[k] for k in keys], named


def compare(conn: Any, projection: Projection) -> tuple[Difference | None, int]:
    """The first difference between the live state tables and the projection, and how many
    rows differ in all (tables in name order, rows in key order)."""
    tables = bound_tables(conn)
    first: Difference | None = None
    total = 0
    for table in sorted(set(tables) | projection.tables()):
        projected = projection.rows(table)
        live = live_rows(conn, table, tables[table]) if table in tables else iter(())
        difference, count = first_difference(table, projected, live)
        total += count
        if first is None and difference is not None:
            first = difference
    return first, total
