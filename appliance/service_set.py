"""Provides Services, the use cases built over one home, and Ports, what a caller may choose.

The services are imported for the type checker only: building them (bootstrap) is what loads
them, and the store with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from appliance.config import Settings
from appliance.ports import (
    Archive,
    Clock,
    DiscWriter,
    DriveDock,
    DriverFactory,
    FormRenderer,
    MediaProbe,
    Printer,
    Sealer,
    Signer,
    Staging,
    Thumbnailer,
)

if TYPE_CHECKING:
    from appliance.services.alarms import AlarmService
    from appliance.services.approvals import ApprovalQueries
    from appliance.services.audit import AuditService
    from appliance.services.audit_reading import AuditReading
    from appliance.services.audit_report import AuditReportService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.disclosure import DisclosureService
    from appliance.services.disclosure_drive import DisclosureDriveService
    from appliance.services.discs import DiscService
    from appliance.services.findings import FindingsService
    from appliance.services.fixity import FixityService
    from appliance.services.handover import HandoverService
    from appliance.services.handover_drive import HandoverDriveService
    from appliance.services.history import HistoryService
    from appliance.services.holds import HoldService
    from appliance.services.labels import LabelService
    from appliance.services.lifecycle import LifecycleService
    from appliance.services.offload import OffloadService
    from appliance.services.overview import OverviewService
    from appliance.services.packages import PackageService
    from appliance.services.personnel import PersonnelService
    from appliance.services.registry import RegistryService
    from appliance.services.reports import ReportService
    from appliance.services.requests import KioskRequestService
    from appliance.services.retention import RetentionService
    from appliance.services.sealing import SealService
    from appliance.services.selfcheck import SelfCheckService
    from appliance.services.thumbnails import ThumbnailService
    from appliance.store.home import Store


@dataclass(frozen=True)
class Services:
    """Every use case, wired to one home, and the recorder drivers chosen for it."""

    ctx: Context
    registry: RegistryService
    auth: AuthService
    custody: CustodyService
    audit: AuditService
    labels: LabelService
    offload: OffloadService
    clips: ClipService
    fixity: FixityService
    alarms: AlarmService
    selfcheck: SelfCheckService
    personnel: PersonnelService
    sealing: SealService
    overview: OverviewService
    drivers: DriverFactory
    # The evidence disc's writer (DESIGN §12), for the disc use case to take.
    disc: DiscWriter
    # The evidence disc of a case and its record form (Art. 12(4)).
    discs: DiscService
    # Footage leaving the box (DESIGN §10): sealed packages, the hand-over, disclosures.
    packages: PackageService
    handover: HandoverService
    disclosure: DisclosureService
    # A recorder's life after custody (Art. 5(8), 9, 10) and its history.
    lifecycle: LifecycleService
    history: HistoryService
    # Holds that keep footage past its retention period (Art. 12(3)).
    holds: HoldService
    # Deletion by rule only (invariant 4, DESIGN §11): tombstones and destruction lists.
    retention: RetentionService
    # The clips' pictures (issue 9 item 7): a display cache beside the archive.
    thumbnails: ThumbnailService
    # What the bureau head reads before deciding a disclosure at the kiosk (Art. 13).
    approvals: ApprovalQueries
    # The hand-over at the kiosk, on the registered drive (Art. 12(2)).
    handover_drive: HandoverDriveService
    # An approved disclosure's export at the kiosk, on the same drive (Art. 11, 13).
    disclosure_drive: DisclosureDriveService
    # What the kiosk asks of the service: labels signed with the unit's key (DESIGN §6).
    requests: KioskRequestService
    # The audit office's reading of the log, each read audited (Art. 15).
    audit_reading: AuditReading
    # What breaks the rules over a window of time (DESIGN §13, Art. 14-16).
    findings: FindingsService
    # The unit head's day, on the screen and on paper (Art. 14).
    reports: ReportService
    # The audit office's period: findings by kind, officer and week (Art. 15, 16).
    audit_report: AuditReportService

    @property
    def settings(self) -> Settings:
        """The settings the services were built with."""
        return self.ctx.settings

    @property
    def store(self) -> Store:
        """The home's database, which these services alone hold (STYLE rule 8)."""
        return self.ctx.store

    def close(self) -> None:
        """Finish the pictures queued, stop the media prober's workers; close this thread's
        connection to the database."""
        self.thumbnails.close()
        self.offload.close()
        self.ctx.store.close()


class Ports(TypedDict, total=False):
    """The ports a caller may choose, by keyword; one left out (or None) is the root's choice."""

    clock: Clock | None
    probe: MediaProbe | None
    archive: Archive | None
    staging: Staging | None
    sealer: Sealer | None
    drivers: DriverFactory | None
    audit_signer: Signer | None
    label_signer: Signer | None
    disc: DiscWriter | None
    forms: FormRenderer | None
    printer: Printer | None
    thumbnailer: Thumbnailer | None
    drive_dock: DriveDock | None
