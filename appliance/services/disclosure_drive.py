"""Provides the export of an approved disclosure onto the registered drive, read back from it.

Art. 11, 13: nothing goes to a party, another body or the public without the bureau head's
approval, and then exactly the approved clips, once. At the kiosk the package goes onto the
unit's registered drive (Art. 12(2): nobody else may copy footage), only if it fits, and is
verified from the drive before anyone is told it may be pulled. The rules are
DisclosureService's; the drive is HandoverDriveService's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from appliance.domain.errors import Refused
from appliance.domain.packages import PackageReport
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.services.disclosure import DisclosureService
from appliance.services.handover import record_refusal
from appliance.services.handover_drive import DockedDrive, HandoverDriveService, space_needed
from appliance.services.packages import SealedPackage

# The audit action an export's refusals are logged under (the CLI's export logs the same).
EXPORT_ACTION = "disclosure_export"


@dataclass(frozen=True)
class ExportedPackage:
    """A disclosure's package on the drive, verified from it."""

    request_id: int
    sealed: SealedPackage
    report: PackageReport
    drive: DockedDrive


class DisclosureDriveService:
    """The kiosk's export: offer the drive, write the approved package to it, read it back."""

    def __init__(
        self, ctx: Context, disclosure: DisclosureService, drives: HandoverDriveService
    ) -> None:
        self._ctx = ctx
        self._disclosure = disclosure
        self._drives = drives

    @property
    def direct(self) -> bool:
        """Whether this process seals and writes itself (the demo); else it asks the service
        (services/disclosure_requests), as the hand-over does (DESIGN §6)."""
        return self._drives.direct

    def offer(self, actor: Actor, timeout: float) -> DockedDrive | None:
        """The next drive docked, for an export: the registered one mounted, a stranger's
        refused and audited (HandoverDriveService.offer); None if none was docked."""
        return self._drives.offer(actor, timeout, Action.EXPORT_DISCLOSURE)

    def write_verified(
        self,
        actor: Actor,
        drive: DockedDrive,
        request_id: int,
        progress: Callable[[int], None] | None = None,
    ) -> ExportedPackage:
        """The approved clips sealed onto the drive, then verified from it.

        Refused before anything is written (and the approval kept) when the request may not
        be exported now, the package does not fit, or this process cannot sign it.
        """
        ident = str(request_id)
        self._disclosure.check_exportable(actor, request_id, EXPORT_ACTION)
        if not self._ctx.audit_signer.can_sign():
            # DESIGN §6: the package is signed with the unit's key, which only the service holds.
            refusal = Refused("disclosure.signed_by_service", request=request_id)
            record_refusal(self._ctx, actor, EXPORT_ACTION, "disclosure", ident, refusal)
            raise refusal
        needed = space_needed(self.payload_bytes(request_id))
        free = self._drives.free_bytes(drive)
        if free < needed:
            refusal = Refused(
                "disclosure.drive_too_small", serial=drive.serial, needed=needed, free=free
            )
            record_refusal(self._ctx, actor, EXPORT_ACTION, "disclosure", ident, refusal)
            raise refusal
        now = self._ctx.clock.now()
        unit = self._ctx.settings.unit_code
        name = f"bwc-disclosure-{unit}-{request_id}-{now:%Y%m%dT%H%M%SZ}"
        sealed = self._disclosure.export(actor, request_id, drive.mount_point / name, progress)
        report = self._drives.verify(actor, drive, sealed, kind="disclosure")
        return ExportedPackage(request_id, sealed, report, drive)

    def payload_bytes(self, request_id: int) -> int:
        """The approved clips' size in all (0 for a request there is not)."""
        request = self._ctx.store.releases.disclosure(request_id)
        if request is None:
            return 0
        return sum(clip.size for clip in self._ctx.store.clips.by_ids(request.clip_ids).values())

    def release(self, drive: DockedDrive) -> None:
        """Flush and unmount the drive, so it may be pulled."""
        self._drives.release(drive)
