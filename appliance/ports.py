"""Provides the ports: the protocols that adapters implement and services depend on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from appliance.config import DriverRule
from appliance.domain.footage import MediaInfo, SkipReason

# Re-exported: a driver's status() is a port's answer.
from appliance.domain.readings import DeviceStatus as DeviceStatus

# Re-exported: the archive's ports live in a module of their own (DESIGN §2, §3.2).
from appliance.ports_archive import Archive as Archive
from appliance.ports_archive import ArchiveSweeper as ArchiveSweeper
from appliance.ports_archive import Buffer as Buffer
from appliance.ports_archive import ContentConflict as ContentConflict
from appliance.ports_archive import DeletedContent as DeletedContent
from appliance.ports_archive import JobStaging as JobStaging
from appliance.ports_archive import PartCorrupt as PartCorrupt
from appliance.ports_archive import Progress as Progress
from appliance.ports_archive import Sealer as Sealer
from appliance.ports_archive import SealReport as SealReport
from appliance.ports_archive import Staging as Staging

# Re-exported: the evidence disc's port (DESIGN §12).
from appliance.ports_disc import DISC_REASONS as DISC_REASONS
from appliance.ports_disc import DiscError as DiscError
from appliance.ports_disc import DiscImage as DiscImage
from appliance.ports_disc import DiscReader as DiscReader
from appliance.ports_disc import DiscWriter as DiscWriter
from appliance.ports_disc import FormError as FormError
from appliance.ports_disc import FormRenderer as FormRenderer
from appliance.ports_package import ContentDiffers as ContentDiffers
from appliance.ports_package import PackageContents as PackageContents
from appliance.ports_package import PackageReader as PackageReader
from appliance.ports_package import PackageWriter as PackageWriter
from appliance.ports_print import PRINT_REASONS as PRINT_REASONS
from appliance.ports_print import Printer as Printer
from appliance.ports_print import PrintError as PrintError


class Clock(Protocol):
    """Tells the time (always timezone-aware UTC)."""

    def now(self) -> datetime:
        """The current instant."""
        ...


class Signer(Protocol):
    """Signs and verifies with one Ed25519 key pair."""

    def sign(self, message: bytes) -> bytes:
        """A detached signature over message."""
        ...

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when signature is this key's signature over message."""
        ...

    def public_key_b64(self) -> str:
        """The raw public key, base64, for the audit office."""
        ...

    def can_sign(self) -> bool:
        """Whether this process holds the private half (the kiosk holds only the public)."""
        ...


class KeyVerifier(Protocol):
    """Verifies Ed25519 signatures with a public key given as text (the audit office's copy)."""

    def is_public_key(self, public_key_b64: str) -> bool:
        """Whether the text is a raw public key, base64 (a key file's content)."""
        ...

    def verify(self, public_key_b64: str, message: bytes, signature: bytes) -> bool:
        """True when signature is that key's over message; ValueError if the text is no key."""
        ...


class LabelImages(Protocol):
    """Renders a label's QR code as a picture for the label printer."""

    def write_png(self, text: str, caption: str, out: Path) -> None:
        """Write the QR code of text to out (atomically), the caption in its metadata."""
        ...


@dataclass(frozen=True)
class DeviceIdentity:
    """What a recorder says it is."""

    serial: str
    brand: str = ""
    model: str = ""


@dataclass(frozen=True)
class ClipRef:
    """One file on a recorder: its path relative to the recorder root, as the recorder named it.

    The name is untrusted (DESIGN §3.5): it may hold spaces, CJK or control characters; it is
    only ever used through the driver that listed it, never joined into a shell or a new path.
    """

    name: str
    size: int
    modified_at: datetime | None = None


@dataclass(frozen=True)
class SkippedEntry:
    """An entry of the card the listing did not take, and why; the name is as untrusted."""

    name: str
    reason: SkipReason


class RecorderDriver(Protocol):
    """One docked recorder (DESIGN §7): the GA/T 947 function set."""

    def identify(self) -> DeviceIdentity:
        """Serial, brand and model."""
        ...

    def status(self) -> DeviceStatus:
        """Batteries, card space and clock, as far as the recorder reports them."""
        ...

    def sync_clock(self, now: datetime) -> None:
        """Set the recorder's clock (the drift is recorded before, by the caller)."""
        ...

    def write_officer(self, badge: str, name: str, unit: str) -> None:
        """Write the holder's identity into the recorder, where it supports that."""
        ...

    def clips(self) -> list[ClipRef]:
        """Every footage file on the recorder, in recorder order."""
        ...

    def skipped(self) -> list[SkippedEntry]:
        """What the last clips() passed over: links, pipes, devices, folders too deep ..."""
        ...

    def open(self, clip: ClipRef) -> BinaryIO:
        """A binary stream of one clip, read-only."""
        ...

    def delete(self, clip: ClipRef) -> None:
        """Delete one clip from the recorder (DESIGN §4 step 7 only)."""
        ...


class DriverFactory(Protocol):
    """Builds the driver for a recorder: a card given as a folder, or a docked device (§7)."""

    def for_folder(self, root: Path, fallback_serial: str | None = None) -> RecorderDriver:
        """A card mounted or copied at root; fallback_serial only if it keeps no identity."""
        ...

    def for_event(
        self, event: DockEvent, rule: DriverRule, mount_root: Path | None
    ) -> RecorderDriver:
        """The driver the rule names for a docked device, where the mount step put it.

        mount_root is None for a driver that reads the device itself (`rule.mounted` False).
        """
        ...

    def own_rule(self, event: DockEvent) -> DriverRule | None:
        """The rule for a device the adapters make themselves (a simulator folder), or None."""
        ...


class Thumbnailer(Protocol):
    """Draws a few small pictures of a clip beside the archive: a display cache, never evidence.

    Sandboxed like the MediaProbe (recorder formats only, the file protocol, a timeout); a clip
    it cannot draw simply has no picture.
    """

    def make(self, sha256: str, source: Path, media: MediaInfo) -> list[Path]:
        """Draw the archived clip at source; the pictures written, in order (none on failure).

        Never raises for a bad file, a hung or crashed decoder, or a full disk.
        """
        ...

    def pictures(self, sha256: str) -> list[Path]:
        """The pictures already drawn of a content, in order (none when there are none)."""
        ...


class MediaProbe(Protocol):
    """Reads a media file's metadata (sandboxed, with a timeout and the file protocol only)."""

    def probe(self, path: Path) -> MediaInfo:
        """Metadata of the file at path; never raises for a bad file."""
        ...

    def warm(self) -> None:
        """Get ready for probes to come: start any helper process it keeps, without waiting."""
        ...

    def close(self) -> None:
        """Stop any helper process it keeps (a later probe may start it again)."""
        ...


@dataclass(frozen=True)
class DockEvent:
    """A block device (or a simulator folder) arriving at or leaving the dock.

    Every field comes from the device: untrusted, checked before use.
    """

    action: str
    devnode: str
    usb_id: str = ""
    serial: str = ""
    fs_type: str = ""
    bus: str = ""


class DeviceWatcher(Protocol):
    """Tells the dock service what is plugged in now and what arrives or leaves."""

    def present(self) -> list[DockEvent]:
        """Devices already there (as "add" events), for start-up."""
        ...

    def wait(self, timeout: float) -> DockEvent | None:
        """The next event, or None after timeout seconds."""
        ...


class Mounter(Protocol):
    """The privileged step (DESIGN §1): read-only mounts, writable only to clear clips."""

    def mount(self, event: DockEvent, name: str) -> Path:
        """Set the block device read-only and mount it; return the mount point."""
        ...

    def writable(self, event: DockEvent, name: str) -> None:
        """Remount read-write, only to clear clips already verified (DESIGN §1, §4 step 7)."""
        ...

    def unmount(self, event: DockEvent, name: str) -> None:
        """Unmount (a device already gone is fine)."""
        ...


@dataclass(frozen=True)
class DemoBadge:
    """A demo person's badge code and PIN, shown on the demo idle screen (never on a box)."""

    badge: str
    name: str
    role: str
    pin: str


class DemoHands(Protocol):
    """The demo's stand-in for an officer's hands: the recorder leaves the dock and comes back.

    On a box real hands do this; the demo's root (appliance.demo) gives the kiosk an
    implementation that moves simulator folders, so the UI never imports an adapter.
    """

    def take(self, serial: str) -> None:
        """The officer lifts the signed-out recorder out of the dock."""
        ...

    def put_back(self, serial: str, signed_out_at: datetime | None = None) -> None:
        """The officer docks the recorder again, with the shift's footage on it."""
        ...

    def dock_drive(self) -> None:
        """The collector (or an exporter, Art. 11, 13) plugs the unit's registered drive in."""
        ...


# Re-exported: the hand-over drive's port (Art. 12(2)); it names DockEvent, so it comes last.
from appliance.ports_drive import DriveDock as DriveDock  # noqa: E402
