"""Provides the start-up reconciliation of staging, archive and clip rows (DESIGN §4)."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.domain.lifecycle import JobEvent, next_job_state
from appliance.domain.records import Actor
from appliance.ports import Archive, Staging
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context


@dataclass
class ReconcileReport:
    """What the reconciliation found and did."""

    parts_removed: int = 0
    jobs_interrupted: list[int] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    archive_scanned: bool = False


def reconcile(ctx: Context, archive: Archive, staging: Staging, actor: Actor) -> ReconcileReport:
    """Remove stray parts, close dead jobs, quarantine orphan content, alarm on missing files.

    Runs while other jobs may be live: their directories are locked and skipped, and the
    archive is scanned only when no job anywhere holds the activity lock.
    """
    report = ReconcileReport()
    tokens, report.parts_removed = staging.sweep_stale()
    dead = set(tokens)
    for job in ctx.store.jobs.unfinished():
        job_id, token, state = job.id, job.token, job.state
        # A job is dead when its staging lock was free (swept now) or its directory is gone.
        if token not in dead and staging.has_job(token):
            continue
        new = next_job_state(state, JobEvent.INTERRUPT)
        with ctx.store.transaction():
            if ctx.store.jobs.set_state(job_id, state, new, ctx.clock.now(), "interrupted"):
                ctx.record(actor, "offload_interrupt", "offload_job", str(job_id), state=new.value)
                report.jobs_interrupted.append(job_id)
    if report.parts_removed:
        with ctx.store.transaction():
            ctx.record(actor, "staging_swept", "staging", "-", parts=report.parts_removed)
    with staging.quiet() as quiet:
        if quiet:
            report.archive_scanned = True
            _scan(ctx, archive, actor, report)
    return report


def _scan(ctx: Context, archive: Archive, actor: Actor, report: ReconcileReport) -> None:
    referenced = ctx.store.clips.all_hashes()
    held = ctx.store.alarms.quarantined_hashes()
    on_disk = set()
    for sha256 in archive.contents():
        on_disk.add(sha256)
        if sha256 in referenced or sha256 in held:
            continue
        # A content file with no row: the process died between link and commit. Its bytes
        # are kept, re-hashed and held for a person to review (DESIGN §4).
        matches = archive.rehash(sha256) == sha256
        size = archive.size(sha256)
        with ctx.store.transaction():
            if ctx.store.alarms.quarantine(sha256, size, ctx.clock.now(), matches):
                ctx.record(
                    actor,
                    "content_quarantined",
                    "archive",
                    sha256,
                    size=size,
                    content_matches=matches,
                )
                report.quarantined.append(sha256)
    # DESIGN §11: a content the retention rule deleted is gone by rule, not lost.
    gone = set(ctx.store.retention.gone_contents())
    for sha256 in sorted(referenced - on_disk - gone):
        # A row whose file is gone: evidence lost or moved (Art. 16(3)).
        report.missing.append(sha256)
        if ctx.store.alarms.has_open_alarm("archive_missing", sha256):
            continue
        raise_alarm(ctx, actor, "critical", "archive_missing", sha256, event={"sha256": sha256})
