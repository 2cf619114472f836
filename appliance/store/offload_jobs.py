"""Provides the repository of offload jobs and their progress, as any screen reads them."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.footage import OffloadProgress
from appliance.domain.lifecycle import FINAL_JOB_STATES, JobState
from appliance.store.db import database
from appliance.store.timefmt import from_text, to_text

# The job row (state, bound to the chain) joined with its live progress (a display cache).
_COLUMNS = (
    "j.id, j.serial, j.state, j.started_at, max(j.updated_at, coalesce(p.updated_at, '')),"
    " j.finished_at, j.bytes_total, coalesce(p.bytes_done, 0), j.clips_total, j.clips_done,"
    " j.clips_new, j.clips_existing, j.clips_failed, j.clips_cleared,"
    " coalesce(p.rate_bps, 0), coalesce(p.current_name, ''), j.error, j.operator,"
    " j.clips_skipped"
)
_FROM = " FROM offload_job j LEFT JOIN offload_progress p ON p.job_id = j.id"


def _progress(row: tuple[object, ...], flag_counts: dict[str, int]) -> OffloadProgress:
    return OffloadProgress(
        id=int(str(row[0])),
        serial=str(row[1]),
        state=str(row[2]),
        started_at=from_text(str(row[3])),
        updated_at=from_text(str(row[4])),
        finished_at=None if row[5] is None else from_text(str(row[5])),
        bytes_total=int(str(row[6])),
        bytes_done=int(str(row[7])),
        clips_total=int(str(row[8])),
        clips_done=int(str(row[9])),
        clips_new=int(str(row[10])),
        clips_existing=int(str(row[11])),
        clips_failed=int(str(row[12])),
        clips_cleared=int(str(row[13])),
        rate_bytes_per_second=float(str(row[14])),
        current_name=str(row[15]),
        error=str(row[16]),
        operator=str(row[17]),
        clips_skipped=int(str(row[18])),
        flag_counts=flag_counts,
    )


def create(serial: str, token: str, at: datetime, operator: str = "") -> int:
    """A new queued job; returns its id."""
    cursor = database.execute_sql(
        "INSERT INTO offload_job (serial, token, state, started_at, updated_at, operator)"
        " VALUES (?, ?, 'queued', ?, ?, ?)",
        (serial, token, to_text(at), to_text(at), operator),
    )
    return int(cursor.lastrowid)


def set_state(
    job_id: int, expected: JobState, new: JobState, at: datetime, error: str = ""
) -> bool:
    """Compare-and-set the state; a final state also sets finished_at."""
    finished = to_text(at) if new in FINAL_JOB_STATES else None
    cursor = database.execute_sql(
        "UPDATE offload_job SET state = ?, updated_at = ?, finished_at = ?,"
        " error = CASE WHEN ? = '' THEN error ELSE ? END WHERE id = ? AND state = ?",
        (new.value, to_text(at), finished, error, error, job_id, expected.value),
    )
    return bool(cursor.rowcount == 1)


def set_totals(job_id: int, bytes_total: int, clips_total: int, at: datetime) -> None:
    """What the recorder holds, once listed."""
    database.execute_sql(
        "UPDATE offload_job SET bytes_total = ?, clips_total = ?, updated_at = ? WHERE id = ?",
        (bytes_total, clips_total, to_text(at), job_id),
    )


def set_progress(
    job_id: int,
    at: datetime,
    bytes_done: int,
    rate_bps: float,
    current_name: str,
) -> None:
    """The bytes copied so far and the current rate (coalesced by the caller).

    Live progress is a display cache, not state (DESIGN §5.1): it needs no audit event.
    """
    database.execute_sql(
        "INSERT INTO offload_progress (job_id, bytes_done, rate_bps, current_name, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id) DO UPDATE SET bytes_done = excluded."
        "bytes_done, rate_bps = excluded.rate_bps, current_name = excluded.current_name,"
        " updated_at = excluded.updated_at",
        (job_id, bytes_done, rate_bps, current_name, to_text(at)),
    )


def count_clip(job_id: int, at: datetime, outcome: str, count: int = 1) -> None:
    """Clips finished: outcome is 'new', 'existing', 'failed', 'cleared' or 'skipped'."""
    column = {
        "new": "clips_new",
        "existing": "clips_existing",
        "failed": "clips_failed",
        "cleared": "clips_cleared",
        "skipped": "clips_skipped",
    }[outcome]
    done = ", clips_done = clips_done + ?" if outcome in ("new", "existing", "failed") else ""
    params = (count, count) if done else (count,)
    database.execute_sql(
        f"UPDATE offload_job SET {column} = {column} + ?{done}, updated_at = ?"  # noqa: S608 -- column from the fixed map above
        " WHERE id = ?",
        (*params, to_text(at), job_id),
    )


def get(job_id: int) -> OffloadProgress | None:
    """One job's progress."""
    row = database.execute_sql(
        f"SELECT {_COLUMNS}{_FROM} WHERE j.id = ?",  # noqa: S608 -- fixed column list
        (job_id,),
    ).fetchone()
    return None if row is None else _progress(row, _flag_counts(job_id))


def token_of(job_id: int) -> str:
    """The job's staging token."""
    row = database.execute_sql("SELECT token FROM offload_job WHERE id = ?", (job_id,)).fetchone()
    return "" if row is None else str(row[0])


def by_token(token: str) -> tuple[int, JobState] | None:
    """The job that owns a staging token, with its state."""
    row = database.execute_sql(
        "SELECT id, state FROM offload_job WHERE token = ?", (token,)
    ).fetchone()
    return None if row is None else (int(row[0]), JobState(row[1]))


def unfinished() -> list[tuple[int, str, JobState]]:
    """(id, token, state) of every job not yet in a final state."""
    rows = database.execute_sql(
        "SELECT id, token, state FROM offload_job WHERE finished_at IS NULL ORDER BY id"
    ).fetchall()
    return [(int(r[0]), str(r[1]), JobState(r[2])) for r in rows]


def recent(limit: int = 20) -> list[OffloadProgress]:
    """The newest jobs, newest first."""
    rows = database.execute_sql(
        f"SELECT {_COLUMNS}{_FROM} ORDER BY j.id DESC LIMIT ?",  # noqa: S608 -- fixed column list
        (limit,),
    ).fetchall()
    return [_progress(row, _flag_counts(int(row[0]))) for row in rows]


def latest_per_recorder() -> list[OffloadProgress]:
    """Each recorder's newest job, by serial (the unit head's view, Art. 14)."""
    rows = database.execute_sql(
        f"SELECT {_COLUMNS}{_FROM} WHERE j.id IN"  # noqa: S608 -- fixed column list
        " (SELECT MAX(id) FROM offload_job GROUP BY serial) ORDER BY j.serial"
    ).fetchall()
    return [_progress(row, _flag_counts(int(row[0]))) for row in rows]


def newest_failed(errors: tuple[str, ...], since: datetime) -> OffloadProgress | None:
    """The newest failed job begun at or after since whose error is one of errors."""
    marks = ", ".join("?" for _ in errors)
    row = database.execute_sql(
        f"SELECT {_COLUMNS}{_FROM} WHERE j.state = 'failed' AND j.error IN ({marks})"  # noqa: S608 -- fixed columns, one placeholder per error
        " AND j.started_at >= ? ORDER BY j.id DESC LIMIT 1",
        (*errors, to_text(since)),
    ).fetchone()
    return None if row is None else _progress(row, _flag_counts(int(row[0])))


def _flag_counts(job_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    rows = database.execute_sql(
        "SELECT flags FROM clip WHERE job_id = ? AND flags != ''", (job_id,)
    ).fetchall()
    for (flags,) in rows:
        for flag in str(flags).split(","):
            counts[flag] = counts.get(flag, 0) + 1
    return counts
