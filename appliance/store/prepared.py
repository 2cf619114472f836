"""Provides statements peewee builds once from the models, run many times with new values.

The offload commits a row and an event per clip, thousands a minute: peewee building the
same INSERT and SELECT anew for each (its query tree walked, every value converted) cost
more than SQLite running them (issue 8). A `Prepared` statement is a model query whose
varying values are `slot`s; peewee renders its SQL once, and each run hands the values,
converted by the slot's model field as peewee would have, to this store's own connection
(sqlite3 keeps the compiled statement in its cache, keyed by that SQL). The SQL is still
the models' and only ever runs on the database it was prepared for (STYLE rule 8).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import SQL, Field

from appliance.store.db import EvidenceDatabase


@dataclass(frozen=True)
class _Slot:
    """A value the statement takes when it runs, and the field that converts it."""

    name: str
    convert: Callable[[Any], Any]


def slot(field: Field) -> SQL:
    """A placeholder for `field`'s value, named by the field and given to each run.

    Rendered as a bare parameter whose value peewee keeps as it is (converter False), so
    the marker is found, in order, among the statement's parameters.
    """
    return SQL("?", [_Slot(field.name, field.db_value)])


class Prepared:
    """One model query's SQL, rendered once for one store's database, run with new values.

    Values that vary must be slots: any other value in the query is rendered once and stays.
    """

    def __init__(self, database: EvidenceDatabase, query: Any) -> None:
        sql, params = database.get_sql_context().sql(query).query()
        self._db = database
        self.sql: str = sql
        self._params: tuple[Any, ...] = tuple(params)
        self._names = frozenset(p.name for p in self._params if isinstance(p, _Slot))

    def cursor(self, **values: Any) -> Any:
        """Run on this thread's connection of the database; the raw cursor (rows as
        stored, row count, last row id). Every slot must be given a value, and only they."""
        if values.keys() != self._names:
            raise TypeError(f"prepared statement takes {sorted(self._names)}, got {sorted(values)}")
        params = [p.convert(values[p.name]) if isinstance(p, _Slot) else p for p in self._params]
        return self._db.execute_sql(self.sql, params)
