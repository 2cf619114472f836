"""Write-once: an archived clip cannot be changed by the service user; one way back by rule.

DESIGN §3.2, §11, Art. 11: nobody cuts or changes an original. On an ext4 file system this
test makes as root (mkfs.ext4 on a loop file), the service user who owns the archive cannot
write, truncate, unlink or rename a sealed clip, nor clear its flag with `chattr -i`. The seal
helper (`bwc seal --request unseal-<sha256>`, run as root here as bwc-seal@ runs it) clears the
flag of one content named by its hash only when the retention rule allows its deletion.
"""

from __future__ import annotations

import gc
import json
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SettableClock
from appliance.adapters.seal import (
    CAP_LINUX_IMMUTABLE,
    HelperSealer,
    IoctlSealer,
    has_capability,
    is_immutable,
)
from appliance.bootstrap import build_services
from tests.accounts import unseal_tree
from tests.cli_run import env as bwc_env
from tests.retention_world import SYSTEM, T0, World, make_template

SYSTEM_PYTHON = Path("/usr/bin/python3")


def why_not() -> str:
    if os.geteuid() != 0 or not has_capability(CAP_LINUX_IMMUTABLE):
        return "needs root (CAP_LINUX_IMMUTABLE)"
    for tool in ("mkfs.ext4", "mount", "umount", "setpriv", "chattr", "lsattr"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/dev/loop-control").exists() or not SYSTEM_PYTHON.exists():
        return "no loop devices or no system python3"
    return ""


pytestmark = pytest.mark.skipif(bool(why_not()), reason=why_not() or "ok")

# What the service user tries on a sealed clip, each in a fresh process; one line per attempt.
ATTEMPTS = r"""
import os, subprocess, sys
path = sys.argv[1]
def attempt(name, act):
    try:
        act()
        print(name, "SUCCEEDED")
    except OSError as exc:
        print(name, "refused", exc.errno)
attempt("write", lambda: open(path, "r+b").close())
attempt("append", lambda: open(path, "ab").close())
attempt("truncate", lambda: os.truncate(path, 0))
attempt("unlink", lambda: os.unlink(path))
attempt("rename", lambda: os.rename(path, path + ".x"))
attempt("chmod", lambda: os.chmod(path, 0o640))
done = subprocess.run(["chattr", "-i", path], capture_output=True)
print("chattr", "SUCCEEDED" if done.returncode == 0 else "refused", done.returncode)
"""


@pytest.fixture
def ext4(tmp_path: Path) -> Iterator[Path]:
    """A fresh ext4 file system on a loop file, mounted for this test only."""
    image, mount = tmp_path / "fs.img", tmp_path / "mnt"
    mount.mkdir()
    with image.open("wb") as handle:
        handle.truncate(48 * 1024 * 1024)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True, capture_output=True)
    subprocess.run(["mount", "-o", "loop", str(image), str(mount)], check=True)
    try:
        mount.chmod(0o755)
        yield mount
    finally:
        unseal_tree(mount)
        # A connection the collector has not closed yet keeps the mount busy: collect first.
        gc.collect()
        if subprocess.run(["umount", str(mount)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)


def test_the_service_user_cannot_change_a_sealed_clip_in_any_way(ext4: Path) -> None:
    service = pwd.getpwnam("nobody")
    world = World.copy_of(make_template(ext4 / "t"), ext4 / "home")
    clip_id = world.add_clip(T0 - timedelta(days=200), "1001")
    world.close()
    home = world.home
    for directory, dirs, files in os.walk(home):
        for name in dirs + files:
            os.chown(Path(directory) / name, service.pw_uid, service.pw_gid)
    os.chown(home, service.pw_uid, service.pw_gid)
    archive = ArchiveFS(home / "archive", home / "staging", IoctlSealer())
    sha256 = world.contents[clip_id]
    assert archive.seal([sha256]).sealed == 1
    path = archive.path_for(sha256)
    original = path.read_bytes()
    lsattr = subprocess.run(["lsattr", str(path)], capture_output=True, text=True, check=True)
    assert "i" in lsattr.stdout.split()[0]
    done = subprocess.run(
        ["setpriv", f"--reuid={service.pw_uid}", f"--regid={service.pw_gid}", "--clear-groups",
         "--", str(SYSTEM_PYTHON), "-I", "-c", ATTEMPTS, str(path)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    outcomes = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert set(outcomes) == {"write", "append", "truncate", "unlink", "rename", "chmod", "chattr"}
    assert all(not value.startswith("SUCCEEDED") for value in outcomes.values()), outcomes
    # The owner of the directory and of the file, and still nothing moved (Art. 11).
    assert path.read_bytes() == original and is_immutable(path) is True
    assert sorted(p.name for p in path.parent.iterdir()) == [sha256]


def helper_runner(home: Path) -> HelperSealer:
    """bwc-seal@<request> as systemd runs it: `bwc seal --request <request>`, as root."""

    def run(argv: list[str]) -> tuple[int, str]:
        unit = argv[-1]
        request = unit.removeprefix("bwc-seal@").removesuffix(".service")
        done = subprocess.run(
            [sys.executable, "-m", "appliance", "--home", str(home), "seal", "--request", request],
            capture_output=True, text=True, env=bwc_env(), check=False, timeout=120,
        )  # fmt: skip
        return done.returncode, done.stderr.strip()

    return HelperSealer(run=run)


def test_the_helper_unseals_only_what_the_retention_rule_allows(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    probe.write_bytes(b"")
    if is_immutable(probe) is None:
        pytest.skip("the tmp file system has no immutable flag")
    # The helper is a real process on the real clock: so is this home.
    now = datetime.now(UTC)
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", now)
    old = world.add_clip(now - timedelta(days=200), "1001")
    young = world.add_clip(now - timedelta(days=10), "1001")
    world.receipt([old, young])
    world.close()
    home = world.home
    settings = config.load(home, home / "kiosk.toml")
    archive = ArchiveFS(settings.archive_dir, settings.staging_dir, helper_runner(home))
    assert IoctlSealer().seal([archive.path_for(world.contents[c]) for c in (old, young)]).sealed
    try:
        # Asked directly for the young clip: the rule does not allow it; the seal stays.
        refused = helper_runner(home)._run(
            ["systemctl", "start", f"bwc-seal@unseal-{world.contents[young]}.service"]
        )
        assert refused[0] == 1 and "retention rule does not allow" in refused[1]
        assert is_immutable(archive.path_for(world.contents[young])) is True
        clock = SettableClock(datetime.now(UTC))
        services = build_services(settings, clock=clock, archive=archive)
        try:
            report = services.retention.run(SYSTEM)
            events = list(services.store.audit_log.iterate())
        finally:
            services.close()
        assert [j.clip_id for j in report.eligible] == [old] and report.failed == ()
        assert not archive.exists(world.contents[old])
        assert is_immutable(archive.path_for(world.contents[young])) is True
        unseals = [(e.object_id, e.outcome) for e in events if e.action == "archive_unseal"]
        assert unseals == [(world.contents[young], "refused"), (world.contents[old], "ok")]
        refusal = [e for e in events if e.action == "archive_unseal"][0]
        assert json.loads(refusal.detail_json)["reason"] == "unseal_not_allowed"
    finally:
        unseal_tree(home)
