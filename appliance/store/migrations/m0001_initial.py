"""Provides migration 1: unit, people, recorders, custody, pre-shift checks and the audit chain."""

VERSION = 1

STATEMENTS = (
    """CREATE TABLE unit (
        code TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE person (
        badge TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer','unit_head','info_collector',
                                           'bureau_head','auditor','admin')),
        unit_code TEXT NOT NULL REFERENCES unit(code),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        locked INTEGER NOT NULL DEFAULT 0,
        failed_pins INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE recorder (
        serial TEXT PRIMARY KEY NOT NULL,
        brand TEXT NOT NULL,
        model TEXT NOT NULL,
        unit_code TEXT NOT NULL REFERENCES unit(code),
        state TEXT NOT NULL CHECK (state IN ('available','signed_out','in_repair',
                                             'lost','retired')),
        created_at TEXT NOT NULL)""",
    """CREATE TABLE preshift_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        badge TEXT NOT NULL REFERENCES person(badge),
        at TEXT NOT NULL,
        passed INTEGER NOT NULL,
        items_json TEXT NOT NULL)""",
    """CREATE TABLE custody_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        holder_badge TEXT NOT NULL REFERENCES person(badge),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        returned_by TEXT REFERENCES person(badge),
        check_id INTEGER REFERENCES preshift_check(id))""",
    # Art. 10: one holder per recorder and one recorder per holder, enforced by the file too.
    """CREATE UNIQUE INDEX custody_one_open_per_recorder
        ON custody_session(serial) WHERE ended_at IS NULL""",
    """CREATE UNIQUE INDEX custody_one_open_per_holder
        ON custody_session(holder_badge) WHERE ended_at IS NULL""",
    """CREATE TABLE audit_event (
        seq INTEGER PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL)""",
    # DESIGN §5 / Art. 11: the log is append-only at the database level.
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
)
