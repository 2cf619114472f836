"""Provides migration 11: evidence discs and the clips on them (DESIGN §12, Art. 12(4)).

`package` takes a third kind, `disc`: SQLite cannot widen a CHECK, so the table is made anew
with its rows (same columns, same values: nothing to bind again). Other tables point at it
(`package_clip`, `disclosure`), so the old one is dropped with the foreign keys deferred and
the rows put back before the commit checks them. `disc` is one disc made, with its image's
checksum; `evidence_clip` names the clips on each disc: retention never deletes them (§11).
"""

from __future__ import annotations

VERSION = 11

_PACKAGE_COLUMNS = (
    "id, kind, name, period, signature_sha256, clips, bytes, created_by, created_at,"
    " received_by, received_at"
)

STATEMENTS = (
    "PRAGMA defer_foreign_keys = ON",
    "CREATE TEMP TABLE package_m0011 AS SELECT * FROM main.package",
    "DROP TABLE main.package",
    """CREATE TABLE package (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('handover','disclosure','disc')),
        name TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        signature_sha256 TEXT NOT NULL UNIQUE CHECK (length(signature_sha256) = 64),
        clips INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_by TEXT,
        received_at TEXT)""",
    f"INSERT INTO main.package ({_PACKAGE_COLUMNS})"  # noqa: S608 -- frozen names
    f" SELECT {_PACKAGE_COLUMNS} FROM temp.package_m0011",
    "DROP TABLE temp.package_m0011",
    # Art. 12(4): one evidence disc, the sealed package on it and the image's own checksum.
    """CREATE TABLE disc (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_number TEXT NOT NULL,
        package_id INTEGER NOT NULL UNIQUE REFERENCES package(id),
        image_name TEXT NOT NULL,
        image_sha256 TEXT NOT NULL CHECK (length(image_sha256) = 64),
        image_bytes INTEGER NOT NULL,
        volume_id TEXT NOT NULL,
        form_sha256 TEXT NOT NULL CHECK (length(form_sha256) = 64),
        files INTEGER NOT NULL,
        burned_to TEXT,
        place TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '',
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL)""",
    "CREATE INDEX disc_case ON disc(case_number)",
    # DESIGN §11: a clip on any disc is evidence; the retention rule reads this table.
    """CREATE TABLE evidence_clip (
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        disc_id INTEGER NOT NULL REFERENCES disc(id),
        marked_at TEXT NOT NULL,
        PRIMARY KEY (clip_id, disc_id))""",
)
