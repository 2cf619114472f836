"""Provides the bureau's search: clips by unit, officer, case and day, across every unit and
year held (Art. 8: footage is kept day by day and case by case), shown as the class allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from appliance.domain.bureau import BureauAction, BureauClip, ClipQuery
from appliance.domain.confidentiality import Classification, Use, Verdict, verdict
from appliance.domain.errors import BadInput
from appliance.domain.records import Actor
from appliance.domain.roles import Role
from appliance.services.bureau_context import BureauContext

CLIP_LIMIT_MAX = 10_000


@dataclass(frozen=True)
class ShownClip:
    """A clip as one person may see it: a restricted one says only that it exists (Art. 3)."""

    clip: BureauClip
    restricted: bool


def _day(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise BadInput("bureau.bad_day", day=text) from None


def _classification(text: str) -> Classification:
    try:
        return Classification(text)
    except ValueError:
        return Classification.STATE_SECRET  # a class nobody knows is treated as the tightest


class BureauClips:
    """Finds clips across units for the collector, a bureau head or the audit office."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def find(
        self,
        actor: Actor,
        unit: str | None = None,
        officer: str | None = None,
        case: str | None = None,
        day_from: str | None = None,
        day_to: str | None = None,
        limit: int = 200,
    ) -> list[ShownClip]:
        """The clips that match every criterion given, newest day first."""
        self._ctx.require(actor, BureauAction.LIST_CLIPS, "clip", "search")
        if not 0 < limit <= CLIP_LIMIT_MAX:
            raise BadInput("bureau.bad_limit", limit=limit, most=CLIP_LIMIT_MAX)
        query = ClipQuery(unit, officer, case, _day(day_from), _day(day_to), limit)
        if query.day_from and query.day_to and query.day_from > query.day_to:
            raise BadInput("bureau.days_reversed", start=query.day_from, end=query.day_to)
        role = Role(actor.role)
        shown = []
        for clip in self._ctx.store.clips(query):
            answer = verdict(role, _classification(clip.classification), Use.LIST)
            if answer is Verdict.HIDDEN:
                continue
            shown.append(ShownClip(clip, answer is Verdict.RESTRICTED))
        return shown
