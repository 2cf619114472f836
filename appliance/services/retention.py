"""Provides the retention run: deletion by rule only, with tombstones and a destruction list.

Invariant 4, DESIGN §11, Art. 12(3). Per content the run first commits a tombstone and an
audit event for each clip row holding it, then asks the Archive port to unseal and remove the
bytes (on the box the seal helper re-checks the rule, by hash: `allows_deletion`). A run killed
between the two leaves the tombstone and the file; the next run finishes the removal. So a clip
is always either its file and row, or its tombstone, never neither. Audit events are never
deleted. A clock behind the newest event, or too far past it, deletes nothing and raises an
alarm. Each run writes a destruction list (JSON, text and, when it lists anything, PDF) under
exports/retention/ (services/destruction_list.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from appliance.domain.articles import enforces
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.domain.retention import (
    ClockCheck,
    Judgement,
    RetentionPlan,
    Verdict,
    judge,
)
from appliance.ports import Archive, FormRenderer, Staging
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context
from appliance.services.destruction_list import write_lists
from appliance.store.retention import CLOCK_ALARM


@dataclass(frozen=True)
class RetentionReport:
    """What one run did (or, dry, would do)."""

    run: str
    dry_run: bool
    clock: ClockCheck
    days: int
    judged: int
    eligible: tuple[Judgement, ...]
    deleted: tuple[str, ...] = ()
    finished: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    lists: tuple[Path, ...] = field(default=())
    # Why the run has no PDF list ("" when it has one): nothing listed, or it could not be made.
    pdf_missing: str = ""
    # An offload was running: nothing was deleted, the next run tries again.
    deferred: bool = False

    @property
    def deleted_clips(self) -> int:
        """How many clip rows got a tombstone in this run."""
        return 0 if self.dry_run else len(self.eligible)


class RetentionService:
    """Judges every clip by the rule and deletes what it allows, through the Archive port."""

    def __init__(
        self, ctx: Context, archive: Archive, staging: Staging, forms: FormRenderer
    ) -> None:
        self._ctx = ctx
        self._archive = archive
        self._staging = staging
        self._forms = forms

    def plan(self) -> RetentionPlan:
        """The rule applied to every clip now (nothing is written)."""
        store, settings = self._ctx.store, self._ctx.settings
        return judge(
            store.retention.facts(),
            store.holds.listing(active_only=True),
            settings.retention_days,
            self._ctx.clock.now(),
            store.retention.newest_event_at(),
            settings.max_clock_leap_days,
        )

    def deleted_clips(self) -> set[int]:
        """The clips whose content the rule deleted (their rows stay, with a tombstone)."""
        return self._ctx.store.retention.tombstoned_clips()

    def allows_deletion(self, sha256: str) -> bool:
        """The seal helper's re-check, by hash (DESIGN §11): every clip row holding this
        content is tombstoned, and the rule, judged afresh now, lets each of them go."""
        facts = self._ctx.store.retention.facts(sha256)
        if not facts or not all(clip.tombstoned for clip in facts):
            return False
        return self._content_may_go(sha256)

    def _content_may_go(self, sha256: str, newest: datetime | None = None) -> bool:
        """Whether the rule, judged afresh now, lets every clip row of this content go
        (their tombstones, if any, set aside: it is the rule's word that is asked).

        `newest`: the newest event time the run's own plan read (under the write lock no
        other event can come); else it is read again.
        """
        store, settings = self._ctx.store, self._ctx.settings
        facts = store.retention.facts(sha256)
        plan = judge(
            [replace(clip, tombstoned=False) for clip in facts],
            store.holds.listing(active_only=True),
            settings.retention_days,
            self._ctx.clock.now(),
            newest if newest is not None else store.retention.newest_event_at(),
            settings.max_clock_leap_days,
        )
        expired = all(j.verdict is Verdict.EXPIRED for j in plan.judgements)
        return bool(facts) and plan.clock.trusted and expired

    @enforces("12(3)")
    def run(self, actor: Actor, dry_run: bool = False) -> RetentionReport:
        """Delete every content the rule allows; refused (after an alarm) on a clock fault."""
        now = self._ctx.clock.now()
        run = f"retention-{now:%Y%m%dT%H%M%S%fZ}"
        plan = self.plan()
        if not plan.clock.trusted:
            self._clock_fault(actor, run, plan, dry_run)
        report = RetentionReport(run, dry_run, plan.clock, plan.days, len(plan.judgements),
                                 plan.eligible)  # fmt: skip
        if dry_run:
            return self._finish_run(actor, report)
        # No offload may run meanwhile: a job linking the same bytes again (DESIGN §4 step 3)
        # must never find them gone after it checked them. A new job waits for the lock.
        with self._staging.quiet() as quiet:
            if not quiet:
                return self._finish_run(actor, replace(report, eligible=(), deferred=True))
            return self._finish_run(actor, self._delete_all(actor, run, plan, report))

    def _delete_all(
        self, actor: Actor, run: str, plan: RetentionPlan, report: RetentionReport
    ) -> RetentionReport:
        """Finish what a killed run began, then delete each content the plan allows."""
        finished = self._finish_interrupted(actor, run)
        outcomes: dict[str, list[str]] = {"deleted": [], "kept": [], "failed": []}
        newest = plan.clock.newest_event_at
        for sha256, judgements in plan.eligible_contents().items():
            outcomes[self._delete(actor, run, sha256, judgements, newest)].append(sha256)
        kept = set(outcomes["kept"])
        return replace(
            report,
            eligible=tuple(j for j in plan.eligible if j.sha256 not in kept),
            deleted=tuple(outcomes["deleted"]),
            finished=finished,
            failed=tuple(outcomes["failed"]),
        )

    def _finish_run(self, actor: Actor, report: RetentionReport) -> RetentionReport:
        """The destruction list and the run's own event."""
        plan_clock, run, dry_run = report.clock, report.run, report.dry_run
        written = write_lists(self._ctx, self._forms, actor, report)
        lists = written.paths
        with self._ctx.store.transaction():
            self._ctx.record(
                actor,
                "retention_run",
                "retention",
                run,
                "deferred" if report.deferred else "ok",
                dry_run=dry_run,
                judged=report.judged,
                eligible=len(report.eligible),
                contents_deleted=len(report.deleted),
                contents_finished=len(report.finished),
                contents_failed=len(report.failed),
                days=report.days,
                now=plan_clock.now.isoformat(),
                newest_event_at=_iso(plan_clock.newest_event_at),
                destruction_list=[path.name for path in lists],
            )
        return replace(report, lists=lists, pdf_missing=written.pdf_missing)

    def _clock_fault(self, actor: Actor, run: str, plan: RetentionPlan, dry_run: bool) -> None:
        clock = plan.clock
        fault = clock.fault.value if clock.fault else ""
        facts = {"now": clock.now.isoformat(), "newest_event_at": _iso(clock.newest_event_at)}
        with self._ctx.store.transaction():
            # The alarm first: the refusal's event would move the newest event itself.
            raise_alarm(
                self._ctx, actor, "critical", CLOCK_ALARM, run,
                detail={"fault": fault, **facts}, event={"fault": fault, **facts},
            )  # fmt: skip
            self._ctx.record(
                actor, "retention_run", "retention", run, "refused",
                reason="retention_clock_untrusted", params={"fault": fault},
                dry_run=dry_run, max_clock_leap_days=clock.max_leap_days, **facts,
            )  # fmt: skip
        raise Refused(
            "retention_clock_untrusted",
            now=clock.now.isoformat(timespec="seconds"),
            newest=_iso(clock.newest_event_at, "seconds"),
            days=clock.max_leap_days,
        )

    def _delete(
        self,
        actor: Actor,
        run: str,
        sha256: str,
        judgements: tuple[Judgement, ...],
        newest: datetime | None,
    ) -> str:
        """Tombstones and events first (committed), then the bytes (DESIGN §11): deleted,
        kept (the rule, asked again under the write lock, keeps it) or failed (the seal)."""
        now = self._ctx.clock.now()
        with self._ctx.store.transaction():
            # Judged again under the write lock: a hold set, a clip archived with the same
            # bytes since the plan was read, and this content stays (invariant 4).
            if not self._content_may_go(sha256, newest):
                return "kept"
            self._ctx.store.retention.add_tombstones(judgements, now, run)
            for judgement in judgements:
                self._ctx.record(
                    actor,
                    "clip_deleted",
                    "clip",
                    str(judgement.clip_id),
                    sha256=sha256,
                    size=judgement.size,
                    reason=judgement.verdict.value,
                    inputs=judgement.inputs,
                    run=run,
                )
        return "deleted" if self._remove(actor, run, sha256) else "failed"

    def _remove(self, actor: Actor, run: str, sha256: str) -> bool:
        try:
            self._archive.delete_by_rule(sha256, Verdict.EXPIRED.value)
        except FileNotFoundError:
            return True  # removed already (a run killed after the unlink)
        except OSError as exc:
            raise_alarm(
                self._ctx, actor, "critical", "retention_delete_failed", sha256,
                detail={"run": run, "error": exc.strerror or type(exc).__name__},
                event={"sha256": sha256, "run": run},
            )  # fmt: skip
            return False
        return True

    def _finish_interrupted(self, actor: Actor, run: str) -> tuple[str, ...]:
        """Remove the files of contents an earlier run tombstoned but did not unlink."""
        finished = []
        for sha256 in sorted(self._ctx.store.retention.gone_contents()):
            if not self._archive.exists(sha256):
                continue
            if self._remove(actor, run, sha256):
                with self._ctx.store.transaction():
                    self._ctx.record(actor, "retention_finished", "archive", sha256, run=run)
                finished.append(sha256)
        return tuple(finished)


def _iso(instant: object, timespec: str = "auto") -> str:
    isoformat = getattr(instant, "isoformat", None)
    return "" if isoformat is None else str(isoformat(timespec=timespec))
