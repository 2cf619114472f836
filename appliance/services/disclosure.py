"""Provides disclosure with approval: request, a bureau head's decision, one export (Art. 13)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.articles import enforces
from appliance.domain.confidentiality import Classification, may_disclose
from appliance.domain.disclosure import (
    APPROVAL_LIFETIME,
    REASON_LIMIT,
    RECIPIENT_LIMIT,
    Disclosure,
    DisclosureState,
    check_decision,
    check_export,
    check_text,
    items_digest,
)
from appliance.domain.errors import Refusal, Refused
from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action, Role
from appliance.services.context import Context
from appliance.services.handover import record_refusal
from appliance.services.packages import PackageService, SealedPackage


@dataclass(frozen=True)
class ExportableRequest:
    """An approved request that may be exported now, with what the kiosk says of it."""

    request: Disclosure
    # The bureau head who approved it (None if no longer registered).
    approver: Person | None
    # The approved clips' size in all: what the drive must take.
    bytes: int


class DisclosureService:
    """Every step audited; every refusal changes nothing and is in the log (DESIGN §10)."""

    def __init__(self, ctx: Context, packages: PackageService) -> None:
        self._ctx = ctx
        self._packages = packages

    def listing(self) -> list[Disclosure]:
        """Every request, newest first (what it names, never the footage)."""
        return self._ctx.store.releases.disclosures()

    def exportable(self, actor: Actor) -> list[ExportableRequest]:
        """The approved requests not yet exported and not expired, the first to expire first.

        Art. 11, 13: what an exporter may write out at the kiosk now; each passes the very
        check export() applies (nothing is exported here).
        """
        self._ctx.require(actor, Action.EXPORT_DISCLOSURE, "disclosure", "exportable")
        now = self._ctx.clock.now()
        found = []
        for request in self._ctx.store.releases.disclosures():
            try:
                check_export(request, now)
            except Refused:
                continue
            found.append(request)
        found.sort(key=lambda r: (r.expires_at or now, r.id))
        sizes = self._ctx.store.clips.by_ids(c for r in found for c in r.clip_ids)
        people = self._ctx.store.people
        return [
            ExportableRequest(
                request,
                people.get(request.decided_by) if request.decided_by else None,
                sum(sizes[c].size for c in request.clip_ids if c in sizes),
            )
            for request in found
        ]

    def check_exportable(self, actor: Actor, request_id: int, action: str) -> Disclosure:
        """The request, if export() would take it now; else refused at once and audited
        under action (the kiosk asks before a drive is taken or a request queued)."""
        with self._ctx.audited(actor, action, "disclosure", str(request_id)):
            self._ctx.require(actor, Action.EXPORT_DISCLOSURE, "disclosure", str(request_id))
            request = self._request_of(request_id)
            check_export(request, self._ctx.clock.now())
        return request

    def _request_of(self, request_id: int) -> Disclosure:
        found = self._ctx.store.releases.disclosure(request_id)
        if found is None:
            raise Refused("disclosure.unknown_request", request=request_id)
        return found

    def _classes(self, clip_ids: Sequence[int]) -> dict[int, Classification]:
        known = self._ctx.store.releases.classes(clip_ids)
        return {i: known.get(i, Classification.NORMAL) for i in clip_ids}

    def request(
        self, actor: Actor, clip_ids: Sequence[int], recipient: str, reason: str
    ) -> Disclosure:
        """A request names the clips, the recipient and the reason (Art. 11)."""
        self._ctx.require(actor, Action.REQUEST_DISCLOSURE, "disclosure", "new")
        ids = sorted(set(clip_ids))
        with self._ctx.audited(actor, "disclosure_request", "disclosure", "new"):
            to = check_text(recipient, RECIPIENT_LIMIT, "disclosure.bad_recipient")
            why = check_text(reason, REASON_LIMIT, "disclosure.bad_reason")
            for clip_id in ids:
                if self._ctx.store.clips.get(clip_id) is None:
                    raise Refused("unknown_clip", clip=clip_id)
            self._check_not_deleted(ids)
            for clip_id, cls in self._classes(ids).items():
                if cls is Classification.STATE_SECRET:
                    raise Refused("disclosure.state_secret", clip=clip_id)
            digest = items_digest(ids)
            request_id = self._ctx.store.releases.add_disclosure(
                actor.actor_id, self._ctx.clock.now(), to, why, digest, ids
            )
            self._ctx.record(
                actor,
                "disclosure_request",
                "disclosure",
                str(request_id),
                clips=ids,
                items_sha256=digest,
                recipient=to,
                reason=why,
            )
        return self._request_of(request_id)

    def _check_not_deleted(self, clip_ids: Sequence[int]) -> None:
        """A clip the retention rule deleted has only its tombstone left (DESIGN §11)."""
        gone = self._ctx.store.retention.tombstoned_clips() & set(clip_ids)
        if gone:
            raise Refused("clip_deleted_by_rule", clip=min(gone))

    @enforces("13")
    def approve(
        self, actor: Actor, request_id: int, named: frozenset[Classification] = frozenset()
    ) -> Disclosure:
        """Art. 13: a bureau head other than the requester, for exactly this item set.

        A privacy or trade-secret clip goes out only when the approval names its class.
        """
        self._ctx.require(actor, Action.APPROVE_DISCLOSURE, "disclosure", str(request_id))
        with self._ctx.audited(actor, "disclosure_approve", "disclosure", str(request_id)):
            request = self._request_of(request_id)
            check_decision(request, actor.actor_id, Role(actor.role))
            # The set asked for is the set approved: one changed since is not this request.
            if items_digest(request.clip_ids) != request.items_sha256:
                raise Refused("disclosure.items_changed", request=request_id)
            for clip_id, cls in self._classes(request.clip_ids).items():
                if not may_disclose(cls, named):
                    raise Refused(
                        "disclosure.class_not_named", clip=clip_id, classification=cls.value
                    )
            now = self._ctx.clock.now()
            digest = items_digest(request.clip_ids)
            self._ctx.store.releases.decide(
                request_id,
                DisclosureState.APPROVED,
                actor.actor_id,
                now,
                named=named,
                approved_items_sha256=digest,
                expires_at=now + APPROVAL_LIFETIME,
            )
            self._ctx.record(
                actor,
                "disclosure_approve",
                "disclosure",
                str(request_id),
                items_sha256=digest,
                named_classes=sorted(c.value for c in named),
                expires_at=(now + APPROVAL_LIFETIME).isoformat(),
            )
        return self._request_of(request_id)

    def refuse(self, actor: Actor, request_id: int, note: str) -> Disclosure:
        """A bureau head other than the requester says no, with the reason."""
        self._ctx.require(actor, Action.APPROVE_DISCLOSURE, "disclosure", str(request_id))
        with self._ctx.audited(actor, "disclosure_refuse", "disclosure", str(request_id)):
            why = check_text(note, REASON_LIMIT, "disclosure.bad_reason")
            request = self._request_of(request_id)
            check_decision(request, actor.actor_id, Role(actor.role))
            self._ctx.store.releases.decide(
                request_id, DisclosureState.REFUSED, actor.actor_id, self._ctx.clock.now(), why
            )
            self._ctx.record(
                actor, "disclosure_refuse", "disclosure", str(request_id), reason_given=why
            )
        return self._request_of(request_id)

    @enforces("11", "13")
    def export(
        self,
        actor: Actor,
        request_id: int,
        out: Path,
        progress: Callable[[int], None] | None = None,
    ) -> SealedPackage:
        """Write exactly the approved clips as a sealed package, once (the approval is used
        before the package is written: a failed write never leaves it usable again).

        progress, if given, hears the payload bytes written so far.
        """
        self._ctx.require(actor, Action.EXPORT_DISCLOSURE, "disclosure", str(request_id))
        ident = str(request_id)
        with self._ctx.audited(actor, "disclosure_export", "disclosure", ident):
            request = self._request_of(request_id)
            check_export(request, self._ctx.clock.now())
            for clip_id, cls in self._classes(request.clip_ids).items():
                if not may_disclose(cls, request.named_classes):
                    raise Refused(
                        "disclosure.class_not_named", clip=clip_id, classification=cls.value
                    )
            clips = [self._ctx.store.clips.get(clip_id) for clip_id in request.clip_ids]
            if any(clip is None for clip in clips):
                raise Refused("disclosure.items_changed", request=request_id)
            self._check_not_deleted(request.clip_ids)
            if out.exists() or out.is_symlink():
                raise Refused("package.out_exists", path=str(out))
            self._ctx.store.releases.mark_exported(request_id, None, self._ctx.clock.now())
            self._ctx.record(
                actor,
                "disclosure_export",
                "disclosure",
                ident,
                "started",
                items_sha256=request.items_sha256,
                to=str(out),
            )
        try:
            sealed = self._packages.seal(
                actor,
                "disclosure",
                f"request {request_id}",
                [c for c in clips if c],
                out,
                progress,
            )
        except Refusal as refusal:
            record_refusal(self._ctx, actor, "disclosure_export", "disclosure", ident, refusal)
            raise
        with self._ctx.store.transaction():
            self._ctx.store.releases.mark_exported(request_id, sealed.id, self._ctx.clock.now())
            self._ctx.record(
                actor,
                "disclosure_export",
                "disclosure",
                ident,
                package=sealed.id,
                signature_sha256=sealed.signature_sha256,
                clips=list(request.clip_ids),
            )
        return sealed
