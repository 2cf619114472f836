"""Migration 11 on a home that has sealed packages: the package table takes the kind `disc`.

SQLite cannot widen a CHECK, so m0011 makes `package` anew while `package_clip` points at it;
the rows come through unchanged, no foreign key is left dangling, and the home verifies.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from appliance.store.migrations import latest_version, m0011_discs, m0014_supervision_indexes
from tests.cli_run import bwc
from tests.discs.homes import CASE, open_disc_home
from tests.release.homes import person

# The package table as migration 5 made it, before discs.
M0005_PACKAGE = """CREATE TABLE package_v5 (
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
    received_at TEXT)"""


def _as_before_discs(db_path: Path) -> None:
    """Put the schema back as it was before migration 11 (its rows are the same); the later
    migrations' changes are undone too, so that they run again after it."""
    with sqlite3.connect(db_path) as raw:
        raw.execute(M0005_PACKAGE)
        raw.execute("INSERT INTO package_v5 SELECT * FROM package")
        raw.execute("DROP TABLE package")
        raw.execute("ALTER TABLE package_v5 RENAME TO package")
        raw.execute("DROP TABLE evidence_clip")
        raw.execute("DROP TABLE disc")
        raw.execute("ALTER TABLE alarm DROP COLUMN ack_note")  # m0012
        for statement in m0014_supervision_indexes.STATEMENTS:  # m0014 (m0013 remakes a table)
            raw.execute(f"DROP INDEX IF EXISTS {statement.split()[2]}")
        raw.execute(f"PRAGMA user_version = {m0011_discs.VERSION - 1:d}")


def test_a_home_with_packages_migrates_and_verifies(disc_home: Path, tmp_path: Path) -> None:
    services = open_disc_home(disc_home)
    try:
        clips = services.clips.listing(case_number=CASE)
        services.packages.seal(
            person(services, "3001"), "handover", "2026-W48", clips, tmp_path / "p"
        )
    finally:
        services.close()
    db_path = disc_home / "bwc.db"
    _as_before_discs(db_path)
    with sqlite3.connect(db_path) as raw:
        before = raw.execute("SELECT * FROM package ORDER BY id").fetchall()
        children = raw.execute("SELECT * FROM package_clip ORDER BY clip_id").fetchall()
    assert len(before) == 1 and len(children) == len(clips)

    verified = bwc("--home", str(disc_home), "--lang", "en", "audit", "verify")

    assert verified.code == 0, verified.stdout + verified.stderr
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert raw.execute("SELECT * FROM package ORDER BY id").fetchall() == before
        assert raw.execute("SELECT * FROM package_clip ORDER BY clip_id").fetchall() == children
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        (schema,) = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'package'").fetchone()
        assert "'disc'" in schema
        assert raw.execute("SELECT count(*) FROM disc").fetchone() == (0,)
