"""Provides the repository of archived clips and their filing by case (Art. 8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from appliance.domain.footage import ArchivedClip, ClipFlag, flags_from_text, flags_text
from appliance.store.db import database
from appliance.store.timefmt import from_text, to_text

_COLUMNS = (
    "id, sha256, size, serial, unit_code, source_name, archived_at, recorded_at, day,"
    " holder_badge, session_id, duration_seconds, container, video_codec, audio_codec,"
    " width, height, has_audio, flags, cleared_at"
)


@dataclass(frozen=True)
class NewClip:
    """A verified clip about to be committed (DESIGN §4 step 6)."""

    sha256: str
    size: int
    serial: str
    unit_code: str
    source_name: str
    job_id: int | None
    archived_at: datetime
    device_recorded_at: datetime | None
    recorded_at: datetime | None
    day: str
    session_id: int | None
    holder_badge: str | None
    duration_seconds: float | None
    container: str
    video_codec: str
    audio_codec: str
    width: int | None
    height: int | None
    has_audio: bool
    flags: frozenset[ClipFlag]
    probe_error: str


def _text(instant: datetime | None) -> str | None:
    return None if instant is None else to_text(instant)


def _clip(row: tuple[object, ...], cases: tuple[str, ...]) -> ArchivedClip:
    def opt_int(value: object) -> int | None:
        return None if value is None else int(str(value))

    return ArchivedClip(
        id=int(str(row[0])),
        sha256=str(row[1]),
        size=int(str(row[2])),
        serial=str(row[3]),
        unit_code=str(row[4]),
        source_name=str(row[5]),
        archived_at=from_text(str(row[6])),
        recorded_at=None if row[7] is None else from_text(str(row[7])),
        day=str(row[8]),
        holder_badge=None if row[9] is None else str(row[9]),
        session_id=opt_int(row[10]),
        duration_seconds=None if row[11] is None else float(str(row[11])),
        container=str(row[12]),
        video_codec=str(row[13]),
        audio_codec=str(row[14]),
        width=opt_int(row[15]),
        height=opt_int(row[16]),
        has_audio=bool(row[17]),
        flags=flags_from_text(str(row[18])),
        cases=cases,
        cleared_at=None if row[19] is None else from_text(str(row[19])),
    )


def find(serial: str, source_name: str, sha256: str) -> int | None:
    """The id of the row for this file of this recorder with this content, if committed."""
    row = database.execute_sql(
        "SELECT id FROM clip WHERE serial = ? AND source_name = ? AND sha256 = ?",
        (serial, source_name, sha256),
    ).fetchone()
    return None if row is None else int(row[0])


def add_flag(clip_id: int, flag: ClipFlag) -> None:
    """Add one flag to a committed clip."""
    row = database.execute_sql("SELECT flags FROM clip WHERE id = ?", (clip_id,)).fetchone()
    if row is None:
        return
    flags = set(flags_from_text(str(row[0]))) | {flag}
    database.execute_sql(
        "UPDATE clip SET flags = ? WHERE id = ?", (flags_text(frozenset(flags)), clip_id)
    )


def mark_cleared(clip_id: int, at: datetime) -> None:
    """Record that the recorder's copy was deleted (DESIGN §4 step 7)."""
    database.execute_sql(
        "UPDATE clip SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL", (to_text(at), clip_id)
    )


def get(clip_id: int) -> ArchivedClip | None:
    """One clip with its cases."""
    row = database.execute_sql(
        f"SELECT {_COLUMNS} FROM clip WHERE id = ?",  # noqa: S608 -- fixed column list
        (clip_id,),
    ).fetchone()
    return None if row is None else _clip(row, _cases(clip_id))


def listing(
    day: str | None = None,
    holder_badge: str | None = None,
    case_number: str | None = None,
    job_id: int | None = None,
    limit: int = 10_000,
) -> list[ArchivedClip]:
    """Clips matching every given filter, by recording time then name."""
    where, params = [], []
    if day:
        where.append("day = ?")
        params.append(day)
    if holder_badge:
        where.append("holder_badge = ?")
        params.append(holder_badge)
    if case_number:
        where.append("id IN (SELECT clip_id FROM clip_case WHERE case_number = ?)")
        params.append(case_number)
    if job_id is not None:
        where.append("job_id = ?")
        params.append(str(job_id))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = database.execute_sql(
        f"SELECT {_COLUMNS} FROM clip{clause}"  # noqa: S608 -- fixed clauses, values bound
        " ORDER BY coalesce(recorded_at, archived_at), source_name LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [_clip(row, _cases(int(row[0]))) for row in rows]


def of_recorder(serial: str) -> list[ArchivedClip]:
    """Every clip taken from one recorder."""
    rows = database.execute_sql(
        f"SELECT {_COLUMNS} FROM clip WHERE serial = ? ORDER BY id",  # noqa: S608 -- fixed list
        (serial,),
    ).fetchall()
    return [_clip(row, ()) for row in rows]


def all_hashes() -> set[str]:
    """Every content hash some clip row refers to."""
    return {str(r[0]) for r in database.execute_sql("SELECT DISTINCT sha256 FROM clip")}


def sizes_by_hash() -> dict[str, set[int]]:
    """Every content hash some clip row names, with the sizes those rows give."""
    found: dict[str, set[int]] = {}
    for sha256, size in database.execute_sql("SELECT DISTINCT sha256, size FROM clip"):
        found.setdefault(str(sha256), set()).add(int(size) if isinstance(size, int) else -1)
    return found


def sample_hashes(limit: int | None) -> list[tuple[str, int]]:
    """(sha256, size) of distinct contents: all, or a random sample of `limit`."""
    if limit is None:
        rows = database.execute_sql("SELECT DISTINCT sha256, size FROM clip ORDER BY sha256")
    else:
        rows = database.execute_sql(
            "SELECT sha256, size FROM (SELECT DISTINCT sha256, size FROM clip)"
            " ORDER BY random() LIMIT ?",
            (limit,),
        )
    return [(str(r[0]), int(r[1])) for r in rows]


def file_case(clip_id: int, case_number: str, by_badge: str, at: datetime) -> bool:
    """File a clip under a case; False when it already was."""
    cursor = database.execute_sql(
        "INSERT OR IGNORE INTO clip_case (clip_id, case_number, filed_by, filed_at)"
        " VALUES (?, ?, ?, ?)",
        (clip_id, case_number, by_badge, to_text(at)),
    )
    return bool(cursor.rowcount == 1)


def _cases(clip_id: int) -> tuple[str, ...]:
    rows = database.execute_sql(
        "SELECT case_number FROM clip_case WHERE clip_id = ? ORDER BY case_number", (clip_id,)
    ).fetchall()
    return tuple(str(r[0]) for r in rows)


def insert_or_find(clip: NewClip) -> tuple[int, bool]:
    """Insert the row unless this recorder's file with this content is already committed.

    Returns (id, True) for a new row, (id, False) for one another job committed first.
    """
    cursor = database.execute_sql(
        "INSERT OR IGNORE INTO clip (sha256, size, serial, unit_code, source_name, job_id,"
        " archived_at, device_recorded_at, recorded_at, day, session_id, holder_badge,"
        " duration_seconds, container, video_codec, audio_codec, width, height, has_audio,"
        " flags, probe_error)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            clip.sha256,
            clip.size,
            clip.serial,
            clip.unit_code,
            clip.source_name,
            clip.job_id,
            to_text(clip.archived_at),
            _text(clip.device_recorded_at),
            _text(clip.recorded_at),
            clip.day,
            clip.session_id,
            clip.holder_badge,
            clip.duration_seconds,
            clip.container,
            clip.video_codec,
            clip.audio_codec,
            clip.width,
            clip.height,
            int(clip.has_audio),
            flags_text(clip.flags),
            clip.probe_error,
        ),
    )
    if cursor.rowcount == 1:
        return int(cursor.lastrowid), True
    existing = find(clip.serial, clip.source_name, clip.sha256)
    if existing is None:
        raise LookupError("clip row vanished")
    return existing, False
