"""Provides migration 12: an alarm's acknowledgement says what was done (Art. 14, DESIGN §13).

`alarm` gains `ack_note`: who acknowledged an alarm and when were already columns; what they
did about it is the note they give. The rows the table already holds change shape, so each is
bound to the chain again by one event carrying its new values (DESIGN §5.1).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 12

STATEMENTS = ("ALTER TABLE alarm ADD COLUMN ack_note TEXT NOT NULL DEFAULT ''",)

# The table whose rows changed shape, with its key, frozen with the migration.
_RESHAPED: tuple[tuple[str, tuple[str, ...]], ...] = (("alarm", ("id",)),)


def _stored(_table: str, _column: str, value: object) -> object:
    # No secret column in alarm: its values travel as stored.
    return value


def after(database: Any, now: Callable[[], datetime]) -> None:
    """One event per alarm, carrying its new values; none on a new, empty home."""
    chain.bind_reshaped(database, now, _RESHAPED, _stored, VERSION)
