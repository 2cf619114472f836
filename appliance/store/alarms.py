"""Provides the repository of alarms, of quarantined content and of fixity runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from appliance.store.db import database
from appliance.store.timefmt import from_text, to_text


@dataclass(frozen=True)
class Alarm:
    """Something a person must look at: 'critical' means evidence may be at risk."""

    id: int
    at: datetime
    severity: str
    kind: str
    subject: str
    detail: dict[str, object]
    acknowledged: bool


@dataclass(frozen=True)
class Quarantined:
    """Content found in the archive without a clip row (DESIGN §4 reconciliation)."""

    id: int
    sha256: str
    size: int
    found_at: datetime
    content_matches: bool
    state: str


def raise_alarm(at: datetime, severity: str, kind: str, subject: str, **detail: object) -> int:
    """Store an alarm (call inside the audit transaction); returns its id."""
    cursor = database.execute_sql(
        "INSERT INTO alarm (at, severity, kind, subject, detail_json) VALUES (?, ?, ?, ?, ?)",
        (to_text(at), severity, kind, subject, json.dumps(detail, sort_keys=True, default=str)),
    )
    return int(cursor.lastrowid)


def open_alarms(kind: str | None = None) -> list[Alarm]:
    """Alarms nobody acknowledged yet, oldest first."""
    sql = (
        "SELECT id, at, severity, kind, subject, detail_json, acknowledged_at FROM alarm"
        " WHERE acknowledged_at IS NULL"
    )
    params: tuple[str, ...] = ()
    if kind:
        sql += " AND kind = ?"
        params = (kind,)
    rows = database.execute_sql(sql + " ORDER BY id", params).fetchall()
    return [
        Alarm(int(r[0]), from_text(r[1]), str(r[2]), str(r[3]), str(r[4]), json.loads(r[5]), False)
        for r in rows
    ]


def has_open_alarm(kind: str, subject: str) -> bool:
    """Whether this alarm is already raised and unacknowledged (no duplicates per start-up)."""
    row = database.execute_sql(
        "SELECT 1 FROM alarm WHERE kind = ? AND subject = ? AND acknowledged_at IS NULL",
        (kind, subject),
    ).fetchone()
    return row is not None


def quarantine(sha256: str, size: int, at: datetime, content_matches: bool) -> bool:
    """Hold content for review; False when it already is held."""
    cursor = database.execute_sql(
        "INSERT OR IGNORE INTO quarantine (sha256, size, found_at, content_matches, state)"
        " VALUES (?, ?, ?, ?, 'open')",
        (sha256, size, to_text(at), int(content_matches)),
    )
    return bool(cursor.rowcount == 1)


def resolve_quarantine(sha256: str, clip_id: int, at: datetime) -> bool:
    """An offload committed a row for quarantined content: it is no longer an orphan."""
    cursor = database.execute_sql(
        "UPDATE quarantine SET state = 'resolved', resolved_at = ?, clip_id = ?"
        " WHERE sha256 = ? AND state = 'open'",
        (to_text(at), clip_id, sha256),
    )
    return bool(cursor.rowcount == 1)


def quarantined(open_only: bool = True) -> list[Quarantined]:
    """Quarantine entries, oldest first."""
    sql = "SELECT id, sha256, size, found_at, content_matches, state FROM quarantine"
    if open_only:
        sql += " WHERE state = 'open'"
    rows = database.execute_sql(sql + " ORDER BY id").fetchall()
    return [
        Quarantined(int(r[0]), str(r[1]), int(r[2]), from_text(r[3]), bool(r[4]), str(r[5]))
        for r in rows
    ]


def quarantined_sizes() -> dict[str, int]:
    """Every quarantined content (open or resolved) with its size."""
    rows = database.execute_sql("SELECT sha256, size FROM quarantine")
    return {str(r[0]): int(r[1]) for r in rows}


def quarantined_hashes() -> set[str]:
    """Every hash held in quarantine (open or resolved)."""
    return {str(r[0]) for r in database.execute_sql("SELECT sha256 FROM quarantine")}


def record_fixity(at: datetime, checked: int, mismatched: int, missing: int) -> None:
    """One fixity run's counts."""
    database.execute_sql(
        "INSERT INTO fixity_check (at, checked, mismatched, missing) VALUES (?, ?, ?, ?)",
        (to_text(at), checked, mismatched, missing),
    )
