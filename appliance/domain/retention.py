"""Provides the retention rule (invariant 4, DESIGN §11, Art. 12(3)) as a pure function.

A clip may be deleted only when all hold: its retention period (at least 90 days) has passed
since it was archived, no active hold covers it, it is not evidence, and it was handed over
with a receipt (Art. 12(2)). A content shared by several clip rows goes only when every one of
them may go. The clock is not trusted blindly: a run whose clock is behind the newest audit
event, or more than `max_clock_leap_days` past it, deletes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Set
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.holds import HeldClip, Hold, holds_covering

# Art. 12(3): footage is kept at least three months, whatever the configuration says.
RETENTION_FLOOR_DAYS = 90


class Verdict(StrEnum):
    """What the rule says of one clip; only `expired` lets it go."""

    EXPIRED = "retention_expired"
    TOO_YOUNG = "too_young"
    HELD = "held"
    EVIDENCE = "evidence"
    NOT_HANDED_OVER = "not_handed_over"
    # The content is shared with a clip that must stay: the bytes stay for it.
    SHARED = "content_kept_for_another_clip"
    DELETED = "deleted"


class ClockFault(StrEnum):
    """Why a run does not trust its clock."""

    BEHIND = "clock_behind_newest_event"
    LEAP = "clock_leap_past_newest_event"


@dataclass(frozen=True)
class RetentionClip:
    """What the rule reads of one clip row."""

    id: int
    sha256: str
    size: int
    archived_at: datetime
    # Who recorded it, when, and the cases it is filed under: what a hold is judged against.
    held: HeldClip
    handed_over: bool
    evidence: bool = False
    tombstoned: bool = False


@dataclass(frozen=True)
class Judgement:
    """The rule's word on one clip, with the inputs it judged (the tombstone keeps them)."""

    clip_id: int
    sha256: str
    size: int
    verdict: Verdict
    retain_until: datetime
    holds: tuple[int, ...] = ()
    inputs: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ClockCheck:
    """Whether the run's clock may be trusted against the newest audit event."""

    now: datetime
    newest_event_at: datetime | None
    max_leap_days: int
    fault: ClockFault | None = None

    @property
    def trusted(self) -> bool:
        """No fault found."""
        return self.fault is None


@dataclass(frozen=True)
class RetentionPlan:
    """What a run would do: every clip judged; nothing is eligible on an untrusted clock."""

    clock: ClockCheck
    days: int
    judgements: tuple[Judgement, ...]

    @property
    def eligible(self) -> tuple[Judgement, ...]:
        """The clips whose content may be deleted now, by id."""
        if not self.clock.trusted:
            return ()
        return tuple(j for j in self.judgements if j.verdict is Verdict.EXPIRED)

    def eligible_contents(self) -> dict[str, tuple[Judgement, ...]]:
        """Each content to delete with the clips it held, by sha256."""
        found: dict[str, list[Judgement]] = {}
        for judgement in self.eligible:
            found.setdefault(judgement.sha256, []).append(judgement)
        return {sha256: tuple(found[sha256]) for sha256 in sorted(found)}


@enforces("12(3)")
def check_clock(now: datetime, newest_event_at: datetime | None, max_leap_days: int) -> ClockCheck:
    """Trust the clock only between the newest event and max_leap_days after it."""
    if newest_event_at is not None:
        if now < newest_event_at:
            return ClockCheck(now, newest_event_at, max_leap_days, ClockFault.BEHIND)
        if now - newest_event_at > timedelta(days=max_leap_days):
            return ClockCheck(now, newest_event_at, max_leap_days, ClockFault.LEAP)
    return ClockCheck(now, newest_event_at, max_leap_days)


@enforces("12(2)", "12(3)")
def judge(
    clips: Iterable[RetentionClip],
    holds: Collection[Hold],
    days: int,
    now: datetime,
    newest_event_at: datetime | None,
    max_leap_days: int,
) -> RetentionPlan:
    """Judge every clip; see the module's docstring for the rule."""
    effective = max(days, RETENTION_FLOOR_DAYS)
    period = timedelta(days=effective)
    clock = check_clock(now, newest_event_at, max_leap_days)
    listed = sorted(clips, key=lambda clip: clip.id)
    first = [_judge_one(clip, holds, period, now) for clip in listed]
    # A content goes only when every clip row holding it may go (DESIGN §3.2: one file).
    kept = _contents_kept(first)
    judgements = tuple(
        _shared(judgement) if judgement.verdict is Verdict.EXPIRED and judgement.sha256 in kept
        else judgement
        for judgement in first
    )  # fmt: skip
    return RetentionPlan(clock, effective, judgements)


def _judge_one(
    clip: RetentionClip, holds: Collection[Hold], period: timedelta, now: datetime
) -> Judgement:
    retain_until = clip.archived_at + period
    covering = tuple(holds_covering(holds, clip.held))
    inputs: dict[str, object] = {
        "archived_at": clip.archived_at.isoformat(),
        "retain_until": retain_until.isoformat(),
        "days": period.days,
        "handed_over": clip.handed_over,
        "evidence": clip.evidence,
        "holds": list(covering),
        "now": now.isoformat(),
    }
    if clip.tombstoned:
        verdict = Verdict.DELETED
    elif clip.evidence:
        verdict = Verdict.EVIDENCE
    elif covering:
        verdict = Verdict.HELD
    elif not clip.handed_over:
        verdict = Verdict.NOT_HANDED_OVER
    elif now < retain_until:
        verdict = Verdict.TOO_YOUNG
    else:
        verdict = Verdict.EXPIRED
    return Judgement(clip.id, clip.sha256, clip.size, verdict, retain_until, covering, inputs)


def _contents_kept(judgements: Iterable[Judgement]) -> Set[str]:
    """Contents some clip row must keep (every verdict but expired and deleted)."""
    return {j.sha256 for j in judgements if j.verdict not in (Verdict.EXPIRED, Verdict.DELETED)}


def _shared(judgement: Judgement) -> Judgement:
    return Judgement(
        judgement.clip_id,
        judgement.sha256,
        judgement.size,
        Verdict.SHARED,
        judgement.retain_until,
        judgement.holds,
        judgement.inputs,
    )
