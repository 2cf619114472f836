"""Provides the composition root shared by the `bwc` command, the kiosk and the tests.

Every adapter is chosen here (the defaults in `appliance.adapter_choices`, and, for the demo's
own recorders, in `appliance.demo`); the services, the CLI and the kiosk name ports only.
Callers replace a port by its keyword (`clock=`, `archive=`, `sealer=` ..., the keys of
`Ports`), typed by the port, never by patching internals. The services and the store (peewee)
are imported when services are built, so the steps that open no home (`bwc media`) never load
the database code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from appliance.adapter_choices import (
    configured_sealer,
    disc_writer,
    form_printer,
    handover_drive_dock,
    package_reader,
)
from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SystemClock
from appliance.adapters.drivers import RecorderDrivers
from appliance.adapters.media_worker import WorkerProbe
from appliance.adapters.staging import StagingArea
from appliance.config import Settings
from appliance.domain.errors import BadInput
from appliance.ports import Clock, DriveDock, Mounter, Signer
from appliance.service_set import Ports as Ports
from appliance.service_set import Services as Services

if TYPE_CHECKING:
    from appliance.services.dock import DockService, Predicate
    from appliance.store.home import Store


def build_services(settings: Settings, **ports: Unpack[Ports]) -> Services:
    """Open the home's database (migrating it; both made if missing) and wire the services.

    Every call opens a database of its own: two homes, or the same home twice, can be open
    in one process at once; `Services.close()` closes it.

    For `bwc init`, the demo and the tests, which pass simulators (a failing fsync is an
    archive built with it) here. A sealer belongs to the archive: give it with the archive
    this root builds, or build the archive with it, never both.
    """
    return _build(settings, True, ports)


def open_services(settings: Settings, **ports: Unpack[Ports]) -> Services:
    """build_services on a home that must exist with its database: nothing is created where
    there is no home, and a missing database is never made anew (DESIGN §8)."""
    return _build(settings, False, ports)


def check_home(home: Path) -> None:
    """BadInput unless home is an existing directory (only `bwc init` makes one)."""
    if not home.is_dir():
        reason = "home_not_directory" if home.exists() else "home_missing"
        raise BadInput(reason, home=str(home))


def _build(settings: Settings, create: bool, chosen: Ports) -> Services:
    from appliance.store.home import open_store

    if chosen.get("archive") is not None and chosen.get("sealer") is not None:
        raise TypeError("a sealer belongs to the archive: pass it to the archive's adapter")
    if not create:
        check_home(settings.home)
    clock: Clock = chosen.get("clock") or SystemClock()
    store = None
    if not create:
        # Before any directory is made: a home without its database is not a home.
        store = open_store(settings.db_path, clock.now, create=False)
    try:
        return _wire(settings, create, clock, store, chosen)
    except BaseException:
        if store is not None:
            store.close()
        raise


def _wire(
    settings: Settings,
    create: bool,
    clock: Clock,
    store: Store | None,
    chosen: Ports,
) -> Services:
    # Only now: the services load the store, and the store peewee (see the module docstring).
    from appliance.adapters.bag_writer import BagWriter
    from appliance.adapters.qr import QrLabels
    from appliance.adapters.signer import Ed25519Verifier, FileSigner
    from appliance.adapters.thumbnails import FfmpegThumbnailer
    from appliance.adapters.typst_forms import TypstForms
    from appliance.services.alarms import AlarmService
    from appliance.services.approvals import ApprovalQueries
    from appliance.services.audit import AuditService
    from appliance.services.audit_reading import AuditReading
    from appliance.services.audit_report import AuditReportService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.disc_requests import DiscRequests
    from appliance.services.disclosure import DisclosureService
    from appliance.services.disclosure_drive import DisclosureDriveService
    from appliance.services.disclosure_requests import DisclosureRequests
    from appliance.services.discs import DiscService
    from appliance.services.findings import FindingsService
    from appliance.services.fixity import FixityService
    from appliance.services.handover import HandoverService
    from appliance.services.handover_drive import HandoverDriveService
    from appliance.services.handover_requests import HandoverRequests
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
    from appliance.store.home import open_store

    # DESIGN §6: a new home is 0750. Only what is missing is made: the box's directories
    # (kiosk_base: setgid, group-writable where the kiosk writes) keep their modes.
    for directory, mode in (
        (settings.home, 0o750),
        (settings.staging_dir, 0o700),
        (settings.archive_dir, 0o750),
        (settings.exports_dir, 0o750),
        # Pictures the dock draws and the kiosk shows (group-readable, like the archive).
        (settings.thumbnails_dir, 0o750),
        # The kiosk (the service group) reads the public keys; *.key is 0400 to the owner.
        (settings.keys_dir, 0o750),
    ):
        directory.mkdir(mode=mode, parents=True, exist_ok=True)
    audit_signer = chosen.get("audit_signer") or FileSigner(settings.keys_dir, "audit")
    label_signer = chosen.get("label_signer") or FileSigner(settings.keys_dir, "label")
    probe = chosen.get("probe") or WorkerProbe(settings.probe_timeout_seconds)
    archive = chosen.get("archive") or ArchiveFS(
        settings.archive_dir,
        settings.staging_dir,
        chosen.get("sealer") or configured_sealer(settings),
    )
    staging = chosen.get("staging") or StagingArea(settings.staging_dir)
    drivers = chosen.get("drivers") or RecorderDrivers(clock)
    disc = chosen.get("disc") or disc_writer(settings)
    # The probe's timeout bounds the drawing too: the same file, the same sandbox.
    thumbnailer = chosen.get("thumbnailer") or FfmpegThumbnailer(
        settings.thumbnails_dir, settings.probe_timeout_seconds
    )
    if store is None:
        store = open_store(settings.db_path, clock.now, create=create)
    ctx = Context(settings, clock, audit_signer, label_signer, store)
    # One renderer for every printed form: the disc's record form, the destruction list and
    # the daily report.
    forms = chosen.get("forms") or TypstForms()
    selfcheck = SelfCheckService(ctx)
    registry = RegistryService(ctx)
    custody = CustodyService(ctx, selfcheck)
    thumbnails = ThumbnailService(ctx, archive, thumbnailer)
    offload = OffloadService(ctx, archive, probe, staging, thumbnails)
    audit = AuditService(ctx, archive, Ed25519Verifier())
    clips = ClipService(ctx)
    packages = PackageService(ctx, archive, audit, BagWriter())
    handover = HandoverService(ctx, packages, package_reader())
    labels = LabelService(ctx, QrLabels())
    drive_dock = chosen.get("drive_dock") or handover_drive_dock(settings)
    handover_drive = HandoverDriveService(ctx, handover, drive_dock, package_reader())
    disclosure = DisclosureService(ctx, packages)
    disclosure_drive = DisclosureDriveService(ctx, disclosure, handover_drive)
    handover_requests = HandoverRequests(ctx, handover_drive)
    discs = DiscService(ctx, packages, disc, forms)
    findings = FindingsService(ctx)
    return Services(
        ctx=ctx,
        registry=registry,
        auth=AuthService(ctx),
        custody=custody,
        audit=audit,
        labels=labels,
        offload=offload,
        clips=clips,
        fixity=FixityService(ctx, archive),
        alarms=AlarmService(ctx),
        selfcheck=selfcheck,
        personnel=PersonnelService(ctx),
        sealing=SealService(ctx),
        overview=OverviewService(ctx, custody, registry, offload, selfcheck, clips, thumbnails),
        drivers=drivers,
        disc=disc,
        discs=discs,
        packages=packages,
        handover=handover,
        disclosure=disclosure,
        lifecycle=LifecycleService(ctx, custody),
        holds=HoldService(ctx),
        retention=RetentionService(ctx, archive, staging, forms),
        history=HistoryService(ctx),
        thumbnails=thumbnails,
        approvals=ApprovalQueries(ctx, thumbnails),
        handover_drive=handover_drive,
        disclosure_drive=disclosure_drive,
        requests=KioskRequestService(
            ctx,
            labels,
            handover_requests,
            DisclosureRequests(ctx, disclosure, disclosure_drive, handover_requests),
            DiscRequests(ctx, discs, disc, chosen.get("printer") or form_printer(settings)),
        ),
        audit_reading=AuditReading(ctx),
        findings=findings,
        reports=ReportService(ctx, findings, audit, forms),
        audit_report=AuditReportService(ctx, findings, audit, forms),
    )


def build_kiosk_services(
    settings: Settings,
    *,
    clock: Clock | None = None,
    drive_dock: DriveDock | None = None,
    audit_signer: Signer | None = None,
) -> Services:
    """The services of the kiosk UI: the same use cases, with the public keys only.

    DESIGN §6: the kiosk user never reads `keys/*.key`. It verifies signed labels with the
    public half; printing labels and signing checkpoints stay with the service (`bwc`).
    Only the demo, which is kiosk and service in one throwaway home, gives an audit signer.
    """
    from appliance.adapters.signer import PublicKeySigner

    return open_services(
        settings,
        clock=clock,
        drive_dock=drive_dock,
        audit_signer=audit_signer or PublicKeySigner(settings.keys_dir, "audit"),
        label_signer=PublicKeySigner(settings.keys_dir, "label"),
    )


def build_dock(
    services: Services,
    *,
    mounter: Mounter | None = None,
    predicate: Predicate | None = None,
) -> DockService:
    """The dock service over these services; tests inject the camera predicate and mounter.

    Without a mounter the dock serves only recorders that need no mount (the simulator).
    """
    from appliance.services.dock import DockService

    return DockService(
        services.ctx,
        services.offload,
        services.selfcheck,
        services.drivers,
        mounter,
        predicate,
        services.requests,
    )
