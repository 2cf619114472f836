"""Provides the composition root shared by the `bwc` command, the kiosk and the tests.

Every adapter is chosen here (and, for the demo's own recorders, in `appliance.demo`); the
services, the CLI and the kiosk name ports only. The services and the store (peewee) are
imported when services are built, so the steps that open no home (`bwc media`) never load
the database code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SystemClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.adapters.drivers import RecorderDrivers
from appliance.adapters.ffprobe import FfprobeProbe
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
    ArchiveSweeper,
    Clock,
    DeviceWatcher,
    DriverFactory,
    MediaProbe,
    Mounter,
    Sealer,
    Signer,
)

if TYPE_CHECKING:
    from appliance.services.alarms import AlarmService
    from appliance.services.audit import AuditService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.dock import DockService, Predicate
    from appliance.services.fixity import FixityService
    from appliance.services.labels import LabelService
    from appliance.services.offload import OffloadService
    from appliance.services.overview import OverviewService
    from appliance.services.personnel import PersonnelService
    from appliance.services.registry import RegistryService
    from appliance.services.sealing import SealService
    from appliance.services.selfcheck import SelfCheckService
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

    @property
    def settings(self) -> Settings:
        """The settings the services were built with."""
        return self.ctx.settings

    @property
    def store(self) -> Store:
        """The home's database, which these services alone hold (STYLE rule 8)."""
        return self.ctx.store

    def close(self) -> None:
        """Close this thread's connection to the home's database."""
        self.ctx.store.close()


def build_services(settings: Settings, **overrides: Any) -> Services:
    """Open the home's database (migrating it; both made if missing) and wire the services.

    Every call opens a database of its own: two homes, or the same home twice, can be open
    in one process at once; `Services.close()` closes it.

    For `bwc init`, the demo and the tests. Overrides replace ports by name (`clock=`,
    `audit_signer=`, `label_signer=`, `media_probe=`, `archive_fsync=`, `sealer=`,
    `drivers=`); tests pass simulators and failing fsyncs here instead of patching internals.
    """
    return _build(settings, True, overrides)


def open_services(settings: Settings, **overrides: Any) -> Services:
    """build_services on a home that must exist with its database: nothing is created where
    there is no home, and a missing database is never made anew (DESIGN §8)."""
    return _build(settings, False, overrides)


def check_home(home: Path) -> None:
    """BadInput unless home is an existing directory (only `bwc init` makes one)."""
    if not home.is_dir():
        reason = "home_not_directory" if home.exists() else "home_missing"
        raise BadInput(reason, home=str(home))


def _build(settings: Settings, create: bool, overrides: dict[str, Any]) -> Services:
    from appliance.store.home import open_store

    if not create:
        check_home(settings.home)
    clock: Clock = overrides.pop("clock", None) or SystemClock()
    store = None
    if not create:
        # Before any directory is made: a home without its database is not a home.
        store = open_store(settings.db_path, clock.now, create=False)
    try:
        return _wire(settings, create, clock, store, overrides)
    except BaseException:
        if store is not None:
            store.close()
        raise


def _wire(
    settings: Settings,
    create: bool,
    clock: Clock,
    store: Store | None,
    overrides: dict[str, Any],
) -> Services:
    # Only now: the services load the store, and the store peewee (see the module docstring).
    from appliance.adapters.qr import QrLabels
    from appliance.adapters.signer import Ed25519Verifier, FileSigner
    from appliance.services.alarms import AlarmService
    from appliance.services.audit import AuditService
    from appliance.services.auth import AuthService
    from appliance.services.clips import ClipService
    from appliance.services.context import Context
    from appliance.services.custody import CustodyService
    from appliance.services.fixity import FixityService
    from appliance.services.labels import LabelService
    from appliance.services.offload import OffloadService
    from appliance.services.overview import OverviewService
    from appliance.services.personnel import PersonnelService
    from appliance.services.registry import RegistryService
    from appliance.services.sealing import SealService
    from appliance.services.selfcheck import SelfCheckService
    from appliance.store.home import open_store

    # DESIGN §6: a new home is 0750. Only what is missing is made: the box's directories
    # (kiosk_base: setgid, group-writable where the kiosk writes) keep their modes.
    for directory, mode in (
        (settings.home, 0o750),
        (settings.staging_dir, 0o700),
        (settings.archive_dir, 0o750),
        (settings.exports_dir, 0o750),
        # The kiosk (the service group) reads the public keys; *.key is 0400 to the owner.
        (settings.keys_dir, 0o750),
    ):
        directory.mkdir(mode=mode, parents=True, exist_ok=True)
    audit_signer: Signer = overrides.pop("audit_signer", None) or FileSigner(
        settings.keys_dir, "audit"
    )
    label_signer: Signer = overrides.pop("label_signer", None) or FileSigner(
        settings.keys_dir, "label"
    )
    media_probe: MediaProbe = overrides.pop("media_probe", None) or FfprobeProbe(
        settings.probe_timeout_seconds
    )
    archive = ArchiveFS(
        settings.archive_dir, settings.staging_dir, overrides.pop("archive_fsync", None) or os.fsync
    )
    sealer: Sealer = overrides.pop("sealer", None) or configured_sealer(settings)
    drivers: DriverFactory = overrides.pop("drivers", None) or RecorderDrivers(clock)
    if overrides:
        raise TypeError(f"unknown overrides: {sorted(overrides)}")
    if store is None:
        store = open_store(settings.db_path, clock.now, create=create)
    ctx = Context(settings, clock, audit_signer, label_signer, store)
    selfcheck = SelfCheckService(ctx)
    registry = RegistryService(ctx)
    custody = CustodyService(ctx, selfcheck)
    offload = OffloadService(ctx, archive, media_probe, StagingArea(settings.staging_dir), sealer)
    return Services(
        ctx=ctx,
        registry=registry,
        auth=AuthService(ctx),
        custody=custody,
        audit=AuditService(ctx, archive, Ed25519Verifier()),
        labels=LabelService(ctx, QrLabels()),
        offload=offload,
        clips=ClipService(ctx),
        fixity=FixityService(ctx, archive),
        alarms=AlarmService(ctx),
        selfcheck=selfcheck,
        personnel=PersonnelService(ctx),
        sealing=SealService(ctx),
        overview=OverviewService(ctx, custody, registry, offload, selfcheck),
        drivers=drivers,
    )


def build_kiosk_services(settings: Settings, **overrides: Any) -> Services:
    """The services of the kiosk UI: the same use cases, with the public keys only.

    DESIGN §6: the kiosk user never reads `keys/*.key`. It verifies signed labels with the
    public half; printing labels and signing checkpoints stay with the service (`bwc`).
    """
    from appliance.adapters.signer import PublicKeySigner

    overrides.setdefault("audit_signer", PublicKeySigner(settings.keys_dir, "audit"))
    overrides.setdefault("label_signer", PublicKeySigner(settings.keys_dir, "label"))
    return open_services(settings, **overrides)


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
