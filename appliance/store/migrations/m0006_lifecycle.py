"""Provides migration 6: faults, repairs, incidents, other units and the first-sign-in PIN.

Two tables are new and empty. Two gain a column (`unit.home`, `person.must_change_pin`): the
rows they already hold change shape, so each is bound to the chain again by one event
carrying its new values (DESIGN §5.1), as migration 4 bound the state it found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from appliance.store.migrations import chain

VERSION = 6

STATEMENTS = (
    # Art. 9: the units whose people and recorders are registered here; home = 1 is this box's.
    "ALTER TABLE unit ADD COLUMN home INTEGER NOT NULL DEFAULT 1",
    # DESIGN §6: a PIN somebody else typed (an added person, a reset) is changed by its owner
    # at the next kiosk sign-in.
    "ALTER TABLE person ADD COLUMN must_change_pin INTEGER NOT NULL DEFAULT 0",
    # Art. 5(8), 9: what fails, who found it, the session in force, and the repair.
    """CREATE TABLE fault (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        part TEXT NOT NULL CHECK (part IN ('battery','storage','lens','microphone','clock',
                                           'casing','other')),
        note TEXT NOT NULL DEFAULT '',
        reported_by TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        repaired_by TEXT,
        repaired_at TEXT,
        repair_check_id INTEGER REFERENCES preshift_check(id))""",
    "CREATE INDEX fault_serial ON fault(serial)",
    # Art. 10: a loss or damage, the holder it is tied to, and the unit head's finding.
    """CREATE TABLE incident (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        kind TEXT NOT NULL CHECK (kind IN ('lost','damaged')),
        what TEXT NOT NULL,
        finding TEXT NOT NULL CHECK (finding IN ('negligence','improper_use','deliberate',
                                                 'no_fault')),
        note TEXT NOT NULL DEFAULT '',
        declared_by TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        declared_at TEXT NOT NULL,
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        found_by TEXT,
        found_at TEXT)""",
    "CREATE INDEX incident_serial ON incident(serial)",
    "CREATE INDEX incident_holder ON incident(holder_badge)",
)

# The tables whose rows changed shape, with their keys, frozen with the migration.
_RESHAPED: tuple[tuple[str, tuple[str, ...]], ...] = (("person", ("badge",)), ("unit", ("code",)))


def _stored(table: str, column: str, value: object) -> object:
    # As store.state.stored_value at this version: the PIN hash as a digest.
    if (table, column) == ("person", "pin_hash") and value is not None:
        return {"sha256": hashlib.sha256(str(value).encode("utf-8", "surrogateescape")).hexdigest()}
    return value


def after(database: Any, now: Callable[[], datetime]) -> None:
    """One event per reshaped row, carrying its new values; none on a new, empty home."""
    chain.bind_reshaped(database, now, _RESHAPED, _stored, VERSION)
