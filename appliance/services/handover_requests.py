"""Provides the hand-over the kiosk asks of the service: the drive, the package, the receipt.

Art. 12(2), DESIGN §6: on the box the kiosk user holds no key and may not mount, so the
collector's kiosk queues requests and the service (`bwc dock`, as the service user) does the
work: it takes the registered drive (a stranger's is refused and audited, as at the kiosk),
writes the week's sealed package, reads it back from the drive, and keeps the drive mounted
until the collector gives the receipt or leaves. Each step is the hand-over service's own,
in the collector's name; the answers go on the request rows the kiosk reads back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from appliance.domain.errors import Refusal, Refused
from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestKind
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.services.handover_drive import DockedDrive, HandoverDriveService
from appliance.services.packages import SealedPackage

# The progress row is rewritten each time this share of the package more is written.
PROGRESS_STEPS = 100
# How many dock events one request looks through for the drive: a pull and a plug-in queued
# since the last look are two, and a stranger's drive beside the unit's another.
MAX_LOOKS = 16


@dataclass(frozen=True)
class Answer:
    """What the service says when it did what was asked: the result and its words' values."""

    result: str
    params: Mapping[str, str]


class HandoverRequests:
    """Queue the collector's hand-over steps at the kiosk; do them in the service."""

    def __init__(self, ctx: Context, drives: HandoverDriveService) -> None:
        self._ctx = ctx
        self._drives = drives
        # In the service process only: the drive it mounted, and the packages written to it.
        self._held: DockedDrive | None = None
        self._written: dict[int, SealedPackage] = {}

    # The kiosk's side.
    def ask_write(self, actor: Actor, week: str) -> KioskRequest:
        """Queue the week's package onto the registered drive (the collector, Art. 12(2))."""
        return self._ask(actor, RequestKind.HANDOVER_WRITE, week, "handover", week)

    def ask_receipt(self, actor: Actor, package_id: int) -> KioskRequest:
        """Queue the collector's receipt of the package the service wrote."""
        subject = str(package_id)
        return self._ask(actor, RequestKind.HANDOVER_RECEIPT, subject, "package", subject)

    def ask_release(self, actor: Actor, package_id: int | None) -> KioskRequest:
        """Queue the drive's release (the collector leaves without a receipt)."""
        subject = "" if package_id is None else str(package_id)
        return self._ask(actor, RequestKind.HANDOVER_RELEASE, subject, "handover", "drive")

    def _ask(
        self, actor: Actor, kind: RequestKind, subject: str, object_type: str, object_id: str
    ) -> KioskRequest:
        with self._ctx.audited(actor, "handover_requested", object_type, object_id):
            self._ctx.require(actor, Action.RECEIVE_HANDOVER, object_type, object_id)
            request = self._ctx.store.requests.add(
                kind, subject, actor.actor_id, self._ctx.clock.now()
            )
            self._ctx.record(
                actor, "handover_requested", "kiosk_request", str(request.id),
                kind=kind.value, subject=subject,
            )  # fmt: skip
        return request

    # The service's side: each in the requester's name; a Refusal is the request's answer.
    def write(self, requester: Actor, request: KioskRequest) -> Answer:
        """The package on the drive and verified from it; the drive stays for the receipt."""
        drive = self.drive(requester)
        total = max(1, self._drives.due_now(requester).bytes)
        step = max(1, total // PROGRESS_STEPS)
        shown = [-step]

        def progress(done: int) -> None:
            # A display cache: a row rewritten now and then, no event (store.state).
            if done - shown[0] >= step or done >= total:
                shown[0] = done
                now = self._ctx.clock.now()
                self._ctx.store.requests.set_progress(request.id, done, total, now)

        try:
            sealed, report = self._drives.write_verified(requester, drive, progress)
        except OSError:
            self._held = None  # pulled, or broken: the next request takes the drive afresh
            raise
        self._written[sealed.id] = sealed
        return Answer(
            str(sealed.id),
            {
                "files": str(report.files),
                "bytes": str(report.payload_bytes),
                "drive": drive.label or drive.serial,
            },
        )

    def receipt(self, requester: Actor, request: KioskRequest) -> Answer:
        """The collector's receipt of the package on the drive; then the drive goes."""
        sealed = self._on_drive(requester, _number(request.subject))
        package_id, clips = self._drives.receipt(requester, sealed)
        self._written.pop(package_id, None)
        self.release_drive()
        return Answer(str(package_id), {"clips": str(len(clips))})

    def release(self, _requester: Actor, request: KioskRequest) -> Answer:
        """Let the drive go: flushed and unmounted, so it may be pulled."""
        self._written.pop(_number(request.subject), None)
        self.release_drive()
        return Answer("", {})

    def _on_drive(self, requester: Actor, package_id: int) -> SealedPackage:
        """The package as written here, else as the box recorded it, on the docked drive
        (the service restarted, or `bwc label serve` answers by hand in a new process)."""
        sealed = self._written.get(package_id)
        if sealed is not None:
            return sealed
        record = self._ctx.store.releases.package(package_id)
        # The name is the box's own (services/handover_drive), never a path: checked anyway.
        if record is None or record.kind != "handover" or not _plain(record.name):
            raise Refused("handover.package_not_found", package=package_id)
        drive = self.drive(requester)
        return SealedPackage(
            record.id,
            drive.mount_point / record.name,
            record.signature_sha256,
            record.clips,
            record.bytes,
        )

    @property
    def holding(self) -> bool:
        """Whether a drive is held mounted since an earlier request (a package awaits its
        receipt)."""
        return self._held is not None

    def drive(
        self,
        requester: Actor,
        action: Action = Action.RECEIVE_HANDOVER,
        missing: str = "handover.no_drive",
    ) -> DockedDrive:
        """The drive held since the last request, else the registered one docked now.

        Shared by every request that writes to the registered drive: the hand-over (Art.
        12(2)) and a disclosure's export (Art. 11, 13); action is what the requester must be
        allowed to take it, missing the reason when no registered drive is docked.
        """
        if self._held is not None:
            return self._held
        refused: Refusal | None = None
        for _ in range(MAX_LOOKS):
            try:
                drive = self._drives.offer(requester, 0.0, action)
            except Refusal as refusal:  # a stranger's drive: refused and audited by offer
                refused = refusal
                continue
            # None is also a drive pulled (an event that offers nothing): look on.
            if drive is not None:
                self._held = drive
                return drive
        raise refused or Refused(missing)

    def release_drive(self) -> None:
        """Flush and unmount the drive held, if any, so it may be pulled."""
        drive, self._held = self._held, None
        if drive is not None:
            self._drives.release(drive)


def _number(subject: str) -> int:
    return int(subject) if subject.isdigit() else -1


def _plain(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\x00" not in name
