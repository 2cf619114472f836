"""Provides the composition root shared by the `bwc` command, the kiosk and the tests.

Every adapter is chosen here (and, for the demo's own recorders, in `appliance.demo`); the
services, the CLI and the kiosk name ports only. Callers replace a port by its keyword
(`clock=`, `archive=`, `sealer=` ...), typed by the port, never by patching internals. The
services and the store (peewee) are imported when services are built, so the steps that open
no home (`bwc media`) never load the database code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SystemClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.adapters.drivers import RecorderDrivers
from appliance.adapters.media_worker import WorkerProbe
from appliance.adapters.mount import CommandMounter, SystemdMounter
from appliance.adapters.seal import (
    CAP_LINUX_IMMUTABLE,
    HelperSealer,
    IoctlSealer,
    NoSealer,
    RequestSweeper,
    has_capability,
)
from appliance.adapters.staging import StagingArea
from appliance.config import Settings
from appliance.domain.errors import BadInput
from appliance.ports import (
    Archive,
    ArchiveSweeper,
    Clock,
    DeviceWatcher,
    DiscWriter,
    DriveDock,
    DriverFactory,
    MediaProbe,
    Mounter,
    PackageReader,
    Sealer,
    Signer,
    Staging,
    Thumbnailer,
)

if TYPE_CHECKING:
    from appliance.services.alarms import AlarmService
    from appliance.services.approvals import ApprovalQueries
    from appliance.services.audit import AuditService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.disclosure import DisclosureService
    from appliance.services.dock import DockService, Predicate
    from appliance.services.fixity import FixityService
    from appliance.services.handover import HandoverService
    from appliance.services.handover_drive import HandoverDriveService
    from appliance.services.history import HistoryService
    from appliance.services.labels import LabelService
    from appliance.services.lifecycle import LifecycleService
    from appliance.services.offload import OffloadService
    from appliance.services.overview import OverviewService
    from appliance.services.packages import PackageService
    from appliance.services.personnel import PersonnelService
    from appliance.services.registry import RegistryService
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
    # Footage leaving the box (DESIGN §10): sealed packages, the hand-over, disclosures.
    packages: PackageService
    handover: HandoverService
    disclosure: DisclosureService
    # A recorder's life after custody (Art. 5(8), 9, 10) and its history.
    lifecycle: LifecycleService
    history: HistoryService
    # The clips' pictures (issue 9 item 7): a display cache beside the archive.
    thumbnails: ThumbnailService
    # What the bureau head reads before deciding a disclosure at the kiosk (Art. 13).
    approvals: ApprovalQueries
    # The hand-over at the kiosk, on the registered drive (Art. 12(2)).
    handover_drive: HandoverDriveService

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


@dataclass(frozen=True)
class PortChoices:
    """The ports a caller chose; None leaves the choice to this root (see `_wire`)."""

    clock: Clock | None = None
    probe: MediaProbe | None = None
    archive: Archive | None = None
    staging: Staging | None = None
    sealer: Sealer | None = None
    drivers: DriverFactory | None = None
    audit_signer: Signer | None = None
    label_signer: Signer | None = None
    disc: DiscWriter | None = None
    thumbnailer: Thumbnailer | None = None
    drive_dock: DriveDock | None = None


def build_services(
    settings: Settings,
    *,
    clock: Clock | None = None,
    probe: MediaProbe | None = None,
    archive: Archive | None = None,
    staging: Staging | None = None,
    sealer: Sealer | None = None,
    drivers: DriverFactory | None = None,
    audit_signer: Signer | None = None,
    label_signer: Signer | None = None,
    disc: DiscWriter | None = None,
    thumbnailer: Thumbnailer | None = None,
    drive_dock: DriveDock | None = None,
) -> Services:
    """Open the home's database (migrating it; both made if missing) and wire the services.

    Every call opens a database of its own: two homes, or the same home twice, can be open
    in one process at once; `Services.close()` closes it.

    For `bwc init`, the demo and the tests, which pass simulators (a failing fsync is an
    archive built with it) here. A sealer belongs to the archive: give it with the archive
    this root builds, or build the archive with it, never both.
    """
    chosen = PortChoices(
        clock=clock,
        probe=probe,
        archive=archive,
        staging=staging,
        sealer=sealer,
        drivers=drivers,
        audit_signer=audit_signer,
        label_signer=label_signer,
        disc=disc,
        thumbnailer=thumbnailer,
        drive_dock=drive_dock,
    )
    return _build(settings, True, chosen)


def open_services(
    settings: Settings,
    *,
    clock: Clock | None = None,
    probe: MediaProbe | None = None,
    archive: Archive | None = None,
    staging: Staging | None = None,
    sealer: Sealer | None = None,
    drivers: DriverFactory | None = None,
    audit_signer: Signer | None = None,
    label_signer: Signer | None = None,
    disc: DiscWriter | None = None,
    thumbnailer: Thumbnailer | None = None,
    drive_dock: DriveDock | None = None,
) -> Services:
    """build_services on a home that must exist with its database: nothing is created where
    there is no home, and a missing database is never made anew (DESIGN §8)."""
    chosen = PortChoices(
        clock=clock,
        probe=probe,
        archive=archive,
        staging=staging,
        sealer=sealer,
        drivers=drivers,
        audit_signer=audit_signer,
        label_signer=label_signer,
        disc=disc,
        thumbnailer=thumbnailer,
        drive_dock=drive_dock,
    )
    return _build(settings, False, chosen)


def check_home(home: Path) -> None:
    """BadInput unless home is an existing directory (only `bwc init` makes one)."""
    if not home.is_dir():
        reason = "home_not_directory" if home.exists() else "home_missing"
        raise BadInput(reason, home=str(home))


def _build(settings: Settings, create: bool, chosen: PortChoices) -> Services:
    from appliance.store.home import open_store

    if chosen.archive is not None and chosen.sealer is not None:
        raise TypeError("a sealer belongs to the archive: pass it to the archive's adapter")
    if not create:
        check_home(settings.home)
    clock: Clock = chosen.clock or SystemClock()
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
    chosen: PortChoices,
) -> Services:
    # Only now: the services load the store, and the store peewee (see the module docstring).
    from appliance.adapters.bag_writer import BagWriter
    from appliance.adapters.qr import QrLabels
    from appliance.adapters.signer import Ed25519Verifier, FileSigner
    from appliance.adapters.thumbnails import FfmpegThumbnailer
    from appliance.services.alarms import AlarmService
    from appliance.services.approvals import ApprovalQueries
    from appliance.services.audit import AuditService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.disclosure import DisclosureService
    from appliance.services.fixity import FixityService
    from appliance.services.handover import HandoverService
    from appliance.services.handover_drive import HandoverDriveService
    from appliance.services.history import HistoryService
    from appliance.services.labels import LabelService
    from appliance.services.lifecycle import LifecycleService
    from appliance.services.offload import OffloadService
    from appliance.services.overview import OverviewService
    from appliance.services.packages import PackageService
    from appliance.services.personnel import PersonnelService
    from appliance.services.registry import RegistryService
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
    audit_signer = chosen.audit_signer or FileSigner(settings.keys_dir, "audit")
    label_signer = chosen.label_signer or FileSigner(settings.keys_dir, "label")
    probe = chosen.probe or WorkerProbe(settings.probe_timeout_seconds)
    archive = chosen.archive or ArchiveFS(
        settings.archive_dir, settings.staging_dir, chosen.sealer or configured_sealer(settings)
    )
    staging = chosen.staging or StagingArea(settings.staging_dir)
    drivers = chosen.drivers or RecorderDrivers(clock)
    disc = chosen.disc or disc_writer(settings)
    # The probe's timeout bounds the drawing too: the same file, the same sandbox.
    thumbnailer = chosen.thumbnailer or FfmpegThumbnailer(
        settings.thumbnails_dir, settings.probe_timeout_seconds
    )
    if store is None:
        store = open_store(settings.db_path, clock.now, create=create)
    ctx = Context(settings, clock, audit_signer, label_signer, store)
    selfcheck = SelfCheckService(ctx)
    registry = RegistryService(ctx)
    custody = CustodyService(ctx, selfcheck)
    thumbnails = ThumbnailService(ctx, archive, thumbnailer)
    offload = OffloadService(ctx, archive, probe, staging, thumbnails)
    audit = AuditService(ctx, archive, Ed25519Verifier())
    clips = ClipService(ctx)
    packages = PackageService(ctx, archive, audit, BagWriter())
    handover = HandoverService(ctx, packages, package_reader())
    drive_dock = chosen.drive_dock or handover_drive_dock(settings)
    return Services(
        ctx=ctx,
        registry=registry,
        auth=AuthService(ctx),
        custody=custody,
        audit=audit,
        labels=LabelService(ctx, QrLabels()),
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
        packages=packages,
        handover=handover,
        disclosure=DisclosureService(ctx, packages),
        lifecycle=LifecycleService(ctx, custody),
        history=HistoryService(ctx),
        thumbnails=thumbnails,
        approvals=ApprovalQueries(ctx, thumbnails),
        handover_drive=HandoverDriveService(ctx, handover, drive_dock, package_reader()),
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


def package_reader() -> PackageReader:
    """The sealed package's verifier: it needs no home (`bwc package verify`, DESIGN §10)."""
    from appliance.adapters.bag_reader import BagReader

    return BagReader()


def handover_drive_folder(settings: Settings) -> Path:
    """Where a demo home's simulated hand-over drives are docked (a folder each)."""
    return settings.home / "handover-drives"


def handover_drive_dock(settings: Settings) -> DriveDock:
    """The hand-over drive's dock: simulated drives on a demo home, else udev + bwc-mount@."""
    if settings.demo:
        from appliance.adapters.drive_simulator import SimulatedDriveDock

        return SimulatedDriveDock(handover_drive_folder(settings))
    from appliance.adapters.handover_drive import UsbDriveDock

    def udev() -> DeviceWatcher:
        from appliance.adapters.udev import UdevWatcher  # needs libudev: only on a real box

        return UdevWatcher()

    return UsbDriveDock(udev, SystemdMounter())


def disc_writer(settings: Settings) -> DiscWriter:
    """xorriso makes and reads discs; a demo home "burns" to a file beside its image."""
    from appliance.adapters.xorriso import SimulatedBurner, XorrisoDisc

    if settings.demo:
        return SimulatedBurner()
    return XorrisoDisc()


def configured_sealer(settings: Settings) -> Sealer:
    """The sealer kiosk.toml asks for (`[archive] seal`, DESIGN §11).

    "helper" asks bwc-seal@.service (the box's dock holds no privilege); "auto" seals directly
    when this process holds CAP_LINUX_IMMUTABLE; a demo home is never sealed, so it can be
    thrown away.
    """
    if settings.demo or settings.seal == "off":
        return NoSealer("sealing_off")
    if settings.seal == "helper":
        return HelperSealer()
    if has_capability(CAP_LINUX_IMMUTABLE):
        return IoctlSealer()
    return NoSealer("no_privilege")


def archive_sweeper(settings: Settings) -> ArchiveSweeper:
    """The privileged sweep of `bwc seal` (bwc-seal@.service): it sets the flags itself."""
    return RequestSweeper(settings.archive_dir / "sha256")


def create_keys(settings: Settings) -> None:
    """Make the unit's audit and label key pairs if absent (`bwc init`)."""
    from appliance.adapters.signer import FileSigner

    FileSigner(settings.keys_dir, "audit").create()
    FileSigner(settings.keys_dir, "label").create()


def dock_watcher(simulator_folder: Path | None) -> DeviceWatcher:
    """What the dock watches: a folder of simulator recorders when one is named, else udev."""
    if simulator_folder is not None:
        return FolderWatcher(simulator_folder)
    from appliance.adapters.udev import UdevWatcher  # needs libudev: only on a real box

    return UdevWatcher()


def dock_mounter(direct_media_root: Path | None) -> Mounter:
    """The dock's mount step: bwc-mount@.service, or (as root) directly under that root."""
    if direct_media_root is not None:
        return CommandMounter(direct_media_root)
    return SystemdMounter()


def media_mounter(media_root: Path) -> Mounter:
    """The mount step itself (`bwc media`, run as root by bwc-mount@.service, DESIGN §1)."""
    return CommandMounter(media_root)


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
        services.ctx, services.offload, services.selfcheck, services.drivers, mounter, predicate
    )
