"""Provides the repository of holds and of the clip facts a hold is judged against."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from peewee import fn

from appliance.domain.holds import HeldClip, Hold, HoldKind, HoldScope, HoldTarget
from appliance.store.models import ClipCaseRow, ClipRow
from appliance.store.models_holds import HoldClipRow, HoldRow
from appliance.store.repo import Repository, instant_or_none, text_or_none
from appliance.store.timefmt import from_text, to_text


class HoldRepository(Repository):
    """Holds as set and lifted; never removed (migration 10's triggers)."""

    def add(self, kind: HoldKind, target: HoldTarget, note: str, by: str, at: datetime) -> int:
        """Store a new hold and the clips it names; return its id."""
        hold_id = int(
            self._run(
                HoldRow.insert(
                    kind=kind.value,
                    scope=target.scope.value,
                    case_number=target.case_number,
                    officer_badge=target.officer_badge,
                    range_start=text_or_none(target.start),
                    range_end=text_or_none(target.end),
                    note=note,
                    set_by=by,
                    set_at=to_text(at),
                )
            )
        )
        if target.clip_ids:
            rows = [{"hold_id": hold_id, "clip_id": clip_id} for clip_id in sorted(target.clip_ids)]
            self._run(HoldClipRow.insert_many(rows))
        return hold_id

    def get(self, hold_id: int) -> Hold | None:
        """One hold, or None."""
        row = self._first(HoldRow.select().where(HoldRow.id == hold_id))
        return None if row is None else self._hold(row, self._clips_of([hold_id]))

    def listing(self, active_only: bool = False) -> list[Hold]:
        """Every hold (or only the active ones), newest first."""
        query = HoldRow.select().order_by(HoldRow.id.desc())
        if active_only:
            query = query.where(HoldRow.lifted_at.is_null())
        rows = self._rows(query)
        clips = self._clips_of(row.id for row in rows)
        return [self._hold(row, clips) for row in rows]

    def lift(self, hold_id: int, by: str, confirmed_by: str, at: datetime) -> bool:
        """Mark an active hold lifted; False when it was not active."""
        changed = self._run(
            HoldRow.update(
                lifted_by=by, lift_confirmed_by=confirmed_by, lifted_at=to_text(at)
            ).where((HoldRow.id == hold_id) & HoldRow.lifted_at.is_null())
        )
        return bool(changed == 1)

    def _clips_of(self, hold_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        ids = list(hold_ids)
        if not ids:
            return {}
        found: dict[int, set[int]] = {}
        query = (
            HoldClipRow.select(HoldClipRow.hold_id, HoldClipRow.clip_id)
            .where(HoldClipRow.hold_id.in_(ids))
            .tuples()
        )
        for hold_id, clip_id in self._rows(query):
            found.setdefault(int(hold_id), set()).add(int(clip_id))
        return {hold_id: frozenset(clips) for hold_id, clips in found.items()}

    @staticmethod
    def _hold(row: HoldRow, clips: dict[int, frozenset[int]]) -> Hold:
        target = HoldTarget(
            HoldScope(row.scope),
            clips.get(row.id, frozenset()),
            row.case_number,
            row.officer_badge,
            instant_or_none(row.range_start),
            instant_or_none(row.range_end),
        )
        return Hold(
            row.id,
            HoldKind(row.kind),
            target,
            row.note,
            row.set_by,
            from_text(row.set_at),
            row.lifted_by,
            row.lift_confirmed_by,
            instant_or_none(row.lifted_at),
        )

    def held_clips(self, clip_ids: Iterable[int] | None = None) -> list[HeldClip]:
        """What a hold is judged against, for these clips (every clip when None), by id."""
        query = ClipRow.select(
            ClipRow.id,
            ClipRow.holder_badge,
            fn.coalesce(ClipRow.recorded_at, ClipRow.archived_at).alias("when"),
        )
        cases = ClipCaseRow.select(ClipCaseRow.clip_id, ClipCaseRow.case_number)
        if clip_ids is not None:
            ids = sorted(set(clip_ids))
            query = query.where(ClipRow.id.in_(ids))
            cases = cases.where(ClipCaseRow.clip_id.in_(ids))
        filed: dict[int, set[str]] = {}
        for clip_id, number in self._rows(cases.tuples()):
            filed.setdefault(int(clip_id), set()).add(str(number))
        return [
            HeldClip(int(clip_id), holder, from_text(str(when)), frozenset(filed.get(clip_id, ())))
            for clip_id, holder, when in self._rows(query.order_by(ClipRow.id).tuples())
        ]

    def existing_clips(self, clip_ids: Iterable[int]) -> set[int]:
        """Which of these clip ids name a clip."""
        ids = sorted(set(clip_ids))
        query = ClipRow.select(ClipRow.id).where(ClipRow.id.in_(ids)).tuples()
        return {int(clip_id) for (clip_id,) in self._rows(query)}
