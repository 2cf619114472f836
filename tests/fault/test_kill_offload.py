"""A real `bwc offload` process killed with SIGKILL at random moments (DESIGN §3.1, §4).

After every kill the next process restarts with reconciliation; the evidence invariants
hold after each kill, and each recorder ends fully archived once the offload is repeated.
Trials: 200 by default, BWC_FAULT_TRIALS for more. Two homes run side by side (two cores).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from appliance import config
from appliance.adapters.archive_fs import hash_file
from appliance.bootstrap import build_services
from appliance.demo import make_home
from tests.fault.invariants import (
    assert_no_file_without_row,
    assert_no_half_written_file,
    assert_no_parts,
    assert_no_row_without_file,
    assert_nothing_deleted_unverified,
    integrity_ok,
    rows,
)

TRIALS = int(os.environ.get("BWC_FAULT_TRIALS", "200"))
CHAINS = 2
SERIAL = "DSJ-A001"
BWC = Path(sys.executable).parent / "bwc"


def _card(root: Path, clips: list[Path], rng: random.Random) -> dict[str, str]:
    """A small card: real clips plus fresh random bytes, so every round has new content."""
    folder = root / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    contents = [clip.read_bytes() for clip in rng.sample(clips, 2)]
    contents += [rng.randbytes(rng.randint(1, 400_000)) for _ in range(2)]
    originals = {}
    for number, content in enumerate(contents, start=1):
        name = f"DCIM/100MEDIA/FILE{number:04d}.MP4"
        (root / name).write_bytes(content)
        originals[name] = hash_file(root / name)
    return originals


def lean_env(pycache: Path) -> dict[str, str]:
    """The environment with byte-code caching on (in a private prefix), so start-up is lean."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


_ENV: dict[str, str] = {}


def _offload(home: Path, card: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BWC), "--home", str(home), "offload", "--device", SERIAL, "--source", str(card)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_ENV or None,
        start_new_session=True,
    )


def _power_cut(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and its children (ffprobe) at once, as a power cut does."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    # The children die asynchronously; wait until none of the group runs any more.
    deadline = time.monotonic() + 30
    while _group_alive(process.pid) and time.monotonic() < deadline:
        os.sched_yield()


def _group_alive(group: int) -> bool:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            return True
    return False


def _check(home: Path, card: Path, originals: dict[str, str]) -> None:
    assert integrity_ok(home / "bwc.db")
    assert_no_half_written_file(home)
    assert_no_row_without_file(home)
    assert_nothing_deleted_unverified(home, card, SERIAL, originals)
    # Each check has a store of its own: the two chains' checks run side by side.
    services = build_services(config.load(home, home / "kiosk.toml"))
    try:
        report = services.offload.reconcile()
    finally:
        services.close()
    if not report.archive_scanned:
        holders = []
        for fd_dir in Path("/proc").glob("[0-9]*/fd"):
            try:
                for fd in fd_dir.iterdir():
                    if os.readlink(fd).endswith("/staging/.active"):
                        cmd = (fd_dir.parent / "cmdline").read_bytes()[:200]
                        holders.append((fd_dir.parent.name, cmd))
            except OSError:
                continue
        raise AssertionError(f"archive not scanned: .active is held by {holders}")
    assert_no_parts(home)
    assert_no_file_without_row(home)
    assert_no_row_without_file(home)
    running = rows(home / "bwc.db", "SELECT id FROM offload_job WHERE finished_at IS NULL")
    assert running == [], "a dead job is still shown as running"


def _chain(
    index: int,
    base: Path,
    clips: list[Path],
    trials: int,
    span: tuple[float, float],
    report: dict[str, int],
) -> None:
    rng = random.Random(1000 + index)
    home = base / f"home{index}"
    services, _ = make_home(home, language="en")
    services.close()
    round_number, card = 0, Path()
    originals: dict[str, str] = {}
    killed = completed = 0
    # Kill moments are drawn between the end of start-up and the typical end of a run, learnt
    # from the runs that completed (the machine's speed varies under load); a card emptied
    # by the runs so far completes at once and the next round brings new content.
    durations = [span[1]]
    for trial in range(trials + 1):
        if trial == 0 or not originals:
            round_number += 1
            card = base / f"card{index}-{round_number}"
            originals = _card(card, clips, rng)
        started = time.monotonic()
        process = _offload(home, card)
        last = trial == trials
        typical = sorted(durations)[len(durations) // 2]
        try:
            process.wait(timeout=None if last else rng.uniform(span[0], typical))
            elapsed = time.monotonic() - started
        except subprocess.TimeoutExpired:
            _power_cut(process)
            killed += 1
            elapsed = 0.0
        _check(home, card, originals)
        if process.returncode == 0:
            completed += 1
            if elapsed:
                durations = [*durations[-9:], elapsed]
            # Repeating the offload got every clip in, and only then off the recorder.
            committed = {
                (str(n), str(s))
                for n, s in rows(home / "bwc.db", "SELECT source_name, sha256 FROM clip")
            }
            assert set(originals.items()) <= committed
            assert not any((card / name).exists() for name in originals)
            originals = {}
        else:
            assert process.returncode == -signal.SIGKILL, (
                process.stderr.read() if process.stderr else b""
            )
        if process.stderr:
            process.stderr.close()
    report[f"killed{index}"] = killed
    report[f"completed{index}"] = completed


def _timings(base: Path, clips: list[Path]) -> tuple[float, float]:
    """(start-up, whole run) seconds of one `bwc` process on this machine."""
    home = base / "measure"
    services, _ = make_home(home, language="en")
    services.close()
    card = base / "measure-card"
    _card(card, clips, random.Random(1))
    started = time.monotonic()
    subprocess.run(
        [str(BWC), "--home", str(home), "clips", "list"], check=True, capture_output=True
    )
    startup = time.monotonic() - started
    started = time.monotonic()
    process = _offload(home, card)
    assert process.wait(timeout=120) == 0
    if process.stderr:
        process.stderr.close()
    return startup, time.monotonic() - started


def test_sigkill_at_random_moments_loses_nothing(
    tmp_path: Path, generated_clips: dict[str, list[Path]]
) -> None:
    clips = generated_clips["audio"] + generated_clips["silent"]
    _ENV.update(lean_env(tmp_path / "pycache"))
    startup, whole = _timings(tmp_path, clips)
    span = (0.8 * startup, whole)
    report: dict[str, int] = {}
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            _chain(index, tmp_path, clips, TRIALS // CHAINS, span, report)
        except BaseException as exc:  # surfaced below, with the chain's trial
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CHAINS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    assert sum(v for k, v in report.items() if k.startswith("killed")) >= TRIALS // 2, report
