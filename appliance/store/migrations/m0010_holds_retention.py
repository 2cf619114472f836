"""Provides migration 10: holds (Art. 12(3)) and the tombstones of the retention rule (§11).

New tables only, empty when made: every row they ever hold comes with its event (§5.1).
Triggers keep what the rule relies on: a hold is never removed and is lifted once; a tombstone
is never changed or removed (it is the record of a deletion, as lasting as the audit chain).
"""

VERSION = 10

STATEMENTS = (
    # Art. 12(3): complaints and petitions (投诉、信访) extend the retention period.
    """CREATE TABLE hold (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('complaint','petition','litigation','other')),
        scope TEXT NOT NULL CHECK (scope IN ('clips','case','officer')),
        case_number TEXT,
        officer_badge TEXT,
        range_start TEXT,
        range_end TEXT,
        note TEXT NOT NULL CHECK (length(note) > 0),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL,
        lifted_by TEXT,
        lift_confirmed_by TEXT,
        lifted_at TEXT,
        CHECK ((scope = 'case') = (case_number IS NOT NULL)),
        CHECK ((scope = 'officer') = (officer_badge IS NOT NULL
                                      AND range_start IS NOT NULL AND range_end IS NOT NULL)),
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL AND lift_confirmed_by IS NULL)),
        CHECK (lifted_by IS NULL OR lifted_by <> lift_confirmed_by))""",
    """CREATE TABLE hold_clip (
        hold_id INTEGER NOT NULL REFERENCES hold(id),
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        PRIMARY KEY (hold_id, clip_id))""",
    "CREATE INDEX hold_clip_clip ON hold_clip(clip_id)",
    """CREATE TRIGGER hold_never_removed BEFORE DELETE ON hold
        BEGIN SELECT RAISE(ABORT, 'a hold is lifted, never removed'); END""",
    """CREATE TRIGGER hold_clip_never_removed BEFORE DELETE ON hold_clip
        BEGIN SELECT RAISE(ABORT, 'a hold is lifted, never removed'); END""",
    """CREATE TRIGGER hold_fixed BEFORE UPDATE ON hold
        WHEN OLD.lifted_at IS NOT NULL
          OR NEW.kind IS NOT OLD.kind OR NEW.scope IS NOT OLD.scope
          OR NEW.case_number IS NOT OLD.case_number OR NEW.officer_badge IS NOT OLD.officer_badge
          OR NEW.range_start IS NOT OLD.range_start OR NEW.range_end IS NOT OLD.range_end
          OR NEW.note IS NOT OLD.note OR NEW.set_by IS NOT OLD.set_by
          OR NEW.set_at IS NOT OLD.set_at
        BEGIN SELECT RAISE(ABORT, 'a hold changes only when it is lifted, once'); END""",
    # DESIGN §11: a deletion by rule leaves the content's hash, its size, why and when, and
    # the inputs the rule judged; the clip row stays (packages and the chain name it).
    """CREATE TABLE tombstone (
        clip_id INTEGER PRIMARY KEY NOT NULL REFERENCES clip(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        reason TEXT NOT NULL,
        deleted_at TEXT NOT NULL,
        run TEXT NOT NULL,
        inputs_json TEXT NOT NULL)""",
    "CREATE INDEX tombstone_sha256 ON tombstone(sha256)",
    # The retention run's clock guard reads the newest event time (DESIGN §11).
    "CREATE INDEX audit_event_at ON audit_event(at)",
    """CREATE TRIGGER tombstone_fixed BEFORE UPDATE ON tombstone
        BEGIN SELECT RAISE(ABORT, 'a tombstone never changes'); END""",
    """CREATE TRIGGER tombstone_never_removed BEFORE DELETE ON tombstone
        BEGIN SELECT RAISE(ABORT, 'a tombstone never changes'); END""",
)
