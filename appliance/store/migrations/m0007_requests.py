"""Provides migration 7: the kiosk's requests to the service (DESIGN §6), a new, empty table."""

from __future__ import annotations

VERSION = 7

STATEMENTS = (
    # What the kiosk asks of the service (a label signed with the unit's key), and the answer.
    """CREATE TABLE kiosk_request (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('label_device','label_badge')),
        subject TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','refused')),
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX kiosk_request_state ON kiosk_request(state)",
)
