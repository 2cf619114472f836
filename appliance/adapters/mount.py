"""Provides the privileged mount step (DESIGN §1): read-only block device, safe mount options.

Run as root by `bwc media mount` under bwc-mount@.service; the dock service itself holds no
privilege and asks systemd for it (SystemdMounter).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from appliance.ports import DockEvent

MEDIA_ROOT = Path("/run/bwc/media")
MOUNT_OPTIONS = "ro,nosuid,nodev,noexec,noatime"
WRITABLE_OPTIONS = "rw,nosuid,nodev,noexec,noatime"
# File systems a recorder card or a disc can carry (the image keeps exactly these drivers).
FS_TYPES = {"vfat": "vfat", "exfat": "exfat", "udf": "udf", "iso9660": "iso9660", "ext4": "ext4"}
_DEVNODE = re.compile(r"/dev/[a-z0-9]{2,16}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class MountRefused(OSError):
    """The device node, the name or the file system is not one we mount."""


def check(event: DockEvent, name: str) -> tuple[str, str]:
    """Validate the untrusted devnode, mount name and file-system type."""
    if not _DEVNODE.fullmatch(event.devnode):
        raise MountRefused(f"not a device node: {event.devnode!r}")
    if not _NAME.fullmatch(name):
        raise MountRefused(f"not a mount name: {name!r}")
    fs_type = FS_TYPES.get(event.fs_type)
    if fs_type is None:
        raise MountRefused(f"not a recorder file system: {event.fs_type!r}")
    return event.devnode, fs_type


class CommandMounter:
    """Mounts with blockdev and mount directly (needs root: the mount helper, or a test)."""

    def __init__(self, media_root: Path = MEDIA_ROOT) -> None:
        self.media_root = media_root

    def mount(self, event: DockEvent, name: str) -> Path:
        """blockdev --setro, then mount ro,nosuid,nodev,noexec,noatime under media_root/name."""
        devnode, fs_type = check(event, name)
        target = self.media_root / name
        target.mkdir(parents=True, exist_ok=True, mode=0o750)
        # Read-only at the block layer first: not even a journal replay may write the card.
        _run(["blockdev", "--setro", devnode])
        _run(["mount", "-t", kernel_or_fuse(fs_type), "-o", MOUNT_OPTIONS, devnode, str(target)])
        return target

    def writable(self, event: DockEvent, name: str) -> None:
        """Make the device and its mount writable again, for clearing verified clips only."""
        devnode, fs_type = check(event, name)
        target = self.media_root / name
        _run(["blockdev", "--setrw", devnode])
        driver = kernel_or_fuse(fs_type)
        if driver.endswith("-fuse"):
            # The FUSE daemon opened the device read-only: a remount would succeed in the
            # kernel and fail every write, so mount afresh, read-write.
            _run(["umount", str(target)])
            _run(["mount", "-t", driver, "-o", WRITABLE_OPTIONS, devnode, str(target)])
        else:
            _run(["mount", "-o", "remount," + WRITABLE_OPTIONS, str(target)])

    def unmount(self, event: DockEvent, name: str) -> None:
        """Unmount media_root/name if mounted."""
        if not _NAME.fullmatch(name):
            raise MountRefused(f"not a mount name: {name!r}")
        target = self.media_root / name
        if target.is_mount():
            _run(["umount", str(target)])


class SystemdMounter:
    """Asks systemd to run the privileged helper as bwc-mount@<device>.service."""

    def __init__(self, media_root: Path = MEDIA_ROOT) -> None:
        self.media_root = media_root

    def mount(self, event: DockEvent, name: str) -> Path:
        """Start bwc-mount@<dev>.service; it mounts under media_root/<serial>."""
        devnode, _ = check(event, name)
        _run(["systemctl", "start", f"bwc-mount@{Path(devnode).name}.service"])
        return self.media_root / name

    def writable(self, event: DockEvent, name: str) -> None:
        """Reload bwc-mount@<dev>.service: its ExecReload remounts read-write for clearing."""
        devnode, _ = check(event, name)
        _run(["systemctl", "reload", f"bwc-mount@{Path(devnode).name}.service"])

    def unmount(self, event: DockEvent, name: str) -> None:
        """Stop bwc-mount@<dev>.service (its ExecStop unmounts)."""
        if _DEVNODE.fullmatch(event.devnode):
            _run(["systemctl", "stop", f"bwc-mount@{Path(event.devnode).name}.service"])


def kernel_or_fuse(fs_type: str) -> str:
    """The kernel's driver where it has one, else the FUSE helper (exfat-fuse) if installed."""
    try:
        known = Path("/proc/filesystems").read_text(encoding="ascii").split()
    except OSError:
        return fs_type
    if fs_type in known:
        return fs_type
    for sbin in ("/sbin", "/usr/sbin"):
        if Path(sbin, f"mount.{fs_type}-fuse").exists():
            return f"{fs_type}-fuse"
    return fs_type


def _run(argv: list[str]) -> None:
    # Fixed programs, validated arguments, no shell (DESIGN §3.5).
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)  # noqa: S603
    if result.returncode != 0:
        raise MountRefused(f"{argv[0]} failed: {result.stderr.strip()[:200]}")
