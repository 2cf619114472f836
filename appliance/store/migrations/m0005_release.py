"""Provides migration 5: confidentiality classes, sealed packages, hand-overs, disclosures.

New tables only, empty when made: every row they ever hold comes with its event (§5.1).
"""

VERSION = 5

STATEMENTS = (
    # Art. 3: a clip with no row here is `normal`.
    """CREATE TABLE clip_class (
        clip_id INTEGER PRIMARY KEY NOT NULL REFERENCES clip(id),
        class TEXT NOT NULL CHECK (class IN ('normal','privacy','trade_secret','state_secret')),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL)""",
    # DESIGN §10: every sealed package that left the box, named by its signature's hash.
    """CREATE TABLE package (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('handover','disclosure')),
        name TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        signature_sha256 TEXT NOT NULL UNIQUE CHECK (length(signature_sha256) = 64),
        clips INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_by TEXT,
        received_at TEXT)""",
    """CREATE TABLE package_clip (
        package_id INTEGER NOT NULL REFERENCES package(id),
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        PRIMARY KEY (package_id, clip_id))""",
    "CREATE INDEX package_clip_clip ON package_clip(clip_id)",
    # Art. 11, 13: a request, its one decision by a bureau head, and its one export.
    """CREATE TABLE disclosure (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        recipient TEXT NOT NULL,
        reason TEXT NOT NULL,
        items_sha256 TEXT NOT NULL CHECK (length(items_sha256) = 64),
        state TEXT NOT NULL CHECK (state IN ('pending','approved','refused','exported')),
        named_classes TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT NOT NULL DEFAULT '',
        approved_items_sha256 TEXT,
        expires_at TEXT,
        exported_at TEXT,
        package_id INTEGER REFERENCES package(id))""",
    """CREATE TABLE disclosure_clip (
        disclosure_id INTEGER NOT NULL REFERENCES disclosure(id),
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        PRIMARY KEY (disclosure_id, clip_id))""",
)
