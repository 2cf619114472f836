"""Provides the kiosk's requests to the service: labels, the hand-over, exports, discs (§6).

The kiosk queues the request (a label: the admin or a unit head, MANAGE_DEVICES; the
hand-over: the information collector, services/handover_requests; a disclosure's export:
whoever may export, services/disclosure_requests; an evidence disc: the unit head,
services/disc_requests); the service (`bwc dock` on
the box, `bwc label serve` by hand) does it in the requester's name, or refuses it with the
reason; the kiosk reads the answer back from the row. Every step is in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from appliance.domain.errors import Refusal, Refused
from appliance.domain.records import Actor
from appliance.domain.requests import (
    LABEL_OF,
    KioskRequest,
    RequestEvent,
    RequestKind,
    RequestState,
    label_request,
    next_state,
)
from appliance.domain.roles import Action
from appliance.domain.scan import CodeKind
from appliance.services.auth import actor_of
from appliance.services.context import Context
from appliance.services.disc_requests import DiscRequests
from appliance.services.disclosure_requests import DisclosureRequests
from appliance.services.handover_requests import Answer, HandoverRequests
from appliance.services.labels import LabelService

LABELS_MODE = 0o750

# Why a request was not done when the disk (or the drive) failed under it.
_IO_REASON: Mapping[RequestKind, str] = {
    RequestKind.LABEL_DEVICE: "request_label_unwritable",
    RequestKind.LABEL_BADGE: "request_label_unwritable",
    RequestKind.HANDOVER_WRITE: "handover.drive_unreadable",
    RequestKind.HANDOVER_RECEIPT: "handover.drive_unreadable",
    RequestKind.HANDOVER_RELEASE: "handover.drive_unreadable",
    RequestKind.DISCLOSURE_EXPORT: "disclosure.drive_failed",
    RequestKind.DISC_BURN: "disc.disk_failed",
}


class KioskRequestService:
    """Queue a request at the kiosk; answer the queue in the service."""

    def __init__(
        self,
        ctx: Context,
        labels: LabelService,
        handover: HandoverRequests,
        disclosure: DisclosureRequests,
        disc: DiscRequests,
    ) -> None:
        self._ctx = ctx
        self._labels = labels
        self.handover = handover
        self.disclosure = disclosure
        # Art. 12(4): the unit head's evidence disc of a case.
        self.disc = disc
        self._handlers: Mapping[RequestKind, Callable[[Actor, KioskRequest], Answer]] = {
            RequestKind.LABEL_DEVICE: self._label,
            RequestKind.LABEL_BADGE: self._label,
            RequestKind.HANDOVER_WRITE: handover.write,
            RequestKind.HANDOVER_RECEIPT: handover.receipt,
            RequestKind.HANDOVER_RELEASE: handover.release,
            RequestKind.DISCLOSURE_EXPORT: disclosure.export,
            RequestKind.DISC_BURN: disc.burn,
        }

    @property
    def labels_dir(self) -> Path:
        """Where the service writes the labels it was asked for."""
        return self._ctx.settings.exports_dir / "labels"

    def ask_label(self, actor: Actor, kind: CodeKind, value: str) -> KioskRequest:
        """Queue a label for a registered badge or recorder; the service signs and prints it."""
        request_kind = label_request(kind)
        object_type = "person" if kind is CodeKind.BADGE else "recorder"
        with self._ctx.audited(actor, "label_requested", object_type, value):
            self._ctx.require(actor, Action.MANAGE_DEVICES, object_type, value)
            registered = (
                self._ctx.store.people.get(value)
                if kind is CodeKind.BADGE
                else self._ctx.store.recorders.get(value)
            )
            if registered is None and kind is CodeKind.BADGE:
                raise Refused("unknown_badge")
            if registered is None:
                raise Refused("unknown_recorder", serial=value)
            request = self._ctx.store.requests.add(
                request_kind, value, actor.actor_id, self._ctx.clock.now()
            )
            self._ctx.record(
                actor, "label_requested", "kiosk_request", str(request.id),
                kind=request_kind.value, subject=value,
            )  # fmt: skip
        return request

    def get(self, request_id: int) -> KioskRequest:
        """One request as it stands; Refused if there is none of that number."""
        request = self._ctx.store.requests.get(request_id)
        if request is None:
            raise Refused("unknown_request", request=request_id)
        return request

    def progress(self, request_id: int) -> tuple[int, int] | None:
        """(bytes written, bytes in all) of a request that writes, once it has begun."""
        return self._ctx.store.requests.progress(request_id)

    def can_serve(self) -> bool:
        """Whether this process holds the unit's keys (the service does; the kiosk never)."""
        return self._ctx.label_signer.can_sign() and self._ctx.audit_signer.can_sign()

    def serve(self, actor: Actor) -> list[KioskRequest]:
        """Answer every queued request, oldest first; the answers. Nothing if no key here."""
        if not self.can_serve():
            return []
        answered = []
        for request in self._ctx.store.requests.queued():
            answered.append(self._answer(actor, request))
        return answered

    def _answer(self, actor: Actor, request: KioskRequest) -> KioskRequest:
        result, reason, params = "", "", {}
        try:
            requester = self._ctx.store.people.get(request.requested_by)
            if requester is None or not requester.active:
                raise Refused("request_requester_gone", badge=request.requested_by)
            # In the requester's name: the permission is theirs, the key the service's.
            answer = self._handlers[request.kind](actor_of(requester), request)
            event, result, params = RequestEvent.DO, answer.result, dict(answer.params)
        except Refusal as refusal:
            event, reason = RequestEvent.REFUSE, refusal.reason
            params = {name: str(value) for name, value in sorted(refusal.params.items())}
        except OSError as exc:
            # A full disk or a pulled drive costs this request, never the service's loop.
            event, reason = RequestEvent.REFUSE, _IO_REASON[request.kind]
            params = {"error": exc.strerror or type(exc).__name__}
        state = next_state(request.state, event)
        now = self._ctx.clock.now()
        with self._ctx.store.transaction():
            self._ctx.store.requests.finish(request.id, state, now, result, reason, params)
            outcome = "refused" if state is RequestState.REFUSED else "ok"
            self._ctx.record(
                actor, "request_answered", "kiosk_request", str(request.id), outcome,
                kind=request.kind.value, subject=request.subject, result=result, reason=reason,
            )  # fmt: skip
        return self.get(request.id)

    def _label(self, requester: Actor, request: KioskRequest) -> Answer:
        """The label signed and written under exports/labels/ (the requester may: checked)."""
        self.labels_dir.mkdir(mode=LABELS_MODE, parents=True, exist_ok=True)
        kind = LABEL_OF[request.kind]
        # The subject was checked when queued: a serial or a badge, never a path.
        out = self.labels_dir / f"{request.id:06d}-{kind.name.lower()}-{request.subject}.png"
        self._labels.write(requester, kind, request.subject, out)
        return Answer(str(out), {})
