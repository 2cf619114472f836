"""Provides the deferred SQLite database and its opening with the pragmas evidence needs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from appliance.store import state
from appliance.store.migrations import apply_all


class UnboundChange(RuntimeError):
    """A transaction changed state rows and appended no audit event to carry them (§5.1)."""


class EvidenceDatabase(SqliteDatabase):
    """SQLite whose every connection notes the state rows it writes (DESIGN §5.1)."""

    # peewee's hook for each new connection (one per thread); the base does nothing.
    def _initialize_connection(self, conn: Any) -> None:
        state.install_capture(conn)


# Deferred: bootstrap names the file (peewee's "run-time database configuration").
# IMMEDIATE: a write transaction takes the lock at BEGIN, so the audit head it reads is the
# head it appends to, even with the dock service writing from another process.
database = EvidenceDatabase(None, lock_type="IMMEDIATE")

PRAGMAS = {
    "journal_mode": "wal",
    # DESIGN §4 step 6: a committed clip row survives power loss.
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 15000,
}

# DESIGN §6: the kiosk writes the database through the service group. SQLite makes its -wal
# and -shm files with the database file's own mode, so this one mode covers all three.
DATABASE_MODE = 0o660


def _utc_now() -> datetime:
    return datetime.now(UTC)


def open_database(path: Path, now: Callable[[], datetime] = _utc_now) -> SqliteDatabase:
    """Point the shared database at path, connect, and bring its schema up to date.

    `now` stamps the events a migration appends (the services' clock).
    """
    if not database.is_closed():
        database.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_file(path, DATABASE_MODE)
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.connect(reuse_if_open=True)
    apply_all(database, now)
    # The migrations may have made the tables this connection's capture must watch.
    state.install_capture(database.connection())
    return database


_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _create_file(path: Path, mode: int) -> None:
    """Create an empty database file with mode (an empty file is an empty SQLite database)."""
    try:
        fd = os.open(path, _CREATE_FLAGS, mode)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def close_database() -> None:
    """Close this thread's connection, if open."""
    if not database.is_closed():
        database.close()


@contextmanager
def transaction() -> Iterator[None]:
    """A write transaction (BEGIN IMMEDIATE), nesting as a savepoint.

    The outermost one refuses to commit state rows that no audit event carried (STYLE 8a).
    """
    with database.atomic():
        outermost = database.transaction_depth() == 1
        yield
        if outermost and state.has_pending(database.connection()):
            raise UnboundChange("state rows changed without an audit event")


@contextmanager
def snapshot() -> Iterator[None]:
    """A read transaction: one consistent view that never blocks a writer (WAL)."""
    with database.atomic(lock_type="DEFERRED"):
        yield
