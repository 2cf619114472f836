"""Provides migration 3: offload jobs, archived clips, case filing, alarms and quarantine."""

VERSION = 3

STATEMENTS = (
    # DESIGN §1: progress lives in the database so any screen can be rebuilt from it.
    """CREATE TABLE offload_job (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('queued','running','clearing','done','failed',
                                             'interrupted')),
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        bytes_total INTEGER NOT NULL DEFAULT 0,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        clips_total INTEGER NOT NULL DEFAULT 0,
        clips_done INTEGER NOT NULL DEFAULT 0,
        clips_new INTEGER NOT NULL DEFAULT 0,
        clips_existing INTEGER NOT NULL DEFAULT 0,
        clips_failed INTEGER NOT NULL DEFAULT 0,
        clips_cleared INTEGER NOT NULL DEFAULT 0,
        rate_bps REAL NOT NULL DEFAULT 0,
        current_name TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX offload_job_serial ON offload_job(serial, started_at)",
    # DESIGN §3.2: one row per clip taken from a recorder; the content is addressed by hash.
    """CREATE TABLE clip (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        serial TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        source_name TEXT NOT NULL,
        job_id INTEGER REFERENCES offload_job(id),
        archived_at TEXT NOT NULL,
        device_recorded_at TEXT,
        recorded_at TEXT,
        day TEXT NOT NULL DEFAULT '',
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        duration_seconds REAL,
        container TEXT NOT NULL DEFAULT '',
        video_codec TEXT NOT NULL DEFAULT '',
        audio_codec TEXT NOT NULL DEFAULT '',
        width INTEGER,
        height INTEGER,
        has_audio INTEGER NOT NULL DEFAULT 0,
        flags TEXT NOT NULL DEFAULT '',
        probe_error TEXT NOT NULL DEFAULT '',
        cleared_at TEXT,
        UNIQUE (serial, source_name, sha256))""",
    "CREATE INDEX clip_sha256 ON clip(sha256)",
    "CREATE INDEX clip_day ON clip(day)",
    "CREATE INDEX clip_holder ON clip(holder_badge, day)",
    # Art. 11: nobody may change an original; what identifies the content never changes.
    """CREATE TRIGGER clip_identity_fixed BEFORE UPDATE OF sha256, size, serial, source_name
        ON clip BEGIN SELECT RAISE(ABORT, 'a clip''s identity never changes'); END""",
    # Art. 8: footage is stored case by case; a clip may be evidence in more than one case.
    """CREATE TABLE clip_case (
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        case_number TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        filed_at TEXT NOT NULL,
        PRIMARY KEY (clip_id, case_number))""",
    "CREATE INDEX clip_case_number ON clip_case(case_number)",
    """CREATE TABLE alarm (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical','warning')),
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        acknowledged_at TEXT,
        acknowledged_by TEXT)""",
    # DESIGN §4: a content file found without its row waits here for a person to review it.
    """CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        content_matches INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','resolved')),
        resolved_at TEXT,
        clip_id INTEGER REFERENCES clip(id))""",
    """CREATE TABLE fixity_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        checked INTEGER NOT NULL,
        mismatched INTEGER NOT NULL,
        missing INTEGER NOT NULL)""",
)
