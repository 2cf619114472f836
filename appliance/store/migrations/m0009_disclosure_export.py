"""Provides migration 9: the kiosk asks the service to export a disclosure (Art. 11, 13).

`kiosk_request` takes one more kind, the export of an approved disclosure onto the registered
drive (subject: the disclosure request's number). SQLite cannot widen a CHECK, so the table is
made anew with its rows, as migration 8 did, and the rows are bound to the chain again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 9

_COLUMNS = (
    "id, kind, subject, requested_by, requested_at, state, finished_at, result, reason, params_json"
)

STATEMENTS = (
    """CREATE TABLE kiosk_request_v9 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('label_device','label_badge','handover_write',
                                           'handover_receipt','handover_release',
                                           'disclosure_export')),
        subject TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','refused')),
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        params_json TEXT NOT NULL DEFAULT '{}')""",
    f"INSERT INTO kiosk_request_v9 ({_COLUMNS}) SELECT {_COLUMNS} FROM kiosk_request",  # noqa: S608 -- frozen names
    "DROP TABLE kiosk_request",
    "ALTER TABLE kiosk_request_v9 RENAME TO kiosk_request",
    "CREATE INDEX kiosk_request_state ON kiosk_request(state)",
)

# The table remade, with its key, frozen with the migration.
_RESHAPED: tuple[tuple[str, tuple[str, ...]], ...] = (("kiosk_request", ("id",)),)


def _stored(_table: str, _column: str, value: object) -> object:
    # No secret column in kiosk_request: its values travel as stored.
    return value


def after(database: Any, now: Callable[[], datetime]) -> None:
    """One event per remade row, carrying its values; none on a new, empty home."""
    chain.bind_reshaped(database, now, _RESHAPED, _stored, VERSION)
