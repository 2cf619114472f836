"""Provides holds: what a complaint, petition or litigation keeps, and the rule that lifts one.

Art. 12(3): footage is kept at least three months, and complaints and petitions (投诉、信访)
extend that. A hold covers clips named by id, every clip filed under a case, or an officer's
footage over a time range; the last two are rules, not lists, so a clip filed or archived after
the hold was set is covered too. A hold never expires: only two people lift it (DESIGN §6, §11).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Person
from appliance.domain.roles import Action, Role, is_allowed


class HoldKind(StrEnum):
    """Why footage is kept past its retention period (Art. 12(3))."""

    COMPLAINT = "complaint"
    PETITION = "petition"  # 信访
    LITIGATION = "litigation"
    OTHER = "other"


class HoldScope(StrEnum):
    """What a hold covers."""

    CLIPS = "clips"
    CASE = "case"
    OFFICER = "officer"


@dataclass(frozen=True)
class HoldTarget:
    """What a hold covers: clip ids, a case number, or an officer's badge over [start, end)."""

    scope: HoldScope
    clip_ids: frozenset[int] = frozenset()
    case_number: str | None = None
    officer_badge: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Hold:
    """One hold as stored; active until lifted (holds never expire by themselves)."""

    id: int
    kind: HoldKind
    target: HoldTarget
    note: str
    set_by: str
    set_at: datetime
    lifted_by: str | None = None
    lift_confirmed_by: str | None = None
    lifted_at: datetime | None = None

    @property
    def active(self) -> bool:
        """Whether the hold still keeps its footage."""
        return self.lifted_at is None


@dataclass(frozen=True)
class HeldClip:
    """What `covers` needs of a clip: who recorded it, when, and the cases it is filed under."""

    id: int
    holder_badge: str | None
    # The corrected recording time when known; else the time it was archived.
    recorded_at: datetime
    cases: frozenset[str] = frozenset()


def check_target(target: HoldTarget) -> HoldTarget:
    """A target that names exactly what its scope needs, or BadInput."""
    if target.scope is HoldScope.CLIPS:
        if not target.clip_ids or target.case_number or target.officer_badge:
            raise BadInput("hold_scope_unclear")
    elif target.scope is HoldScope.CASE:
        if target.clip_ids or not target.case_number or target.officer_badge:
            raise BadInput("hold_scope_unclear")
    else:
        if target.clip_ids or target.case_number or not target.officer_badge:
            raise BadInput("hold_scope_unclear")
        if target.start is None or target.end is None:
            raise BadInput("hold_range_needed")
        if target.end <= target.start:
            raise BadInput("hold_range_backwards")
    return target


@enforces("12(3)")
def covers(hold: Hold, clip: HeldClip) -> bool:
    """Whether an active hold keeps this clip (a lifted hold keeps nothing)."""
    if not hold.active:
        return False
    target = hold.target
    if target.scope is HoldScope.CLIPS:
        return clip.id in target.clip_ids
    if target.scope is HoldScope.CASE:
        return target.case_number in clip.cases
    if clip.holder_badge is None or clip.holder_badge != target.officer_badge:
        return False
    if target.start is None or target.end is None:  # check_target refuses it when set
        return False
    return target.start <= clip.recorded_at < target.end


def holds_covering(holds: Collection[Hold], clip: HeldClip) -> list[int]:
    """The ids of the active holds that keep this clip, in order."""
    return sorted(hold.id for hold in holds if covers(hold, clip))


# Who may set a hold: one person with SET_HOLD (a unit head, bureau head or info collector).
# Who may lift one, as a table: two people who each hold LIFT_HOLD, of whom at least one is a
# unit head or the bureau head (DESIGN §6, §11): the collector alone never undoes a hold.
_HEADS = frozenset({Role.UNIT_HEAD, Role.BUREAU_HEAD})
LIFT_PAIRS: frozenset[tuple[Role, Role]] = frozenset(
    (first, second)
    for first in Role
    for second in Role
    if is_allowed(first, Action.LIFT_HOLD)
    and is_allowed(second, Action.LIFT_HOLD)
    and (first in _HEADS or second in _HEADS)
)


@enforces("12(3)")
def check_lift(
    first: Person, second_badge: str | None, second: Person | None, unit_code: str
) -> None:
    """Raise unless these two people together may lift a hold (first has signed in already)."""
    if second_badge is None:
        raise Refused("second_person_required")
    if second_badge == first.badge or (second is not None and second.badge == first.badge):
        raise Refused("hold_lift_same_person")
    if (
        second is None
        or not is_allowed(second.role, Action.LIFT_HOLD)
        or second.unit_code != unit_code
        or not second.active
        or second.locked
    ):
        raise Refused("confirmer_not_allowed", badge=second_badge)
    if (first.role, second.role) not in LIFT_PAIRS:
        raise Refused("hold_lift_needs_head")
