"""Provides migration 13: the unit head's kiosk asks the service for an evidence disc.

Art. 12(4): `kiosk_request` takes one more kind, an evidence disc of a case made, burnt and read
back by the service, which holds the unit's key and the burner (subject: the case number; the
place and the person who recorded, asked at the kiosk, in params_json). SQLite cannot widen a
CHECK, so the table is made anew with its rows, as migration 9 did, and the rows are bound to
the chain again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 13

_COLUMNS = (
    "id, kind, subject, requested_by, requested_at, state, finished_at, result, reason, params_json"
)

STATEMENTS = (
    """CREATE TABLE kiosk_request_v13 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('label_device','label_badge','handover_write',
                                           'handover_receipt','handover_release',
                                           'disclosure_export','disc_burn')),
        subject TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','refused')),
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        params_json TEXT NOT NULL DEFAULT '{}')""",
    f"INSERT INTO kiosk_request_v13 ({_COLUMNS}) SELECT {_COLUMNS} FROM kiosk_request",  # noqa: S608 -- frozen names
    "DROP TABLE kiosk_request",
    "ALTER TABLE kiosk_request_v13 RENAME TO kiosk_request",
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
