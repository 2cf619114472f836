"""Provides the base of the bureau's repositories: one database, each query run on it only."""

from __future__ import annotations

from typing import Any

from peewee import fn

from appliance.store.bureau.db import BureauDatabase

# Rows per INSERT: SQLite takes at most 32,766 parameters in one statement.
BATCH = 500


class BureauRepo:
    """Runs model queries on the bureau's one database (SQLite or PostgreSQL)."""

    """The bureau's tables through one database (SQLite or PostgreSQL)."""

    def __init__(self, database: BureauDatabase) -> None:
        self.database = database
        self._db = database.db

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.database.dialect

    def transaction(self) -> Any:
        """One write transaction that holds the log's head (BureauDatabase.transaction)."""
        return self.database.transaction()

    def snapshot(self) -> Any:
        """A read transaction: one consistent view for a walk or a report."""
        return self._db.atomic()

    def close(self) -> None:
        """Close this thread's connection."""
        self.database.close()

    def _rows(self, query: Any) -> list[Any]:
        return list(query.execute(self._db))

    def _first(self, query: Any) -> Any:
        return query.first(self._db)

    def _run(self, query: Any) -> Any:
        return query.execute(self._db)


def after_day(day: str) -> str:
    """The text just past every instant of a day (instants are ISO text, UTC)."""
    return f"{day}\uffff"


def count_rows(store: BureauRepo, model: Any) -> int:
    """How many rows a table holds."""
    row = store._first(model.select(fn.COUNT(1).alias("n")))
    return 0 if row is None else int(row.n)
