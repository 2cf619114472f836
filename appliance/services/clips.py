"""Provides the listing of archived clips, their filing by case (Art. 8) and classes (Art. 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from appliance.domain.articles import enforces
from appliance.domain.confidentiality import Classification, Use, Verdict, verdict
from appliance.domain.errors import Refused
from appliance.domain.filing import check_case_number, filing_permission
from appliance.domain.footage import ArchivedClip
from appliance.domain.records import Actor
from appliance.domain.roles import Action, Role
from appliance.services.context import Context

# How many of the newest clips the kiosk's classes screen lists; older ones: `clips classify`.
CLASSIFY_LISTED = 200


@dataclass(frozen=True)
class ClassedClip:
    """A clip and its confidentiality class (`normal` when never set)."""

    clip: ArchivedClip
    classification: Classification


class ClipService:
    """Finds clips by day, officer or case, and files them under a case number."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def listing(
        self,
        day: str | None = None,
        holder_badge: str | None = None,
        case_number: str | None = None,
        job_id: int | None = None,
    ) -> list[ArchivedClip]:
        """Clips matching every given filter, in recording order."""
        return self._ctx.store.clips.listing(day, holder_badge, case_number, job_id)

    def get(self, clip_id: int) -> ArchivedClip | None:
        """One clip, with the cases it is filed under."""
        return self._ctx.store.clips.get(clip_id)

    def unfiled(self, holder_badge: str) -> list[ArchivedClip]:
        """A holder's clips not yet filed under any case (the filing screen's list)."""
        return [c for c in self._ctx.store.clips.listing(holder_badge=holder_badge) if not c.cases]

    @enforces("8")
    def file(self, actor: Actor, clip_ids: Sequence[int], case_number: str) -> list[int]:
        """File clips under a case, all or none; returns the ids newly filed.

        The holder files their own clips, a unit head anyone's in the unit (Art. 7, 8);
        a refusal changes nothing and is audited.
        """
        number = check_case_number(case_number)
        ids = sorted(set(clip_ids))
        newly: list[int] = []
        with self._ctx.audited(actor, "file_clip", "case", number):
            try:
                role = Role(actor.role)
            except ValueError:
                raise Refused("permission_denied", action="file_clip", role=actor.role) from None
            now = self._ctx.clock.now()
            for clip_id in ids:
                clip = self._ctx.store.clips.get(clip_id)
                if clip is None:
                    raise Refused("unknown_clip", clip=clip_id)
                used = filing_permission(
                    actor.actor_id, role, actor.unit_code, clip.holder_badge, clip.unit_code
                )
                cls = self._ctx.store.releases.classes([clip_id]).get(clip_id)
                # Art. 3: a state secret is filed only by those who may see it.
                if cls and verdict(role, cls, Use.FILE) is Verdict.REFUSED:
                    raise Refused("clip_class_forbids", clip=clip_id)
                if self._ctx.store.clips.file_case(clip_id, number, actor.actor_id, now):
                    newly.append(clip_id)
                    self._ctx.record(
                        actor,
                        "file_clip",
                        "clip",
                        str(clip_id),
                        case=number,
                        holder=clip.holder_badge,
                        on_behalf=used.value == "file_clip_for_other",
                    )
        return newly

    @enforces("3")
    def classify(self, actor: Actor, clip_ids: Sequence[int], cls: Classification) -> list[int]:
        """Art. 3: the unit head sets the class of clips, all or none; the ids changed."""
        self._ctx.require(actor, Action.CLASSIFY_CLIP, "clip", ",".join(map(str, clip_ids)))
        changed: list[int] = []
        with self._ctx.audited(actor, "clip_classify", "clip", cls.value):
            now = self._ctx.clock.now()
            for clip_id in sorted(set(clip_ids)):
                if self._ctx.store.clips.get(clip_id) is None:
                    raise Refused("unknown_clip", clip=clip_id)
                if self._ctx.store.releases.set_class(clip_id, cls, actor.actor_id, now):
                    changed.append(clip_id)
                    self._ctx.record(
                        actor, "clip_classify", "clip", str(clip_id), classification=cls.value
                    )
        return changed

    def classified(self, limit: int = CLASSIFY_LISTED) -> list[ClassedClip]:
        """The clips recorded last with their classes (the unit head's kiosk screen, Art. 3)."""
        clips = self._ctx.store.clips.newest(limit)
        known = self._ctx.store.releases.classes(c.id for c in clips)
        return [ClassedClip(c, known.get(c.id, Classification.NORMAL)) for c in clips]

    def newest(
        self, limit: int = CLASSIFY_LISTED, holder_badge: str | None = None
    ) -> list[ArchivedClip]:
        """The clips recorded last (of one holder, if given), newest first."""
        return self._ctx.store.clips.newest(limit, holder_badge)

    def classes(self, clip_ids: Sequence[int]) -> dict[int, Classification]:
        """Each clip's class (`normal` when never set)."""
        known = self._ctx.store.releases.classes(clip_ids)
        return {i: known.get(i, Classification.NORMAL) for i in clip_ids}
