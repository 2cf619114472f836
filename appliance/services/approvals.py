"""Provides what the bureau head reads before deciding a disclosure at the kiosk (Art. 11, 13).

Read-only: the decision itself is DisclosureService's (approve, refuse), whose rules this never
repeats. A request this person may not decide carries the refusal the service would give, so
the screen says why before anyone presses a button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import (
    APPROVAL_LIFETIME,
    Disclosure,
    DisclosureState,
    check_decision,
)
from appliance.domain.errors import Refused
from appliance.domain.footage import ArchivedClip
from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action, Role
from appliance.services.context import Context
from appliance.services.thumbnails import ThumbnailService

# The classes an approval must name for their clips to go out (Art. 3; DESIGN §10).
NAMEABLE = (Classification.PRIVACY, Classification.TRADE_SECRET)


@dataclass(frozen=True)
class PendingRequest:
    """A request waiting for a bureau head, with its requester in words."""

    request: Disclosure
    requester: Person | None
    # Until when an approval given now could be used (7 days, DESIGN §10).
    approval_until: datetime


@dataclass(frozen=True)
class ClipForDecision:
    """One clip of a request as the bureau head sees it (the kiosk plays no video)."""

    clip: ArchivedClip
    classification: Classification
    officer: Person | None
    pictures: tuple[Path, ...]


@dataclass(frozen=True)
class RequestForDecision:
    """A request with its clips, the classes an approval would name, and why this person may
    not decide it (None when they may)."""

    pending: PendingRequest
    clips: tuple[ClipForDecision, ...]
    nameable: tuple[Classification, ...]
    blocked: Refused | None


class ApprovalQueries:
    """The bureau head's list of pending requests and one request's clips."""

    def __init__(self, ctx: Context, thumbnails: ThumbnailService) -> None:
        self._ctx = ctx
        self._thumbnails = thumbnails

    def pending(self, actor: Actor) -> list[PendingRequest]:
        """Every pending request, oldest first (the longest waiting is decided first)."""
        self._ctx.require(actor, Action.APPROVE_DISCLOSURE, "disclosure", "pending")
        requests = [
            request
            for request in self._ctx.store.releases.disclosures()
            if request.state is DisclosureState.PENDING
        ]
        return [self._pending(request) for request in sorted(requests, key=lambda r: r.id)]

    def request(self, actor: Actor, request_id: int) -> RequestForDecision:
        """One request for a decision; its clips in the order they were named."""
        self._ctx.require(actor, Action.APPROVE_DISCLOSURE, "disclosure", str(request_id))
        found = self._ctx.store.releases.disclosure(request_id)
        if found is None:
            raise Refused("disclosure.unknown_request", request=request_id)
        classes = self._ctx.store.releases.classes(found.clip_ids)
        rows = self._ctx.store.clips.by_ids(found.clip_ids)
        clips = []
        for clip_id in found.clip_ids:
            row = rows.get(clip_id)
            if row is None:
                continue
            officer = self._ctx.store.people.get(row.holder_badge) if row.holder_badge else None
            cls = classes.get(clip_id, Classification.NORMAL)
            clips.append(ClipForDecision(row, cls, officer, self._thumbnails.of_clip(row)))
        present = {clip.classification for clip in clips}
        blocked = None
        try:
            # The very rule approve() and refuse() apply (Art. 13): nothing is decided here.
            check_decision(found, actor.actor_id, Role(actor.role))
        except Refused as refusal:
            blocked = refusal
        return RequestForDecision(
            self._pending(found),
            tuple(clips),
            tuple(cls for cls in NAMEABLE if cls in present),
            blocked,
        )

    def _pending(self, request: Disclosure) -> PendingRequest:
        requester = self._ctx.store.people.get(request.requested_by)
        return PendingRequest(request, requester, self._ctx.clock.now() + APPROVAL_LIFETIME)
