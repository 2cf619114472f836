"""Provides the hand-over at the kiosk: the registered drive, the package on it, read back.

Art. 12(2): the week's footage goes to the information collector, on a drive registered by
serial in kiosk.toml; any other drive is refused and audited. The package is sealed by the
hand-over service; here it is written to the drive only if it fits, then verified from the
drive before the collector gives the receipt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.errors import Refusal, Refused
from appliance.domain.packages import PackageFault, PackageReport, parse_week
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.ports import DockEvent, DriveDock, PackageReader
from appliance.safe_text import printable
from appliance.services.context import Context
from appliance.services.handover import HandoverService, record_refusal
from appliance.services.packages import SealedPackage

# Room kept beyond the payload: the tag files, the audit slice, the file system's own blocks.
SPACE_MARGIN_BYTES = 16 * 1024 * 1024
SPACE_MARGIN_RATIO = 0.01


@dataclass(frozen=True)
class DockedDrive:
    """A registered hand-over drive, mounted writable."""

    serial: str
    label: str
    free_bytes: int
    mount_point: Path
    event: DockEvent


@dataclass(frozen=True)
class DueGroup:
    """The clips due of one day and officer (Art. 8: footage is kept by day and officer)."""

    day: str
    officer_badge: str | None
    officer_name: str
    clips: int
    bytes: int


@dataclass(frozen=True)
class DueSummary:
    """What a hand-over today takes: the week, and the clips not yet received up to its end."""

    week: str
    clips: int
    bytes: int
    groups: tuple[DueGroup, ...] = ()


def space_needed(payload_bytes: int) -> int:
    """The free space a package of that payload needs on the drive."""
    return payload_bytes + max(SPACE_MARGIN_BYTES, int(payload_bytes * SPACE_MARGIN_RATIO))


class HandoverDriveService:
    """The kiosk's hand-over: offer the drive, write the week's package to it, read it back."""

    def __init__(
        self, ctx: Context, handover: HandoverService, dock: DriveDock, reader: PackageReader
    ) -> None:
        self._ctx = ctx
        self._handover = handover
        self._dock = dock
        self._reader = reader

    @property
    def direct(self) -> bool:
        """Whether this process seals and writes the package itself (the demo, the console).

        On the box the kiosk cannot (no key, no mount: DESIGN §6) and asks the service
        instead (services/handover_requests).
        """
        return self._ctx.audit_signer.can_sign()

    def due_now(self, actor: Actor) -> DueSummary:
        """The week a hand-over today takes and what is due up to its end."""
        week = self._handover.last_week()
        due = self._handover.due(actor, parse_week(week)[1])
        sizes: dict[tuple[str, str | None], list[int]] = {}
        for item in due:
            sizes.setdefault((item.clip.day, item.clip.holder_badge), []).append(item.clip.size)
        people = self._ctx.store.people
        groups = []
        for (day, badge), found in sizes.items():
            person = people.get(badge) if badge else None
            name = person.name if person is not None else (badge or "")
            groups.append(DueGroup(day, badge, name, len(found), sum(found)))
        return DueSummary(week, len(due), sum(d.clip.size for d in due), tuple(groups))

    def offer(
        self, actor: Actor, timeout: float, action: Action = Action.RECEIVE_HANDOVER
    ) -> DockedDrive | None:
        """The next drive docked: mounted if registered, else refused and audited; None if none.

        Art. 12(2): nobody else keeps copies, so only a drive registered by its serial in
        kiosk.toml (`[handover] drives`) takes footage. The drive is taken for the act the
        actor must be allowed: the week's hand-over, or an approved disclosure's export.
        """
        self._ctx.require(actor, action, "handover", "drive")
        event = self._dock.wait(timeout)
        if event is None:
            return None
        serial = printable(event.serial) or "-"
        rule = self._ctx.settings.handover_drive(event.serial) if event.serial else None
        if rule is None:
            refusal = Refused("handover.drive_not_registered", serial=serial)
            record_refusal(self._ctx, actor, "handover_drive", "usb_device", serial, refusal)
            raise refusal
        try:
            mount_point = self._dock.mount(event)
            free = self._dock.free_bytes(mount_point)
        except OSError as exc:
            refusal = Refused("handover.drive_not_mounted", serial=serial, error=exc.strerror or "")
            record_refusal(self._ctx, actor, "handover_drive", "usb_device", serial, refusal)
            raise refusal from None
        with self._ctx.store.transaction():
            self._ctx.record(
                actor, "handover_drive", "usb_device", serial, label=rule.label, free_bytes=free
            )
        return DockedDrive(rule.serial, rule.label, free, mount_point, event)

    def write(
        self,
        actor: Actor,
        drive: DockedDrive,
        progress: Callable[[int], None] | None = None,
    ) -> SealedPackage:
        """The week's package on the drive, if it fits; refused before anything is written."""
        summary = self.due_now(actor)
        if not self._ctx.audit_signer.can_sign():
            # DESIGN §6: the package is signed with the unit's key, which only the service
            # holds; the kiosk process cannot seal it (the console's `bwc handover create`).
            refusal = Refused("handover.signed_by_service", week=summary.week)
            record_refusal(self._ctx, actor, "handover_create", "handover", summary.week, refusal)
            raise refusal
        needed = space_needed(summary.bytes)
        free = self.free_bytes(drive)
        if summary.clips and free < needed:
            refusal = Refused(
                "handover.drive_too_small", serial=drive.serial, needed=needed, free=free
            )
            record_refusal(self._ctx, actor, "handover_create", "handover", summary.week, refusal)
            raise refusal
        now = self._ctx.clock.now()
        unit = self._ctx.settings.unit_code
        # A package written and never received is offered again: a new name each time.
        name = f"bwc-handover-{unit}-{summary.week}-{now:%Y%m%dT%H%M%SZ}"
        return self._handover.create(actor, summary.week, drive.mount_point / name, progress)

    def verify(
        self, actor: Actor, drive: DockedDrive, sealed: SealedPackage, kind: str = "handover"
    ) -> PackageReport:
        """Read the package back from the drive (`package verify`); refused and audited if bad.

        A package that fails here is never received: nothing is marked handed over. kind
        names the events (`handover_verified`, `disclosure_verified`, and `…_verify` refused).
        """
        try:
            self._dock.flush(sealed.path)
            report = self._reader.verify(sealed.path, self._ctx.audit_signer.public_key_b64())
        except (PackageFault, OSError) as error:
            if isinstance(error, PackageFault):
                refusal = Refused(error.code, **error.params)
            else:
                refusal = Refused("handover.drive_unreadable", error=error.strerror or "")
            record_refusal(self._ctx, actor, f"{kind}_verify", "package", str(sealed.id), refusal)
            raise refusal from None
        with self._ctx.store.transaction():
            self._ctx.record(
                actor,
                f"{kind}_verified",
                "package",
                str(sealed.id),
                drive=drive.serial,
                files=report.files,
                bytes=report.payload_bytes,
            )
        return report

    def write_verified(
        self,
        actor: Actor,
        drive: DockedDrive,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[SealedPackage, PackageReport]:
        """write, then verify from the drive: the kiosk's one step before the receipt."""
        sealed = self.write(actor, drive, progress)
        return sealed, self.verify(actor, drive, sealed)

    def receipt(self, actor: Actor, sealed: SealedPackage) -> tuple[int, list[int]]:
        """The collector's receipt of the package on the drive (the hand-over service's rule)."""
        return self._handover.receipt(actor, sealed.path)

    def free_bytes(self, drive: DockedDrive) -> int:
        """The drive's free space now (a package written since took some)."""
        return self._dock.free_bytes(drive.mount_point)

    def release(self, drive: DockedDrive) -> None:
        """Flush and unmount the drive, so it may be pulled."""
        try:
            self._dock.release(drive.event)
        except (OSError, Refusal):
            # The drive already pulled: nothing is left to release.
            return
