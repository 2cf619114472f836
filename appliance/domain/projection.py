"""Provides the state projection: rows rebuilt from the chain's changes, and their comparison.

DESIGN §5.1: an event's detail carries, under CHANGES_KEY, every state row its transaction
wrote, as `[table, key, values]` (values null for a deletion). Replaying the chain into a
Projection gives what every state table must hold; `first_difference` names the first row
or column where the live table does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from appliance.domain.audit import canonical_json

CHANGES_KEY = "changes"

Key = list[int | str]


def canonical_key(raw: object) -> Key:
    """A row key as a list of integers and texts; ValueError for anything else."""
    if not isinstance(raw, list) or not raw:
        raise ValueError("a row key is a non-empty list")
    for part in raw:
        if isinstance(part, bool) or not isinstance(part, int | str):
            raise ValueError("a row key holds integers and texts only")
    return list(raw)


def key_text(key: Key) -> str:
    """The one text form of a key: how the projection indexes it and reports name it."""
    return canonical_json(key)


def _key_order(text: str) -> tuple[tuple[int, int, str], ...]:
    # Numbers before texts, numbers by value: the order the live tables are read in.
    parts = []
    for part in canonical_key(json.loads(text)):
        parts.append((1, 0, part) if isinstance(part, str) else (0, part, ""))
    return tuple(parts)


@dataclass(frozen=True)
class Change:
    """One state row as a transaction left it: its new values, or None when deleted."""

    table: str
    key: Key
    values: Mapping[str, object] | None

    def as_json(self) -> list[object]:
        """The form an event carries."""
        return [self.table, self.key, None if self.values is None else dict(self.values)]


def changes_json(changes: Iterable[Change]) -> list[list[object]]:
    """The CHANGES_KEY value for an event's detail."""
    return [change.as_json() for change in changes]


def changes_of(detail: object) -> list[Change]:
    """The changes an event's parsed detail carries; ValueError when they are malformed."""
    if not isinstance(detail, dict) or CHANGES_KEY not in detail:
        return []
    raw = detail[CHANGES_KEY]
    if not isinstance(raw, list):
        raise ValueError("changes is not a list")
    changes = []
    for entry in raw:
        if not isinstance(entry, list) or len(entry) != 3 or not isinstance(entry[0], str):
            raise ValueError("a change is [table, key, values]")
        table, key, values = entry
        if values is not None and not isinstance(values, dict):
            raise ValueError("a change's values are an object or null")
        changes.append(Change(table, canonical_key(key), values))
    return changes


@dataclass(frozen=True)
class Difference:
    """Where a live table departs from the chain: table, key, column and what is wrong."""

    table: str
    key: str
    column: str
    problem: str

    def sentence(self) -> str:
        """A plain description (the CLI translates the problem code)."""
        where = f"{self.table} {self.key}" + (f" column {self.column}" if self.column else "")
        return f"{where}: {self.problem}"


# The problem codes, as the catalogue names them.
UNEXPLAINED_ROW = "row_not_in_chain"
MISSING_ROW = "row_missing"
VALUE_DIFFERS = "value_differs"


class Projection:
    """The state tables as the chain says they are: table -> key text -> canonical row."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, str]] = {}

    def apply(self, change: Change) -> None:
        """Take one change: the row now holds these values, or is gone."""
        table = self._rows.setdefault(change.table, {})
        text = key_text(change.key)
        if change.values is None:
            table.pop(text, None)
        else:
            table[text] = canonical_json(dict(change.values))

    def tables(self) -> set[str]:
        """Every table some change named."""
        return {name for name, rows in self._rows.items() if rows}

    def rows(self, table: str) -> dict[str, str]:
        """The projected rows of one table (key text -> canonical values)."""
        return self._rows.get(table, {})

    def row_count(self) -> int:
        """How many rows the projection holds in all."""
        return sum(len(rows) for rows in self._rows.values())


def first_difference(
    table: str,
    projected: Mapping[str, str],
    live: Iterable[tuple[Key, Mapping[str, Any]]],
) -> tuple[Difference | None, int]:
    """The first difference (in key order) between a live table and its projection, and
    how many rows differ in all."""
    remaining = dict(projected)
    found: list[Difference] = []
    for key, values in live:
        text = key_text(canonical_key(list(key)))
        expected = remaining.pop(text, None)
        if expected is None:
            found.append(Difference(table, text, "", UNEXPLAINED_ROW))
            continue
        actual = canonical_json(dict(values))
        if actual != expected:
            found.append(Difference(table, text, _column(expected, values), VALUE_DIFFERS))
    found.extend(Difference(table, text, "", MISSING_ROW) for text in remaining)
    if not found:
        return None, 0
    return min(found, key=lambda d: _key_order(d.key)), len(found)


def _column(expected_text: str, values: Mapping[str, Any]) -> str:
    expected = json.loads(expected_text)
    if not isinstance(expected, dict):
        return ""
    for column in sorted(set(expected) | set(values)):
        if column not in expected or column not in values:
            return column
        if canonical_json(expected[column]) != canonical_json(values[column]):
            return column
    return ""
