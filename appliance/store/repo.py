"""Provides the base of every repository: one store's database, to which each query is bound."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from appliance.store.db import EvidenceDatabase
from appliance.store.timefmt import from_text, to_text


class Repository:
    """Runs model queries on one store's database, and only there.

    Each query is handed the database when it runs (`execute(db)`, `first(db)`, …) rather
    than the models being bound: binding models is process-wide, and with two homes open a
    query must never reach the other one (STYLE rule 8).
    """

    def __init__(self, database: EvidenceDatabase) -> None:
        self._db = database

    def _rows(self, query: Any) -> list[Any]:
        """Every row the query gives, as its model objects (or tuples, if asked for)."""
        return list(query.execute(self._db))

    def _first(self, query: Any) -> Any:
        """The query's first row, or None."""
        return query.first(self._db)

    def _run(self, query: Any) -> Any:
        """Run a write; an insert gives the new row's id, an update or delete the row count."""
        return query.execute(self._db)

    def _cursor(self, query: Any) -> Any:
        """The raw cursor of a query peewee built: the rows as stored, the row count and
        the last row id of one statement, with no conversion by the models' fields."""
        return self._db.execute(query)


def text_or_none(instant: datetime | None) -> str | None:
    """The stored text of an optional instant."""
    return None if instant is None else to_text(instant)


def instant_or_none(text: str | None) -> datetime | None:
    """The instant of an optional stored text."""
    return None if text is None else from_text(text)
