"""Provides the opening of the bureau database: SQLite by default, PostgreSQL when named.

One peewee database object per store, never bound process-wide (STYLE 8), so a test may hold
a SQLite bureau and a PostgreSQL one side by side; the schema comes from `schema.py`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from peewee import (
    Database,
    InterfaceError,
    OperationalError,
    PeeweeException,
    PostgresqlDatabase,
    SqliteDatabase,
)

from appliance.bureau_config import BureauSettings, parse_database_url
from appliance.domain.errors import BadInput
from appliance.store.bureau.schema import MIGRATIONS, latest_version

_SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 15000,
}
_META = "CREATE TABLE IF NOT EXISTS bureau_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


class BureauDatabase:
    """The bureau's database and the dialect it speaks ('sqlite' or 'postgresql')."""

    def __init__(self, database: Database, dialect: str, where: str) -> None:
        self.db = database
        self.dialect = dialect
        self.where = where

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; the audit chain's head is held until it ends.

        SQLite begins IMMEDIATE (the write lock at BEGIN); PostgreSQL locks the log table
        against other writers, so the head an append reads is the head it extends.
        """
        with self.db.atomic():
            if self.dialect == "postgresql":
                self.db.execute_sql("LOCK TABLE audit_event IN EXCLUSIVE MODE")
            yield

    def close(self) -> None:
        """Close this thread's connection."""
        if not self.db.is_closed():
            self.db.close()


def open_database(settings: BureauSettings, *, create: bool = False) -> BureauDatabase:
    """The bureau's database, connected, its schema brought up to date.

    Unless `create` (only `bwc-bureau init`), it must already be a bureau database: an
    empty one is never made anew, and another program's is never touched.
    """
    if settings.database_url:
        params: dict[str, Any] = dict(parse_database_url(settings.database_url))
        name = params.pop("dbname")
        database: Database = PostgresqlDatabase(
            name, prefer_psycopg3=True, autoconnect=True, **params
        )
        bureau = BureauDatabase(database, "postgresql", f"postgresql database {name}")
    else:
        path = settings.database_path
        _check_sqlite_file(path, create)
        _create_file(path)
        database = SqliteDatabase(
            str(path), pragmas=_SQLITE_PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE"
        )
        bureau = BureauDatabase(database, "sqlite", str(path))
    try:
        database.connect(reuse_if_open=True)
        _migrate(bureau, create)
    except (OperationalError, InterfaceError) as exc:
        bureau.close()
        raise BadInput(
            "bureau.database_unreachable", where=bureau.where, error=_first_line(exc)
        ) from None
    except BaseException:
        bureau.close()
        raise
    return bureau


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _migrate(bureau: BureauDatabase, create: bool) -> None:
    db = bureau.db
    tables = set(db.get_tables())
    if "bureau_meta" not in tables:
        if tables or not create:
            # Another program's tables, or an empty database nobody initialised.
            reason = "bureau.database_foreign" if tables else "bureau.database_empty"
            raise BadInput(reason, where=bureau.where)
        with db.atomic():
            db.execute_sql(_META)
            db.execute_sql("INSERT INTO bureau_meta (key, value) VALUES ('schema_version', '0')")
    current = int(_meta(db, "schema_version") or 0)
    if current > latest_version():
        raise BadInput("schema_too_new", version=current, supported=latest_version())
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        with db.atomic():
            for statement in migration.statements(bureau.dialect):
                db.execute_sql(statement)
            # The marker is the driver's, the version a parameter.
            update = f"UPDATE bureau_meta SET value = {db.param} WHERE key = 'schema_version'"  # noqa: S608
            db.execute_sql(update, (str(migration.version),))
        current = migration.version


def _meta(db: Database, key: str) -> str | None:
    # The marker is the driver's own ("?" or "%s"), never a value: the key is a parameter.
    query = "SELECT value FROM bureau_meta WHERE key = " + db.param  # noqa: S608
    row = db.execute_sql(query, (key,)).fetchone()
    return None if row is None else str(row[0])


def schema_version(bureau: BureauDatabase) -> int:
    """The version the database's schema is at."""
    return int(_meta(bureau.db, "schema_version") or 0)


def _check_sqlite_file(path: Path, create: bool) -> None:
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        if create:
            return
        raise BadInput("bureau.database_empty", where=str(path))
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise BadInput("bureau.database_foreign", where=str(path)) from None


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o640)
    except FileExistsError:
        return
    os.close(fd)


def is_database_error(exc: BaseException) -> bool:
    """Whether an exception came from the database (for the one-line failure)."""
    return isinstance(exc, PeeweeException)


def raw(bureau: BureauDatabase) -> Any:
    """The peewee database, for the repositories of this package only."""
    return bureau.db


def describe_failure(exc: BaseException) -> str | None:
    """The database's own first line for a failure of it, or None when it is no such one."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, PeeweeException | sqlite3.DatabaseError):
            return _first_line(seen)
        seen = seen.__cause__ or seen.__context__
    return None
