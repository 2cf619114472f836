"""Provides the evidence invariants the fault suites check after every injected failure."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from appliance.adapters.archive_fs import hash_file, is_content_name


def integrity_ok(db_path: Path) -> bool:
    """PRAGMA integrity_check on the file, through a separate connection."""
    connection = sqlite3.connect(db_path)
    try:
        return bool(connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        connection.close()


def archive_files(home: Path) -> dict[str, Path]:
    """Every content file under archive/sha256, by name."""
    found = {}
    for directory, _, names in os.walk(home / "archive" / "sha256"):
        for name in names:
            assert is_content_name(name), f"stray name in the archive: {name!r}"
            found[name] = Path(directory) / name
    return found


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a read-only query on the home's database."""
    connection = sqlite3.connect(db_path)
    try:
        return list(connection.execute(sql))
    finally:
        connection.close()


def assert_no_half_written_file(home: Path) -> dict[str, Path]:
    """DESIGN §3.2: every file under a final name holds exactly the bytes of its name."""
    files = archive_files(home)
    for sha256, path in files.items():
        assert hash_file(path) == sha256, f"{path} does not match its name"
    return files


def assert_no_row_without_file(home: Path) -> None:
    """DESIGN §3.1: every committed clip has its archived file."""
    files = archive_files(home)
    for (sha256,) in rows(home / "bwc.db", "SELECT DISTINCT sha256 FROM clip"):
        assert sha256 in files, f"clip row {sha256} has no file"


def assert_no_file_without_row(home: Path) -> None:
    """After reconciliation every content file has a clip row or a quarantine row."""
    db = home / "bwc.db"
    known = {r[0] for r in rows(db, "SELECT sha256 FROM clip UNION SELECT sha256 FROM quarantine")}
    for sha256 in archive_files(home):
        assert sha256 in known, f"file {sha256} has no row after reconciliation"


def assert_no_parts(home: Path) -> None:
    """No staged part file survives a reconciliation."""
    leftovers = [p for p in (home / "staging").rglob("*.part")]
    assert leftovers == [], leftovers


def assert_nothing_deleted_unverified(
    home: Path, card: Path, serial: str, originals: dict[str, str]
) -> None:
    """DESIGN §3.1: a clip missing from the recorder has a committed row and its file."""
    files = archive_files(home)
    committed = {
        (str(name), str(sha))
        for name, sha in rows(
            home / "bwc.db",
            f"SELECT source_name, sha256 FROM clip WHERE serial = '{serial}'",  # noqa: S608 -- test serial
        )
    }
    for name, sha256 in originals.items():
        if (card / name).exists():
            continue
        assert (name, sha256) in committed, f"{name} left the recorder without a row"
        assert sha256 in files, f"{name} left the recorder without its archived file"
