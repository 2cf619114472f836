"""Provides the SQLite database of one home and its opening with the pragmas evidence needs."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from peewee import PeeweeException, SqliteDatabase

from appliance.domain.errors import BadInput
from appliance.store import state
from appliance.store.migrations import apply_all


class UnboundChange(RuntimeError):
    """A transaction changed state rows and appended no audit event to carry them (§5.1)."""


class EvidenceDatabase(SqliteDatabase):
    """SQLite whose every connection notes the state rows it writes (DESIGN §5.1)."""

    # peewee's hook for each new connection (one per thread); the base does nothing.
    def _initialize_connection(self, conn: Any) -> None:
        state.install_capture(conn)


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


def utc_now() -> datetime:
    """The system clock's now, for a store opened without the services' clock."""
    return datetime.now(UTC)


def connect(
    path: Path, now: Callable[[], datetime] = utc_now, *, create: bool = True
) -> EvidenceDatabase:
    """A database of its own on the file at path, connected, its schema brought up to date.

    `now` stamps the events a migration appends (the services' clock). Unless `create`,
    the file must already be a bwc database: a missing or empty one is never made anew
    (DESIGN §8, only `bwc init` creates a home). Another program's is never migrated.
    """
    _check_ours(path, create)
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_file(path, DATABASE_MODE)
    # IMMEDIATE: a write transaction takes the lock at BEGIN, so the audit head it reads is
    # the head it appends to, even with the dock service writing from another process.
    # One connection per thread (peewee's default), each with its own capture (and the
    # plan of it that its connection class keeps).
    database = EvidenceDatabase(
        str(path),
        pragmas=PRAGMAS,
        check_same_thread=False,
        lock_type="IMMEDIATE",
        factory=state.CaptureConnection,
    )
    try:
        database.connect()
        apply_all(database, now)
        # The migrations may have made the tables this connection's capture must watch.
        state.install_capture(database.connection())
    except BaseException:
        database.close()
        raise
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


def _check_ours(path: Path, create: bool) -> None:
    """BadInput unless path is a bwc database (or, with create, nothing yet); looked at
    read-only, as opening with the pragmas would already rewrite another program's file."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        if create:
            return
        raise BadInput("db_missing", path=str(path))
    try:
        # A plain read-only connection, not the store's: peewee would apply the pragmas.
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        # Not readable like this (a WAL to recover, a read-only directory): the real open
        # below recovers it or names what is wrong; garbage (DatabaseError) is named now.
        return
    if version == 0 and tables is not None:
        raise BadInput("db_foreign", path=str(path))


# SQLite's primary result codes (sqlite_errorname without the extended suffix) by what they
# say to a person about the file.
_FAILURES = {
    "SQLITE_FULL": "full",
    "SQLITE_READONLY": "read_only",
    "SQLITE_PERM": "denied",
    "SQLITE_AUTH": "denied",
    "SQLITE_CANTOPEN": "cannot_open",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_NOTADB": "corrupt",
    "SQLITE_IOERR": "io",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_PROTOCOL": "busy",
}


def storage_failure(exc: BaseException, path: Path | None = None) -> str | None:
    """What a database exception says about the file at path, or None when it is not the file.

    'full', 'read_only', 'denied', 'cannot_open', 'corrupt', 'io' or 'busy'; None (a bug,
    for the caller to report as such) for anything else, such as a broken constraint.
    The exceptions it arose from count too: when a commit fails on a full disk SQLite rolls
    back by itself, and peewee's own ROLLBACK then fails with "no transaction is active".
    """
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            break
        failure = _failure_of(seen, path)
        if failure is not None:
            return failure
        seen = seen.__cause__ or seen.__context__
    return None


def _failure_of(exc: BaseException, path: Path | None) -> str | None:
    original = getattr(exc, "orig", None) if isinstance(exc, PeeweeException) else exc
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    name = str(getattr(original, "sqlite_errorname", ""))
    failure = _FAILURES.get("_".join(name.split("_")[:2]))
    if failure is None:
        # Without a result code (an older SQLite), only these texts are the file's fault.
        text = str(original).lower()
        failure = "corrupt" if "not a database" in text or "malformed" in text else None
    if failure in ("io", "cannot_open") and path is not None:
        # SQLite says only "disk I/O error" when it cannot make its -shm or -wal file.
        failure = _file_system_state(path.parent) or failure
    return failure


def _file_system_state(directory: Path) -> str | None:
    try:
        found = os.statvfs(directory)
    except OSError:
        return None
    if found.f_flag & os.ST_RDONLY:
        return "read_only"
    if found.f_bavail == 0:
        return "full"
    return None
