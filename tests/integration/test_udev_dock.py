"""Real udev: a loop device holding an exFAT recorder card is seen, mounted read-only, offloaded.

Needs root, systemd-udevd, losetup and exFAT tools; skips with a one-line reason otherwise.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.adapters.mount import CommandMounter, kernel_or_fuse
from appliance.adapters.udev import UdevWatcher
from appliance.bootstrap import Services, build_dock
from appliance.config import DriverRule
from appliance.demo import DemoBadge
from appliance.ports import DockEvent
from tests.accounts import owners, run_bwc, shared_tmp, why_not_as_others
from tests.media_step import home_state, spoiled_home, traced

UDEVD = Path("/lib/systemd/systemd-udevd")


def missing() -> str:
    if os.geteuid() != 0:
        return "needs root for loop devices and mounts"
    for tool in ("losetup", "mkfs.exfat", "udevadm", "blockdev"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not UDEVD.exists():
        return "systemd-udevd is not installed"
    if not Path("/dev/loop-control").exists():
        return "no loop devices on this machine"
    if not Path("/dev/fuse").exists() and "exfat" not in Path("/proc/filesystems").read_text():
        return "neither an exFAT driver nor FUSE"
    return ""


pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "ok")


def run(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.fixture
def udevd() -> Iterator[None]:
    """A running udevd: the machine's, or one started here (ready when --daemon returns)."""
    running = subprocess.run(["udevadm", "control", "--ping"], capture_output=True).returncode
    if running != 0:
        run(str(UDEVD), "--daemon")
    yield
    if running != 0:
        # On a busy machine --exit can time out while a worker finishes; then it is stopped.
        stopped = subprocess.run(["udevadm", "control", "--exit"], capture_output=True, timeout=90)
        if stopped.returncode != 0:
            subprocess.run(["pkill", "-TERM", "-x", "systemd-udevd"], capture_output=True)


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """An exFAT image holding DCIM clips and the recorder's SERIAL.TXT."""
    image = tmp_path / "card.img"
    with image.open("wb") as out:
        out.truncate(48 * 1024 * 1024)
    run("mkfs.exfat", str(image))
    mountpoint = Path(tempfile.mkdtemp())
    # FUSE exFAT needs a block device, so the card is written through a loop device too.
    loop = run("losetup", "--find", "--show", str(image)).strip()
    # A loop device keeps its read-only flag from an earlier user; this one must write.
    run("blockdev", "--setrw", loop)
    try:
        run("mount", "-t", kernel_or_fuse("exfat"), loop, str(mountpoint))
        try:
            (mountpoint / "DCIM" / "100MEDIA").mkdir(parents=True)
            for index in range(4):
                (mountpoint / "DCIM" / "100MEDIA" / f"VID_{index:04d}.MP4").write_bytes(
                    os.urandom(64 * 1024)
                )
            (mountpoint / "SERIAL.TXT").write_text("SN=DSJ-B001\n")
        finally:
            run("umount", str(mountpoint))
    finally:
        run("losetup", "--detach", loop)
    return image


def mount_options(target: Path) -> str:
    """The options /proc/mounts shows for a mount point."""
    for line in Path("/proc/mounts").read_text().splitlines():
        fields = line.split()
        if fields[1] == str(target):
            return fields[3]
    raise AssertionError(f"{target} is not mounted")


def card_files(loop: str) -> list[str]:
    """What is left on the card, read through a fresh read-only mount."""
    look = Path(tempfile.mkdtemp())
    run("mount", "-t", kernel_or_fuse("exfat"), "-o", "ro", loop, str(look))
    try:
        return sorted(str(p.relative_to(look)) for p in look.rglob("*") if p.is_file())
    finally:
        run("umount", str(look))


def wait_for(watcher: UdevWatcher, devnode: str, with_fs: bool) -> DockEvent:
    """The event that brings (or takes away) the file system on devnode.

    The monitor's socket can overflow on a busy machine and drop the event, so between
    events the watcher's own present() (udev's database, as the dock reads it at start)
    answers too. A loop device detached and attached again at once can leave udev's record of
    it without the file system (the detach's change handled after the attach's), so the wait
    asks udev to look at the device again now and then.
    """
    for second in range(60):
        if second in (10, 30):
            run("udevadm", "trigger", "--action=change", devnode)
        event = watcher.wait(1.0)
        if event is not None and event.devnode == devnode and bool(event.fs_type) is with_fs:
            return event
        now = [seen for seen in watcher.present() if seen.devnode == devnode]
        if with_fs and now:
            return now[0]
        if not with_fs and not now:
            return DockEvent(action="change", devnode=devnode)
    raise AssertionError(f"udev never reported {devnode} {'with' if with_fs else 'without'} fs")


def test_udev_sees_the_card_and_the_dock_offloads_it_read_only(
    demo: tuple[Services, dict[str, DemoBadge]], udevd: None, card: Path, tmp_path: Path
) -> None:
    services, _ = demo
    watcher = UdevWatcher()
    loop = run("losetup", "--find", "--show", str(card)).strip()
    try:
        arrived = wait_for(watcher, loop, with_fs=True)
        assert arrived.fs_type == "exfat"
        seen: list[DockEvent] = []

        def loop_is_a_recorder(event: DockEvent) -> DriverRule | None:
            seen.append(event)
            return DriverRule("0000:0000", "mass_storage") if event.devnode == loop else None

        mounted_ro_before_clearing: list[str] = []

        class WatchedMounter(CommandMounter):
            """The real mount step, noting how the card was mounted when clearing began."""

            def writable(self, event: DockEvent, name: str) -> None:
                options = mount_options(self.media_root / name)
                mounted_ro_before_clearing.append(options.split(",")[0])
                super().writable(event, name)

        mounter = WatchedMounter(tmp_path / "media")
        dock = build_dock(services, mounter=mounter, predicate=loop_is_a_recorder)
        future = dock.submit(arrived)
        assert future is not None
        outcome = future.result(timeout=120)
        dock.shutdown()
        assert outcome.serial == "DSJ-B001"
        assert outcome.progress is not None and outcome.progress.clips_new == 4
        # Cleared through a read-write remount only after every clip was verified (§4 step 7).
        assert outcome.progress.clips_cleared == 4
        assert not (tmp_path / "media" / "DSJ-B001").is_mount()
        assert len(services.clips.listing()) == 4
        assert mounted_ro_before_clearing == ["ro"]
        assert card_files(loop) == ["SERIAL.TXT"]
    finally:
        run("blockdev", "--setrw", loop)
        run("losetup", "--detach", loop)
    wait_for(watcher, loop, with_fs=False)


def test_bwc_media_keeps_root_on_a_home_of_another_user_and_writes_nothing_there(
    udevd: None, card: Path
) -> None:
    """The privileged mount step stays root (DESIGN §1) and opens no home (DESIGN §6)."""
    if why_not_as_others():
        pytest.skip(why_not_as_others())
    nobody = pwd.getpwnam("nobody")
    watcher = UdevWatcher()
    with shared_tmp("bwc-media-") as base:
        home = base / "home"
        home.mkdir()
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        h = ("--home", str(home))
        assert run_bwc(*h, "init", "--unit-code", "U01", "--unit-name", "U").returncode == 0
        before = {(str(p), p.lstat().st_mtime_ns) for p in home.rglob("*")}
        media = base / "media"
        loop = run("losetup", "--find", "--show", str(card)).strip()
        name = Path(loop).name
        try:
            wait_for(watcher, loop, with_fs=True)
            refused = run_bwc(*h, "media", "mount", name, "--media-root", str(media), user="nobody")
            assert refused.returncode == 1 and refused.stderr.count("\n") == 1
            assert "Traceback" not in refused.stderr

            mounted = run_bwc(*h, "media", "mount", name, "--media-root", str(media))

            assert mounted.returncode == 0, mounted.stderr
            assert mount_options(media / name).split(",")[0] == "ro"
            unmounted = run_bwc(*h, "media", "unmount", name, "--media-root", str(media))
            assert unmounted.returncode == 0, unmounted.stderr
            assert not (media / name).is_mount()
        finally:
            if (media / name).is_mount():
                run("umount", str(media / name))
            run("blockdev", "--setrw", loop)
            run("losetup", "--detach", loop)
        assert {(str(p), p.lstat().st_mtime_ns) for p in home.rglob("*")} == before
        assert owners(home) == {(nobody.pw_uid, nobody.pw_gid)}
    wait_for(watcher, loop, with_fs=False)


@pytest.mark.parametrize("how", ["garbage", "newer"])
def test_bwc_media_mounts_a_card_beside_a_database_it_cannot_read(
    udevd: None, card: Path, tmp_path: Path, how: str
) -> None:
    """The mount step dispatches before any database (issue 8): a spoiled one is no matter."""
    home = spoiled_home(tmp_path / "home", how)
    before = home_state(home)
    media = tmp_path / "media"
    watcher = UdevWatcher()
    loop = run("losetup", "--find", "--show", str(card)).strip()
    name = Path(loop).name
    try:
        wait_for(watcher, loop, with_fs=True)
        h = ("--home", str(home), "--lang", "en")

        mounted = traced(*h, "media", "mount", name, "--media-root", str(media))

        assert (mounted.code, mounted.said) == (0, [])
        assert mounted.stdout == f"{media / name}\n"
        assert mount_options(media / name).split(",")[0] == "ro"
        assert sorted(p.name for p in (media / name).iterdir()) == ["DCIM", "SERIAL.TXT"]
        unmounted = traced(*h, "media", "unmount", name, "--media-root", str(media))
        assert (unmounted.code, unmounted.said) == (0, [])
        assert not (media / name).is_mount()
        for step in (mounted, unmounted):
            assert step.database_code() == [] and "appliance.cli.media" in step.loaded
    finally:
        if (media / name).is_mount():
            run("umount", str(media / name))
        run("blockdev", "--setrw", loop)
        run("losetup", "--detach", loop)
    assert home_state(home) == before
