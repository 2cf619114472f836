"""Provides offload jobs: one per docked recorder, several at once, then clearing (DESIGN §4)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, tzinfo
from functools import partial

from appliance.config import local_zone
from appliance.domain.errors import Refused
from appliance.domain.footage import OffloadProgress, stored_name
from appliance.domain.gaps import numbering_gaps
from appliance.domain.lifecycle import FINAL_JOB_STATES, JobEvent, JobState, next_job_state
from appliance.domain.records import Actor
from appliance.ports import (
    Archive,
    ClipRef,
    JobStaging,
    MediaProbe,
    RecorderDriver,
    SealReport,
    Staging,
)
from appliance.safe_text import printable
from appliance.services.clearing import clear_recorder
from appliance.services.context import Context
from appliance.services.ingest import IngestPass, PassResult, RecorderFacts
from appliance.services.offload_flags import archive_conflict, flag_coverage_gaps, flag_foreign
from appliance.services.progress import ProgressMeter
from appliance.services.reconcile import ReconcileReport, reconcile
from appliance.services.sealing import SealService
from appliance.services.skipped import record_skipped
from appliance.services.thumbnails import ThumbnailService

# DESIGN §4 step 2: a failed clip is redone from the source, a fresh copy each time.
MAX_ATTEMPTS = 3
# Why a docked recorder got no job of its own: its card keeps no identity, or will not mount.
UNIDENTIFIED_ERRORS = ("no_identity", "mount_failed")


def offload_actor(unit_code: str) -> Actor:
    """The audit identity of the offload machinery."""
    return Actor("system:offload", "system", unit_code)


class OffloadService:
    """Runs offload jobs and answers what each job is doing, from the database."""

    def __init__(
        self,
        ctx: Context,
        archive: Archive,
        probe: MediaProbe,
        staging: Staging,
        thumbnails: ThumbnailService,
    ) -> None:
        self._ctx = ctx
        self._thumbnails = thumbnails
        self.archive = archive
        self._probe = probe
        self._staging = staging
        self._sealing = SealService(ctx)
        self._actor = offload_actor(ctx.settings.unit_code)
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[int, Future[OffloadProgress]] = {}
        self._lock = threading.Lock()

    def reconcile(self) -> ReconcileReport:
        """The start-up reconciliation of staging, archive and rows (DESIGN §4)."""
        return reconcile(self._ctx, self.archive, self._staging, self._actor)

    def run(
        self,
        driver: RecorderDriver,
        serial: str | None = None,
        clear: bool | None = None,
        before_clear: Callable[[], None] | None = None,
        *,
        operator: str = "",
    ) -> OffloadProgress:
        """Offload one recorder in this thread, to the end; returns the final progress.

        `serial`, when given, must be what the recorder reports; `clear` overrides the
        clear_after_offload setting (None keeps it); `before_clear` runs once every clip is
        committed and before the first deletion (the dock remounts the card read-write);
        `operator` names who started it from a shell (`os:<name>`); the dock's jobs are the
        machinery's own and name nobody.
        """
        job_id, staging = self._open(driver, serial, operator)
        return self._execute(job_id, staging, driver, self._clearing(clear), before_clear)

    def start(
        self,
        driver: RecorderDriver,
        serial: str | None = None,
        clear: bool | None = None,
        before_clear: Callable[[], None] | None = None,
        *,
        operator: str = "",
    ) -> int:
        """Queue one recorder's offload (at most max_parallel_offloads run); returns the job id.

        Read its progress with progress(job_id) from any process; wait(job_id) blocks here.
        """
        job_id, staging = self._open(driver, serial, operator)
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    self._ctx.settings.max_parallel_offloads, thread_name_prefix="offload"
                )
            self._futures[job_id] = self._pool.submit(
                self._execute, job_id, staging, driver, self._clearing(clear), before_clear
            )
        return job_id

    def wait(self, job_id: int, timeout: float | None = None) -> OffloadProgress:
        """Block until a job started here ends; returns its final progress."""
        with self._lock:
            future = self._futures[job_id]
        return future.result(timeout)

    def shutdown(self) -> None:
        """Wait for running jobs and stop the worker threads."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def close(self) -> None:
        """Stop the media prober's worker processes (Services.close)."""
        self._probe.close()

    def progress(self, job_id: int) -> OffloadProgress | None:
        """A job's progress as stored: what every screen shows."""
        return self._ctx.store.jobs.get(job_id)

    def recent(self, limit: int = 20) -> list[OffloadProgress]:
        """The newest jobs, newest first."""
        return self._ctx.store.jobs.recent(limit)

    def by_recorder(self) -> list[OffloadProgress]:
        """Each recorder's newest job (the unit head's screen, Art. 14)."""
        return self._ctx.store.jobs.latest_per_recorder()

    def fail_unidentified(self, name: str, reason: str, devnode: str) -> OffloadProgress:
        """A failed job for a docked recorder the kiosk cannot name, so no screen waits on it.

        `name` is what the dock knows of the device (its USB serial or device node); the job
        is queued and failed in one transaction and one event.
        """
        now = self._ctx.clock.now()
        with self._ctx.store.transaction():
            job_id = self._ctx.store.jobs.create(name, self._staging.new_token(), now)
            failed = next_job_state(JobState.QUEUED, JobEvent.FAIL)
            self._ctx.store.jobs.set_state(job_id, JobState.QUEUED, failed, now, reason)
            self._ctx.record(
                self._actor,
                "offload_fail",
                "offload_job",
                str(job_id),
                "failed",
                state=failed.value,
                error=reason,
                serial=name,
                devnode=printable(devnode),
            )
        progress = self._ctx.store.jobs.get(job_id)
        if progress is None:
            raise LookupError(f"offload job {job_id} vanished")
        return progress

    def unidentified_since(self, since: datetime) -> OffloadProgress | None:
        """The newest job failed since `since` because its recorder could not be named."""
        return self._ctx.store.jobs.newest_failed(UNIDENTIFIED_ERRORS, since)

    def _open(
        self, driver: RecorderDriver, serial: str | None, operator: str
    ) -> tuple[int, JobStaging]:
        identity = driver.identify()
        if serial is not None and identity.serial != serial:
            # Nothing is queued: footage filed under the wrong recorder would be attributed
            # to the wrong holder (Art. 10). Both serials go to the log and to the caller.
            with self._ctx.store.transaction():
                self._ctx.record(
                    self._actor,
                    "offload_refused",
                    "recorder",
                    printable(serial),
                    "refused",
                    reason="serial_mismatch",
                    params={"serial": printable(serial), "found": printable(identity.serial)},
                )
            raise Refused("serial_mismatch", serial=serial, found=identity.serial)
        token = self._staging.new_token()
        staging = self._staging.open_job(token)
        try:
            with self._ctx.store.transaction():
                job_id = self._ctx.store.jobs.create(
                    identity.serial, token, self._ctx.clock.now(), operator=operator
                )
                self._ctx.record(
                    self._actor,
                    "offload_queued",
                    "offload_job",
                    str(job_id),
                    serial=identity.serial,
                    operator=operator,
                )
        except BaseException:
            staging.close()
            raise
        return job_id, staging

    def _move(self, job_id: int, state: JobState, event: JobEvent, error: str = "") -> JobState:
        new = next_job_state(state, event)
        with self._ctx.store.transaction():
            self._ctx.store.jobs.set_state(job_id, state, new, self._ctx.clock.now(), error)
            self._ctx.record(
                self._actor,
                f"offload_{event.value}",
                "offload_job",
                str(job_id),
                "ok" if not error else "failed",
                state=new.value,
                error=error,
            )
        return new

    def _clearing(self, clear: bool | None) -> bool:
        return self._ctx.settings.clear_after_offload if clear is None else clear

    def _execute(
        self,
        job_id: int,
        staging: JobStaging,
        driver: RecorderDriver,
        clear: bool,
        before_clear: Callable[[], None] | None = None,
        *,
        operator: str = "",
    ) -> OffloadProgress:
        committed: dict[str, tuple[int, bool]] = {}
        # The prober's workers start while the first clips are copied, not at the first probe.
        self._probe.warm()
        try:
            state = self._move(job_id, JobState.QUEUED, JobEvent.START)
            self._offload(job_id, state, staging, driver, clear, before_clear, committed)
        except BaseException as exc:
            stored = self._ctx.store.jobs.get(job_id)
            current = stored.state if stored else JobState.FAILED
            if current not in FINAL_JOB_STATES:
                self._move(job_id, current, JobEvent.FAIL, f"internal_error: {exc!r}")
            # What the job committed before it broke is sealed all the same (DESIGN §11).
            with contextlib.suppress(Exception):
                self._seal(job_id, committed)
            raise
        finally:
            staging.close()
        self._seal(job_id, committed)
        # After the verdict and the seal, in the background: a picture never holds a job up.
        self._thumbnails.after_offload(clip_id for clip_id, new in committed.values() if new)
        final = self._ctx.store.jobs.get(job_id)
        if final is None:
            raise LookupError(f"offload job {job_id} vanished")
        return final

    def _offload(
        self,
        job_id: int,
        state: JobState,
        staging: JobStaging,
        driver: RecorderDriver,
        clear: bool,
        before_clear: Callable[[], None] | None,
        committed: dict[str, tuple[int, bool]],
    ) -> JobState:
        serial = driver.identify().serial
        try:
            listed = driver.clips()
            skipped = driver.skipped()
        except OSError as exc:
            return self._move(job_id, state, JobEvent.FAIL, f"source_unreadable: {exc.strerror}")
        facts = self._facts(serial, listed)
        now = self._ctx.clock.now()
        total = sum(c.size for c in listed)
        with self._ctx.store.transaction():
            self._ctx.store.jobs.set_totals(job_id, total, len(listed), now)
            self._ctx.record(
                self._actor,
                "offload_listed",
                "offload_job",
                str(job_id),
                clips=len(listed),
                bytes=total,
                skipped=len(skipped),
            )
        record_skipped(self._ctx, self._actor, job_id, skipped)
        if facts.foreign:
            flag_foreign(self._ctx, self._actor, job_id, facts)
        meter = ProgressMeter(self._ctx, job_id)
        try:
            pending, result = self._passes(job_id, staging, driver, facts, meter, listed, committed)
        finally:
            meter.close()
        flag_coverage_gaps(self._ctx, self._actor, listed, committed)
        if pending or result.fatal:
            at = self._ctx.clock.now()
            with self._ctx.store.transaction():
                self._ctx.store.jobs.count_clip(job_id, at, "failed", len(pending))
                self._ctx.record(
                    self._actor,
                    "offload_clips_failed",
                    "offload_job",
                    str(job_id),
                    "failed",
                    count=len(pending),
                    sources=[stored_name(clip.name) for clip in pending[:50]],
                )
            reason = result.fatal or f"clips_failed: {len(pending)}"
            return self._move(job_id, state, JobEvent.FAIL, reason)
        if clear and listed:
            state = self._move(job_id, state, JobEvent.CLEAR)
            if before_clear is not None:
                try:
                    before_clear()
                except OSError as exc:
                    return self._move(job_id, state, JobEvent.FAIL, f"clear_failed: {exc}")
            error = clear_recorder(
                self._ctx, self.archive, self._actor, job_id, driver, listed, committed
            )
            if error:
                return self._move(job_id, state, JobEvent.FAIL, error)
        return self._move(job_id, state, JobEvent.FINISH)

    def _passes(
        self,
        job_id: int,
        staging: JobStaging,
        driver: RecorderDriver,
        facts: RecorderFacts,
        meter: ProgressMeter,
        listed: Sequence[ClipRef],
        committed: dict[str, tuple[int, bool]],
    ) -> tuple[Sequence[ClipRef], PassResult]:
        """Up to MAX_ATTEMPTS ingest passes; what is still pending, and the last pass."""
        pending: Sequence[ClipRef] = listed
        result = PassResult()
        for _ in range(MAX_ATTEMPTS):
            result = IngestPass(
                self._ctx,
                self.archive,
                self._probe,
                self._actor,
                job_id,
                staging,
                driver,
                facts,
                meter,
                partial(archive_conflict, self._ctx, self._actor),
            ).run(pending)
            committed.update(result.committed)
            pending = [clip for clip in pending if clip.name not in committed]
            if not pending or result.fatal:
                break
        return pending, result

    def _seal(self, job_id: int, committed: dict[str, tuple[int, bool]]) -> None:
        """Ask the archive to seal the job's contents; a failure is an alarm, never an error."""
        hashes = sorted(self._ctx.store.clips.hashes_of(c for c, _ in committed.values()))
        if not hashes:
            return
        try:
            report = self.archive.seal(hashes)
        except Exception as exc:  # the clips are committed and verified: only the seal is lost
            report = SealReport(failed=len(hashes), reason=f"internal_error: {exc!r}")
        self._sealing.record(self._actor, "offload_job", str(job_id), report)

    def _facts(self, serial: str, listed: Sequence[ClipRef]) -> RecorderFacts:
        recorder = self._ctx.store.recorders.get(serial)
        unit = self._ctx.settings.unit_code
        # Art. 9: a recorder of another unit, or none, is still offloaded, filed under its own
        # unit, and flagged to the unit head.
        foreign = recorder is None or recorder.unit_code != unit
        return RecorderFacts(
            serial=serial,
            unit_code=recorder.unit_code if recorder else "",
            foreign=foreign,
            sessions=self._ctx.store.custody.sessions_for(serial),
            zone=self._zone(),
            gap_names=frozenset(numbering_gaps([c.name for c in listed])),
        )

    def _zone(self) -> tzinfo:
        return local_zone(self._ctx.settings)
