"""Provides the adapter each port gets from the settings (a demo home's simulators, the box's
devices) and the privileged steps' own adapters; the roots alone call these."""

from __future__ import annotations

from pathlib import Path

from appliance.adapters.dock_folder import FolderWatcher
from appliance.adapters.mount import CommandMounter, SystemdMounter
from appliance.adapters.seal import (
    CAP_LINUX_IMMUTABLE,
    HelperSealer,
    IoctlSealer,
    NoSealer,
    RequestSweeper,
    has_capability,
)
from appliance.config import Settings
from appliance.ports import (
    ArchiveSweeper,
    DeviceWatcher,
    DiscReader,
    DiscWriter,
    DriveDock,
    Mounter,
    PackageReader,
    Printer,
    Sealer,
)


def package_reader() -> PackageReader:
    """The sealed package's verifier: it needs no home (`bwc package verify`, DESIGN §10)."""
    from appliance.adapters.bag_reader import BagReader

    return BagReader()


def disc_reader() -> DiscReader:
    """The evidence disc's verifier: it needs no home (`bwc disc verify`, DESIGN §12)."""
    from appliance.adapters.disc_reader import DiscReader as IsoDiscReader

    return IsoDiscReader()


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
        # The demo's burner writes each disc to a new file (Art. 12(4): read back all the same).
        return SimulatedBurner(settings.exports_dir / "discs" / "burner")
    return XorrisoDisc()


def form_printer(settings: Settings) -> Printer:
    """CUPS's lp to `[disc] printer`; none when it is empty; the demo keeps what it prints."""
    from appliance.adapters.printers import FolderPrinter, LpPrinter, NoPrinter

    if settings.demo:
        # A printer cannot exist here: the demo's keeps each form it printed in a folder.
        return FolderPrinter(settings.exports_dir / "printed")
    if settings.disc_printer:
        return LpPrinter(settings.disc_printer)
    return NoPrinter()


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


def bureau_sealer(mode: str) -> Sealer:
    """The bureau archive's sealer: the immutable flag where the process may set it (issue 14)."""
    if mode == "off":
        return NoSealer("sealing_off")
    if has_capability(CAP_LINUX_IMMUTABLE):
        return IoctlSealer()
    return NoSealer("no_privilege")


def archive_sweeper(settings: Settings) -> ArchiveSweeper:
    """The privileged sweep of `bwc seal` (bwc-seal@.service): it sets the flags itself."""
    return RequestSweeper(settings.archive_dir / "sha256")


def unseal_content(settings: Settings, sha256: str) -> bool:
    """The helper's one way back (bwc-seal@unseal-<sha256>): clear one content's flag.

    Only after the retention rule allowed the deletion (cli/seal.py checks first); False when
    the archive holds no such content.
    """
    return IoctlSealer().unseal_content(settings.archive_dir / "sha256", sha256)


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
