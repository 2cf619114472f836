"""Provides migration 8: the kiosk asks the service for the hand-over too (DESIGN §6, Art. 12(2)).

`kiosk_request` takes three more kinds (write the week's package to the registered drive,
take the collector's receipt, let the drive go) and the parameters of a refusal's words; SQLite
cannot widen a CHECK, so the table is made anew with its rows. `request_progress` is new: the
bytes a request has written so far, a display cache rewritten as the package grows (never
evidence, like `offload_progress`). The rows that changed shape are bound to the chain again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 8

_COLUMNS = "id, kind, subject, requested_by, requested_at, state, finished_at, result, reason"

STATEMENTS = (
    """CREATE TABLE kiosk_request_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('label_device','label_badge','handover_write',
                                           'handover_receipt','handover_release')),
        subject TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','refused')),
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        params_json TEXT NOT NULL DEFAULT '{}')""",
    f"INSERT INTO kiosk_request_v8 ({_COLUMNS}) SELECT {_COLUMNS} FROM kiosk_request",  # noqa: S608 -- frozen names
    "DROP TABLE kiosk_request",
    "ALTER TABLE kiosk_request_v8 RENAME TO kiosk_request",
    "CREATE INDEX kiosk_request_state ON kiosk_request(state)",
    """CREATE TABLE request_progress (
        request_id INTEGER PRIMARY KEY,
        done_bytes INTEGER NOT NULL,
        total_bytes INTEGER NOT NULL,
        updated_at TEXT NOT NULL)""",
)

# The table whose rows changed shape, with its key, frozen with the migration.
_RESHAPED: tuple[tuple[str, tuple[str, ...]], ...] = (("kiosk_request", ("id",)),)


def _stored(_table: str, _column: str, value: object) -> object:
    # No secret column in kiosk_request: its values travel as stored.
    return value


def after(database: Any, now: Callable[[], datetime]) -> None:
    """One event per reshaped row, carrying its new values; none on a new, empty home."""
    chain.bind_reshaped(database, now, _RESHAPED, _stored, VERSION)
