"""The archive side fails: a full disk, an fsync error, a bit flipped before verification."""

from __future__ import annotations

import errno
import json
import os
import random
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.archive_fs import hash_file
from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services, build_services
from appliance.demo import make_home
from tests.conftest import DEMO_PINS, START
from tests.fault.drivers import UnpluggedRecorder
from tests.fault.invariants import (
    archive_files,
    assert_no_half_written_file,
    assert_no_parts,
    assert_no_row_without_file,
    rows,
)

BIT_FLIP_TRIALS = max(50, int(os.environ.get("BWC_FAULT_TRIALS", "200")) // 4)


def _recorder(
    root: Path, rng: random.Random, sizes: list[int]
) -> tuple[UnpluggedRecorder, dict[str, str]]:
    create_simulator(root, "DSJ-A001")
    originals = {}
    for number, size in enumerate(sizes, start=1):
        name = f"DCIM/100MEDIA/FILE{number:04d}.MP4"
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(rng.randbytes(size))
        originals[name] = hash_file(root / name)
    return UnpluggedRecorder(create_simulator(root, "DSJ-A001"), None), originals


def _home(tmp_path: Path, **overrides: object) -> Services:
    home = tmp_path / "home"
    make_home(home, language="en", clock=SettableClock(START), pins=DEMO_PINS)
    return build_services(config.load(home, home / "kiosk.toml"), **overrides)


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs for the whole home (archive and staging must share a file system)."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_archive_gives_a_clear_error_and_nothing_half_done(
    small_tmpfs: Path, tmp_path: Path
) -> None:
    home = small_tmpfs / "home"
    services, _ = make_home(home, language="en", clock=SettableClock(START), pins=DEMO_PINS)
    driver, originals = _recorder(tmp_path / "rec", random.Random(3), [700_000] * 6)

    progress = services.offload.run(driver)

    # The first clips fit, then the reserve is reached: the job stops before ENOSPC and says
    # why, on the job row and in the log (DESIGN §3.3), and names the clip that did not fit.
    fitted = progress.clips_new
    assert 0 < fitted < 6, progress
    assert (progress.state, progress.error) == ("failed", "archive_full")
    assert (progress.clips_total, progress.clips_failed) == (6, 6 - fitted)
    assert rows(home / "bwc.db", "SELECT state, error FROM offload_job") == [
        ("failed", "archive_full")
    ]
    names = sorted(originals)
    failed = [
        (e.outcome, json.loads(e.detail_json))
        for e in services.store.audit_log.recent(40)
        if e.action == "clip_ingest"
    ]
    assert failed == [("failed", {"job": 1, "reason": "no_space", "source": names[fitted]})]
    [ended] = [e for e in services.store.audit_log.recent(40) if e.action == "offload_fail"]
    assert (ended.outcome, json.loads(ended.detail_json)["error"]) == ("failed", "archive_full")
    assert_no_parts(home)
    assert_no_half_written_file(home)
    assert_no_row_without_file(home)
    # Exactly the clips that fitted are archived, whole.
    assert set(archive_files(home)) == {originals[name] for name in names[:fitted]}
    # Step 7 never ran: the recorder keeps everything.
    assert driver.deleted == []
    assert all((tmp_path / "rec" / name).exists() for name in originals)


class FailFirstFsync:
    """An fsync port that fails once for the first regular file, as a dying disk would."""

    def __init__(self) -> None:
        self.failed = 0

    def __call__(self, fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode) and self.failed == 0:
            self.failed += 1
            raise OSError(errno.EIO, "Input/output error")
        os.fsync(fd)


def test_fsync_failure_redoes_the_clip_from_the_source(tmp_path: Path) -> None:
    fsync = FailFirstFsync()
    services = _home(tmp_path, archive_fsync=fsync)
    driver, originals = _recorder(tmp_path / "rec", random.Random(4), [50_000, 80_000, 20_000])

    progress = services.offload.run(driver)

    assert fsync.failed == 1
    assert progress.state == "done", progress.error
    assert progress.clips_new == len(originals)
    # The failed clip was read again from the recorder, never re-synced in place.
    assert sorted(driver.opened.values()) == [1, 1, 2]
    failures = [e for e in services.store.audit_log.recent(200) if e.action == "clip_ingest"]
    assert len(failures) == 1 and "io_error:EIO" in failures[0].detail_json
    assert_no_half_written_file(services.settings.home)
    assert set(archive_files(services.settings.home)) == set(originals.values())


class FlipOneBit:
    """An fsync port that, when armed, flips one random bit of the file it syncs, once."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.armed = False
        self.flips = 0

    def __call__(self, fd: int) -> None:
        info = os.fstat(fd)
        if self.armed and stat.S_ISREG(info.st_mode) and info.st_size:
            self.armed = False
            self.flips += 1
            offset = self._rng.randrange(info.st_size)
            byte = os.pread(fd, 1, offset)[0] ^ (1 << self._rng.randrange(8))
            os.pwrite(fd, bytes([byte]), offset)
        os.fsync(fd)


def test_a_flipped_bit_is_caught_every_time_before_any_clearing(tmp_path: Path) -> None:
    rng = random.Random(5)
    flipper = FlipOneBit(rng)
    services = _home(tmp_path, archive_fsync=flipper)
    home = services.settings.home
    caught = 0
    for trial in range(BIT_FLIP_TRIALS):
        driver, originals = _recorder(tmp_path / f"rec{trial}", rng, [rng.randint(1, 200_000)])
        flipper.armed = True
        first_seq = services.store.audit_log.count() + 1

        progress = services.offload.run(driver)

        assert flipper.flips == trial + 1, "the first copy must have been corrupted"
        events = [
            e
            for e in services.store.audit_log.recent(40)
            if e.seq >= first_seq and e.action in ("clip_ingest", "clip_cleared")
        ]
        mismatch = [e.seq for e in events if "verify_mismatch" in e.detail_json]
        cleared = [e.seq for e in events if e.action == "clip_cleared"]
        if mismatch and cleared and max(mismatch) < min(cleared):
            caught += 1
        assert progress.state == "done", progress.error
        assert set(originals.values()) <= set(archive_files(home))
    assert caught == BIT_FLIP_TRIALS
    assert_no_half_written_file(home)
    assert rows(home / "bwc.db", "SELECT count(*) FROM clip") == [(BIT_FLIP_TRIALS,)]
