"""Provides migration 4: the state bound to the chain (DESIGN §5.1, §5.2).

Live offload progress moves to a table of its own (a display cache, not state), the
incremental checkpoint gets its bookmark, offload jobs name the operator and count what a
card held that is not footage, and every row that already exists is bound to the chain by
one "genesis of the state" event, so an old home verifies from here on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 4

STATEMENTS = (
    """CREATE TABLE offload_progress (
        job_id INTEGER PRIMARY KEY NOT NULL REFERENCES offload_job(id),
        bytes_done INTEGER NOT NULL DEFAULT 0,
        rate_bps REAL NOT NULL DEFAULT 0,
        current_name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL)""",
    """INSERT INTO offload_progress (job_id, bytes_done, rate_bps, current_name, updated_at)
        SELECT id, bytes_done, rate_bps, current_name, updated_at FROM offload_job""",
    "ALTER TABLE offload_job DROP COLUMN bytes_done",
    "ALTER TABLE offload_job DROP COLUMN rate_bps",
    "ALTER TABLE offload_job DROP COLUMN current_name",
    # DESIGN §6: who ran `bwc offload` from a shell is on the job, not only "the machinery".
    "ALTER TABLE offload_job ADD COLUMN operator TEXT NOT NULL DEFAULT ''",
    # Entries of a card that are not footage (links, devices, unreadable folders): skipped,
    # listed and audited, never silently.
    "ALTER TABLE offload_job ADD COLUMN clips_skipped INTEGER NOT NULL DEFAULT 0",
    # DESIGN §5.2: the newest head a walk proved, so a checkpoint walks only what follows.
    """CREATE TABLE verified_head (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL)""",
)

# The state tables at this version, with their keys, frozen with the migration.
STATE_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("alarm", ("id",)),
    ("clip", ("id",)),
    ("clip_case", ("clip_id", "case_number")),
    ("custody_session", ("id",)),
    ("drift_ledger", ("id",)),
    ("fixity_check", ("id",)),
    ("offload_job", ("id",)),
    ("person", ("badge",)),
    ("preshift_check", ("id",)),
    ("quarantine", ("id",)),
    ("recorder", ("serial",)),
    ("recorder_reading", ("id",)),
    ("unit", ("code",)),
)


def _stored(table: str, column: str, value: object) -> object:
    # As store.state.stored_value at this version: blobs shown, the PIN hash as a digest.
    if isinstance(value, bytes):
        return {"blob": value.hex()}
    if (table, column) == ("person", "pin_hash") and value is not None:
        return {"sha256": hashlib.sha256(str(value).encode("utf-8", "surrogateescape")).hexdigest()}
    return value


def after(database: Any, now: Callable[[], datetime]) -> None:
    """One genesis event per existing row, then one event saying the migration ran."""
    at = now()
    bound = chain.bind_rows(database, at, "state_genesis", STATE_TABLES, _stored, VERSION)
    # The rows just bound may have been noted by this connection's capture: they are carried.
    try:
        database.execute_sql("DELETE FROM temp.bwc_state_change")
    except Exception:  # noqa: BLE001, S110 -- no capture on this connection yet
        pass
    if database.execute_sql("SELECT 1 FROM audit_event LIMIT 1").fetchone() is None:
        return  # a new, empty home: nothing existed before this schema
    chain.append(
        database,
        at,
        "schema_migrated",
        "database",
        "schema",
        {"from": VERSION - 1, "to": VERSION, "rows_bound": bound},
    )
