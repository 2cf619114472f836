"""Provides holds as use cases: set by one person, listed, lifted by two (Art. 12(3)).

A complaint or petition (投诉、信访), litigation or another reason keeps footage past its
retention period; the retention rule reads every active hold (domain/retention.py). Setting one
is one unit head, bureau head or information collector with a note; lifting needs a second,
different person, one of the two a unit head or the bureau head (DESIGN §6, §11).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, time, timedelta, tzinfo

from appliance.config import local_zone
from appliance.domain.articles import enforces
from appliance.domain.errors import BadInput, Refused
from appliance.domain.filing import check_case_number
from appliance.domain.holds import (
    Hold,
    HoldKind,
    HoldScope,
    HoldTarget,
    check_lift,
    check_target,
    holds_covering,
)
from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action
from appliance.services.context import Context, allowed
from appliance.services.lifecycle import check_note

_ID_MAX = 2**62
_CLIPS_MAX = 1000


def hold_kind(value: str) -> HoldKind:
    """One of the kinds, or BadInput naming what was given."""
    try:
        return HoldKind(value)
    except ValueError:
        raise BadInput("bad_hold_kind", value=value) from None


def range_instant(text: str, zone: tzinfo, *, end: bool = False) -> datetime:
    """A day (YYYY-MM-DD) or a day and time, on the unit's wall clock.

    A day given as the end of a range means the whole of that day (up to the next midnight).
    """
    value = text.strip()
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").date()
            start = datetime.combine(day, time(0), zone)
            return start + timedelta(days=1) if end else start
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput("bad_hold_range_time") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


class HoldService:
    """Sets, lists and lifts holds; every step and every refusal is in the audit log."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def set_on_clips(self, actor: Actor, kind: str, note: str, clip_ids: Collection[int]) -> Hold:
        """A hold on the clips named (each must exist)."""
        ids = frozenset(clip_ids)
        if not ids or len(ids) > _CLIPS_MAX or not all(1 <= i <= _ID_MAX for i in ids):
            raise BadInput("bad_clip_id")
        return self._set(actor, kind, note, HoldTarget(HoldScope.CLIPS, clip_ids=ids))

    def set_on_case(self, actor: Actor, kind: str, note: str, case_number: str) -> Hold:
        """A hold on every clip filed under the case, now or later."""
        number = check_case_number(case_number)
        return self._set(actor, kind, note, HoldTarget(HoldScope.CASE, case_number=number))

    def set_on_officer(
        self, actor: Actor, kind: str, note: str, badge: str, start: datetime, end: datetime
    ) -> Hold:
        """A hold on the officer's footage recorded in [start, end), archived now or later."""
        target = HoldTarget(HoldScope.OFFICER, officer_badge=badge, start=start, end=end)
        return self._set(actor, kind, note, target)

    def set_on_officer_days(
        self, actor: Actor, kind: str, note: str, badge: str, start_text: str, end_text: str
    ) -> Hold:
        """set_on_officer with the range as people type it: days, on the unit's clock."""
        if not start_text.strip() or not end_text.strip():
            raise BadInput("hold_range_needed")
        zone = local_zone(self._ctx.settings)
        start = range_instant(start_text, zone)
        end = range_instant(end_text, zone, end=True)
        return self.set_on_officer(actor, kind, note, badge.strip(), start, end)

    def _set(self, actor: Actor, kind_text: str, note_text: str, target: HoldTarget) -> Hold:
        kind = hold_kind(kind_text)
        # Art. 12(3): the hold says why; a reader of the list must not have to guess.
        note = check_note(note_text, required=True)
        check_target(target)
        with self._ctx.audited(actor, "hold_set", "hold", "-"):
            if not allowed(actor, Action.SET_HOLD):
                raise Refused("permission_denied", action=Action.SET_HOLD.value, role=actor.role)
            store = self._ctx.store
            if target.clip_ids:
                unknown = sorted(target.clip_ids - store.holds.existing_clips(target.clip_ids))
                if unknown:
                    raise Refused("unknown_clip", clip=unknown[0])
            if target.officer_badge is not None and store.people.get(target.officer_badge) is None:
                raise Refused("unknown_badge", badge=target.officer_badge)
            now = self._ctx.clock.now()
            hold_id = store.holds.add(kind, target, note, actor.actor_id, now)
            self._ctx.record(
                actor,
                "hold_set",
                "hold",
                str(hold_id),
                kind=kind.value,
                scope=target.scope.value,
                clips=sorted(target.clip_ids),
                case=target.case_number,
                officer=target.officer_badge,
            )
            return self._stored(hold_id)

    @enforces("12(3)")
    def lift(self, actor: Actor, hold_id: int, second: Actor | None) -> Hold:
        """Lift an active hold: two different people, one a unit head or the bureau head."""
        if not 1 <= hold_id <= _ID_MAX:
            raise BadInput("bad_hold_id")
        with self._ctx.audited(actor, "hold_lift", "hold", str(hold_id)):
            if not allowed(actor, Action.LIFT_HOLD):
                raise Refused("permission_denied", action=Action.LIFT_HOLD.value, role=actor.role)
            store = self._ctx.store
            hold = store.holds.get(hold_id)
            if hold is None:
                raise Refused("unknown_hold", hold=hold_id)
            if not hold.active:
                raise Refused("hold_already_lifted", hold=hold_id)
            first = self._person(actor)
            second_badge = None if second is None else second.actor_id
            second_person = None if second_badge is None else store.people.get(second_badge)
            check_lift(first, second_badge, second_person, self._ctx.settings.unit_code)
            confirmed_by = str(second_badge)
            store.holds.lift(hold_id, actor.actor_id, confirmed_by, self._ctx.clock.now())
            self._ctx.record(actor, "hold_lift", "hold", str(hold_id), confirmed_by=confirmed_by)
            return self._stored(hold_id)

    def listing(self, active_only: bool = False) -> list[Hold]:
        """Every hold, newest first (or only those in force)."""
        return self._ctx.store.holds.listing(active_only)

    def covering(self, clip_id: int) -> list[int]:
        """The active holds that keep one clip."""
        clips = self._ctx.store.holds.held_clips([clip_id])
        if not clips:
            return []
        return holds_covering(self._ctx.store.holds.listing(active_only=True), clips[0])

    def _stored(self, hold_id: int) -> Hold:
        hold = self._ctx.store.holds.get(hold_id)
        if hold is None:
            raise Refused("unknown_hold", hold=hold_id)
        return hold

    def _person(self, actor: Actor) -> Person:
        person = actor.person or self._ctx.store.people.get(actor.actor_id)
        if person is None:
            raise Refused("permission_denied", action=Action.LIFT_HOLD.value, role=actor.role)
        return person
