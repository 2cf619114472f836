"""Provides the repository of offload jobs and their progress, as any screen reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from peewee import JOIN, fn

from appliance.domain.footage import OffloadProgress, UnfinishedJob
from appliance.domain.lifecycle import FINAL_JOB_STATES, JobState
from appliance.store.db import PRAGMAS, EvidenceDatabase
from appliance.store.models import ClipRow, OffloadJobRow, OffloadProgressRow
from appliance.store.prepared import Prepared, slot
from appliance.store.repo import Repository
from appliance.store.timefmt import from_text, to_text

_J = OffloadJobRow
_P = OffloadProgressRow

# The job row (state, bound to the chain) joined with its live progress (a display cache).
_COLUMNS = (
    _J.id,
    _J.serial,
    _J.state,
    _J.started_at,
    fn.max(_J.updated_at, fn.coalesce(_P.updated_at, "")),
    _J.finished_at,
    _J.bytes_total,
    fn.coalesce(_P.bytes_done, 0),
    _J.clips_total,
    _J.clips_done,
    _J.clips_new,
    _J.clips_existing,
    _J.clips_failed,
    _J.clips_cleared,
    fn.coalesce(_P.rate_bps, 0),
    fn.coalesce(_P.current_name, ""),
    _J.error,
    _J.operator,
    _J.clips_skipped,
)

# Clips finished, by outcome: the job's counter, and whether the clip counts as done.
_COUNTERS = {
    "new": (_J.clips_new, True),
    "existing": (_J.clips_existing, True),
    "failed": (_J.clips_failed, True),
    "cleared": (_J.clips_cleared, False),
    "skipped": (_J.clips_skipped, False),
}


def _with_progress() -> Any:
    return _J.select(*_COLUMNS).join(_P, JOIN.LEFT_OUTER, on=(_P.job_id == _J.id))


def _progress(row: Sequence[Any], flag_counts: dict[str, int]) -> OffloadProgress:
    return OffloadProgress(
        id=int(row[0]),
        serial=str(row[1]),
        state=JobState(row[2]),
        started_at=from_text(str(row[3])),
        updated_at=from_text(str(row[4])),
        finished_at=None if row[5] is None else from_text(str(row[5])),
        bytes_total=int(row[6]),
        bytes_done=int(row[7]),
        clips_total=int(row[8]),
        clips_done=int(row[9]),
        clips_new=int(row[10]),
        clips_existing=int(row[11]),
        clips_failed=int(row[12]),
        clips_cleared=int(row[13]),
        rate_bytes_per_second=float(row[14]),
        current_name=str(row[15]),
        error=str(row[16]),
        operator=str(row[17]),
        clips_skipped=int(row[18]),
        flag_counts=flag_counts,
    )


class OffloadJobRepository(Repository):
    """The offload job rows and their live progress."""

    def __init__(self, database: EvidenceDatabase) -> None:
        super().__init__(database)
        # Run at each batch the offload commits: built by peewee once (issue 8). Every
        # counter is in it, most adding 0, so one statement serves every outcome.
        counters = [_J.clips_done, *(counter for counter, _ in _COUNTERS.values())]
        self._count = Prepared(
            database,
            _J.update(
                {_J.updated_at: slot(_J.updated_at)}
                | {counter: counter + slot(counter) for counter in counters}
            ).where(_J.id == slot(_J.id)),
        )

    def create(self, serial: str, token: str, at: datetime, operator: str = "") -> int:
        """A new queued job; returns its id."""
        return int(
            self._run(
                _J.insert(
                    serial=serial,
                    token=token,
                    state=JobState.QUEUED.value,
                    started_at=to_text(at),
                    updated_at=to_text(at),
                    operator=operator,
                )
            )
        )

    def set_state(
        self, job_id: int, expected: JobState, new: JobState, at: datetime, error: str = ""
    ) -> bool:
        """Compare-and-set the state; a final state also sets finished_at; an error, if
        given, replaces the job's."""
        finished = to_text(at) if new in FINAL_JOB_STATES else None
        values: dict[Any, object] = {
            _J.state: new.value,
            _J.updated_at: to_text(at),
            _J.finished_at: finished,
        }
        if error:
            values[_J.error] = error
        changed = self._run(
            _J.update(values).where((_J.id == job_id) & (_J.state == expected.value))
        )
        return bool(changed == 1)

    def set_totals(self, job_id: int, bytes_total: int, clips_total: int, at: datetime) -> None:
        """What the recorder holds, once listed."""
        self._run(
            _J.update(
                bytes_total=bytes_total, clips_total=clips_total, updated_at=to_text(at)
            ).where(_J.id == job_id)
        )

    def set_progress(
        self, job_id: int, at: datetime, bytes_done: int, rate_bps: float, current_name: str
    ) -> None:
        """The bytes copied so far and the current rate (coalesced by the caller).

        Live progress is a display cache, not state (DESIGN §5.1): it needs no audit event,
        and no fsync of its own (WAL with synchronous NORMAL: a power cut may lose the last
        figure, never a committed clip; the next durable commit writes it out anyway).
        """
        self._db.pragma("synchronous", "normal")
        try:
            self._upsert_progress(job_id, at, bytes_done, rate_bps, current_name)
        finally:
            self._db.pragma("synchronous", PRAGMAS["synchronous"])

    def _upsert_progress(
        self, job_id: int, at: datetime, bytes_done: int, rate_bps: float, current_name: str
    ) -> None:
        self._run(
            _P.insert(
                job_id=job_id,
                bytes_done=bytes_done,
                rate_bps=rate_bps,
                current_name=current_name,
                updated_at=to_text(at),
            ).on_conflict(
                conflict_target=[_P.job_id],
                preserve=[_P.bytes_done, _P.rate_bps, _P.current_name, _P.updated_at],
            )
        )

    def count_clip(self, job_id: int, at: datetime, outcome: str, count: int = 1) -> None:
        """Clips finished: outcome is 'new', 'existing', 'failed', 'cleared' or 'skipped'."""
        self.count_clips(job_id, at, {outcome: count})

    def count_clips(self, job_id: int, at: datetime, counts: Mapping[str, int]) -> None:
        """Clips finished, by outcome (as count_clip), in one update.

        The offload commits clips in batches: one update per clip would cost as much as the
        clip's own row, and be carried by each clip's event."""
        values = {counter.name: 0 for counter, _ in _COUNTERS.values()}
        done = 0
        for outcome, count in counts.items():
            counter, finished = _COUNTERS[outcome]
            values[counter.name] += count
            done += count if finished else 0
        self._count.cursor(id=job_id, updated_at=to_text(at), clips_done=done, **values)

    def get(self, job_id: int) -> OffloadProgress | None:
        """One job's progress."""
        row = self._cursor(_with_progress().where(_J.id == job_id)).fetchone()
        return None if row is None else _progress(row, self._flag_counts(job_id))

    def unfinished(self) -> list[UnfinishedJob]:
        """Every job not yet in a final state, oldest first."""
        query = _J.select(_J.id, _J.token, _J.state).where(_J.finished_at.is_null()).order_by(_J.id)
        return [UnfinishedJob(r.id, r.token, JobState(r.state)) for r in self._rows(query)]

    def recent(self, limit: int = 20) -> list[OffloadProgress]:
        """The newest jobs, newest first."""
        rows = self._cursor(_with_progress().order_by(_J.id.desc()).limit(limit)).fetchall()
        return [_progress(row, self._flag_counts(int(row[0]))) for row in rows]

    def jobs_of(self, serial: str) -> list[OffloadProgress]:
        """Every offload of one recorder, oldest first (its history)."""
        rows = self._cursor(_with_progress().where(_J.serial == serial).order_by(_J.id)).fetchall()
        return [_progress(row, {}) for row in rows]

    def latest_per_recorder(self) -> list[OffloadProgress]:
        """Each recorder's newest job, by serial (the unit head's view, Art. 14)."""
        newest = OffloadJobRow.alias("newest")
        latest = newest.select(fn.MAX(newest.id)).group_by(newest.serial)
        query = _with_progress().where(_J.id.in_(latest)).order_by(_J.serial)
        rows = self._cursor(query).fetchall()
        return [_progress(row, self._flag_counts(int(row[0]))) for row in rows]

    def newest_failed(self, errors: Sequence[str], since: datetime) -> OffloadProgress | None:
        """The newest failed job begun at or after since whose error is one of errors."""
        query = (
            _with_progress()
            .where(
                (_J.state == JobState.FAILED.value)
                & (_J.error.in_(list(errors)))
                & (_J.started_at >= to_text(since))
            )
            .order_by(_J.id.desc())
            .limit(1)
        )
        row = self._cursor(query).fetchone()
        return None if row is None else _progress(row, self._flag_counts(int(row[0])))

    def _flag_counts(self, job_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        query = (
            ClipRow.select(ClipRow.flags)
            .where((ClipRow.job_id == job_id) & (ClipRow.flags != ""))
            .tuples()
        )
        for (flags,) in self._rows(query):
            for flag in str(flags).split(","):
                counts[flag] = counts.get(flag, 0) + 1
        return counts
