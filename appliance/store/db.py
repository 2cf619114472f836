"""Provides the deferred SQLite database and its opening with the pragmas evidence needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from appliance.store.migrations import apply_all

# Deferred: bootstrap names the file (peewee's "run-time database configuration").
# IMMEDIATE: a write transaction takes the lock at BEGIN, so the audit head it reads is the
# head it appends to, even with the dock service writing from another process.
database = SqliteDatabase(None, lock_type="IMMEDIATE")

PRAGMAS = {
    "journal_mode": "wal",
    # DESIGN §4 step 6: a committed clip row survives power loss.
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 15000,
}


def open_database(path: Path) -> SqliteDatabase:
    """Point the shared database at path, connect, and bring its schema up to date."""
    if not database.is_closed():
        database.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.connect(reuse_if_open=True)
    apply_all(database)
    return database


def close_database() -> None:
    """Close this thread's connection, if open."""
    if not database.is_closed():
        database.close()


def transaction() -> Any:
    """A write transaction (BEGIN IMMEDIATE), nesting as a savepoint; use as a context manager."""
    return database.atomic()
