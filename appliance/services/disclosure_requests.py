"""Provides the disclosure export the kiosk asks of the service (Art. 11, 13; DESIGN §6).

On the box the kiosk user holds no key and may not mount, so an exporter's kiosk queues the
export of an approved request and the service (`bwc dock`, `bwc label serve`) does it in
their name: it takes the registered drive (shared with the hand-over; a stranger's is refused
and audited), writes exactly the approved clips as a sealed package if they fit, reads it
back from the drive, lets the drive go, and answers on the request row the kiosk reads back.
"""

from __future__ import annotations

from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestKind
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.services.disclosure import DisclosureService
from appliance.services.disclosure_drive import EXPORT_ACTION, DisclosureDriveService
from appliance.services.handover_requests import PROGRESS_STEPS, Answer, HandoverRequests

ASKED_ACTION = "disclosure_export_requested"


class DisclosureRequests:
    """Queue an approved disclosure's export at the kiosk; do it in the service."""

    def __init__(
        self,
        ctx: Context,
        disclosure: DisclosureService,
        drives: DisclosureDriveService,
        handover: HandoverRequests,
    ) -> None:
        self._ctx = ctx
        self._disclosure = disclosure
        self._drives = drives
        # The hand-over's requests hold the registered drive between requests.
        self._handover = handover

    # The kiosk's side.
    def ask_export(self, actor: Actor, disclosure_id: int) -> KioskRequest:
        """Queue the export of an approved request onto the registered drive.

        What export would refuse now (unknown, not approved, used, expired) is refused here,
        at once, in one line, and audited: nothing is queued.
        """
        subject = str(disclosure_id)
        self._disclosure.check_exportable(actor, disclosure_id, ASKED_ACTION)
        with self._ctx.audited(actor, ASKED_ACTION, "disclosure", subject):
            self._ctx.require(actor, Action.EXPORT_DISCLOSURE, "disclosure", subject)
            kind = RequestKind.DISCLOSURE_EXPORT
            request = self._ctx.store.requests.add(
                kind, subject, actor.actor_id, self._ctx.clock.now()
            )
            self._ctx.record(
                actor, ASKED_ACTION, "kiosk_request", str(request.id),
                kind=kind.value, subject=subject,
            )  # fmt: skip
        return request

    # The service's side, in the requester's name; a Refusal is the request's answer.
    def export(self, requester: Actor, request: KioskRequest) -> Answer:
        """The approved package on the drive, verified from it; then the drive goes."""
        disclosure_id = int(request.subject) if request.subject.isdigit() else -1
        # Refused before the drive is taken: a used or expired approval needs no drive.
        self._disclosure.check_exportable(requester, disclosure_id, EXPORT_ACTION)
        held = self._handover.holding
        drive = self._handover.drive(requester, Action.EXPORT_DISCLOSURE, "disclosure.no_drive")
        total = max(1, self._drives.payload_bytes(disclosure_id))
        step = max(1, total // PROGRESS_STEPS)
        shown = [-step]

        def progress(done: int) -> None:
            # A display cache: a row rewritten now and then, no event (store.state).
            if done - shown[0] >= step or done >= total:
                shown[0] = done
                now = self._ctx.clock.now()
                self._ctx.store.requests.set_progress(request.id, done, total, now)

        try:
            exported = self._drives.write_verified(requester, drive, disclosure_id, progress)
        except OSError:
            self._handover.release_drive()  # pulled, or broken: the next takes it afresh
            raise
        finally:
            # Nothing waits for a receipt: the drive goes at once, unless a hand-over took
            # it before and still waits for the collector's receipt.
            if not held:
                self._handover.release_drive()
        return Answer(
            str(exported.sealed.id),
            {
                "request": str(disclosure_id),
                "files": str(exported.report.files),
                "bytes": str(exported.report.payload_bytes),
                "drive": drive.label or drive.serial,
            },
        )
