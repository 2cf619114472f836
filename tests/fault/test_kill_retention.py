"""A retention run killed with SIGKILL at random moments (invariant 4, DESIGN §11).

Every clip is, after every kill, either its file and its row, or its tombstone, never neither;
a tombstone never lacks its deletion event; the next run finishes what the killed one began,
and each eligible clip ends deleted once, with its tombstone. A trial is one forked process
(the setup is done once, in this process, so a trial costs a copy and a fork): 100 trials by
default, BWC_RETENTION_KILL_TRIALS for more. The trials fork from a fork server, not from this
process: once typst has rendered a destruction list here, a render in a child forked from
this process hangs (its worker threads do not survive a fork).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from tests.retention_world import SYSTEM, T0, World, make_template, open_world

TRIALS = int(os.environ.get("BWC_RETENTION_KILL_TRIALS", "100"))
NOW = T0 + timedelta(days=1)
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload([__name__])


@pytest.fixture(scope="module")
def base() -> Iterator[Path]:
    """tmpfs when there is one: the kill's moment, not the disk, is what varies here."""
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(prefix="bwc-kill-", dir=shm if shm.is_dir() else None))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def template(base: Path) -> tuple[Path, set[int], dict[int, str]]:
    """Twenty clips: twelve eligible (two sharing a content), the rest held, young or not
    handed over; returns the home, the eligible ids and each clip's content."""
    world = World.copy_of(make_template(base / "t"), base / "home", T0)
    rng = random.Random(7)
    eligible: list[int] = []
    others: list[int] = []
    for index in range(12):
        share = eligible[0] if index == 11 else None
        eligible.append(world.add_clip(T0 - timedelta(days=rng.randint(181, 400)), "1001", share))
    for _ in range(4):
        others.append(world.add_clip(T0 - timedelta(days=300), "1002"))
    young = [world.add_clip(T0 - timedelta(days=30), "1001") for _ in range(2)]
    unhanded = [world.add_clip(T0 - timedelta(days=300), "1001") for _ in range(2)]
    world.receipt(eligible + others + young)
    world.services.holds.set_on_clips(world.person("2001"), "complaint", "kept", others)
    world.close()
    del unhanded
    return world.home, set(eligible), dict(world.contents)


def _retention_run(home: Path) -> None:
    """The child's work: one retention run on the home; any failure is its exit code."""
    code = 0
    try:
        services = open_world(home, SettableClock(NOW))
        services.retention.run(SYSTEM)
    except BaseException:  # noqa: BLE001 -- any failure is the child's exit code
        code = 1
    finally:
        os._exit(code)


def _nothing() -> None:
    """A child that does nothing (it starts the fork server)."""


def _run_child(home: Path) -> multiprocessing.process.BaseProcess:
    """Start a process that runs retention on the home."""
    child = FORKS.Process(target=_retention_run, args=(home,))
    child.start()
    return child


def _deletion_span(home: Path, contents: dict[int, str], eligible: set[int]) -> tuple[float, float]:
    """When, after its start, one whole run here removes its first file and its last one: the
    kills land around the deletions, not in the start-up before them nor in the destruction
    list after them (its PDF takes longer than the deletions)."""
    files = [home / "archive" / "sha256" / s[:2] / s[2:4] / s for c, s in contents.items()
             if c in eligible]  # fmt: skip
    # The fork server starts with its first child: started here, so it is not measured.
    warm = FORKS.Process(target=_nothing)
    warm.start()
    warm.join()
    started = time.monotonic()
    child = _run_child(home)
    first = last = None
    while last is None and child.is_alive():
        if first is None and not all(path.exists() for path in files):
            first = time.monotonic() - started
        if not any(path.exists() for path in files):
            last = time.monotonic() - started
        time.sleep(0.001)
    child.join()
    assert child.exitcode == 0 and first is not None and last is not None
    return first, last


def _state(home: Path, contents: dict[int, str]) -> tuple[set[int], set[int], set[str]]:
    """(clips with a file, clips with a tombstone, clips whose tombstone has its event)."""
    db = sqlite3.connect(f"file:{home / 'bwc.db'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tombs = {int(r[0]) for r in db.execute("SELECT clip_id FROM tombstone")}
        rows = {int(r[0]) for r in db.execute("SELECT id FROM clip")}
        evented = {
            str(r[0]) for r in db.execute("SELECT object_id FROM audit_event WHERE action = ?",
                                          ("clip_deleted",))
        }  # fmt: skip
    finally:
        db.close()
    assert rows == set(contents), "a clip row went: rows are never deleted"
    with_file = {
        clip
        for clip, sha in contents.items()
        if (home / "archive" / "sha256" / sha[:2] / sha[2:4] / sha).is_file()
    }
    return with_file, tombs, evented


def _check(home: Path, contents: dict[int, str], eligible: set[int]) -> set[int]:
    with_file, tombs, evented = _state(home, contents)
    # Invariant 4: the file and its row, or the tombstone, never neither.
    assert set(contents) <= with_file | tombs, set(contents) - (with_file | tombs)
    assert tombs <= eligible, "a clip the rule keeps was tombstoned"
    assert {str(c) for c in tombs} == evented, "a tombstone without its event, or the reverse"
    return tombs


def test_sigkill_during_retention_leaves_file_and_row_or_tombstone(
    template: tuple[Path, set[int], dict[int, str]], base: Path
) -> None:
    home, eligible, contents = template
    measure = base / "measure"
    shutil.copytree(home, measure)
    first, last = _deletion_span(measure, contents, eligible)
    assert _check(measure, contents, eligible) == eligible
    rng = random.Random(11)
    outcomes = {"none": 0, "some": 0, "all": 0}
    for trial in range(TRIALS):
        target = base / f"trial{trial}"
        shutil.copytree(home, target)
        child = _run_child(target)
        time.sleep(rng.uniform(first * 0.7, last * 1.1))
        child.kill()
        child.join()
        tombs = _check(target, contents, eligible)
        outcomes["none" if not tombs else "all" if tombs == eligible else "some"] += 1
        if trial % 4 == 0:
            # The next run finishes it: every eligible clip deleted once, with its tombstone.
            services = open_world(target, SettableClock(NOW + timedelta(hours=1)))
            try:
                services.retention.run(SYSTEM)
                if trial % 20 == 0:
                    assert services.audit.verify(SYSTEM).clean
            finally:
                services.close()
            with_file, tombs, _ = _state(target, contents)
            assert tombs == eligible and not with_file & eligible
        shutil.rmtree(target)
    # The kills landed before, inside and after the deletions.
    assert outcomes["some"] >= TRIALS // 10 and outcomes["none"] and outcomes["all"], outcomes
