"""Provides the checkpoint benchmark: a long chain, sign-outs during a walk, incremental runs.

Side by side in one run (DESIGN §5.2): the previous release's checkpoint (a full walk
holding the write lock) against this one's (a snapshot walk, then only what is new), with
the longest a sign-out waited while each walked. BWC_BENCH_EVENTS sets the chain's length.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from appliance.bootstrap import Services
from appliance.demo import make_home
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.records import Actor
from bench.chain import append_synthetic_events

EVENTS = int(os.environ.get("BWC_BENCH_EVENTS", "2000000"))
_PIN = "111111"
ROOT = Path(__file__).resolve().parent.parent

# What the previous release's `bwc audit checkpoint` did: walk under BEGIN IMMEDIATE.
_LOCKED_WALK = """
import sys
from pathlib import Path
from appliance.store.home import open_store
from appliance.domain.audit import walk
store = open_store(Path(sys.argv[1]), create=False)
with store.transaction():
    report = walk(store.audit_log.iterate())
print(report.size)
"""


@dataclass(frozen=True)
class WalkFigure:
    """One way of checkpointing: how long it took and what the kiosk felt meanwhile."""

    name: str
    seconds: float
    sign_outs: int
    longest_wait_ms: float
    failed: int


def _sign_outs_while(services: Services, walker: subprocess.Popen[bytes]) -> tuple[int, float, int]:
    """Sign a recorder out and back in while the walker runs: (count, longest ms, failed)."""
    officer = services.auth.sign_in("1001", _PIN)
    count, longest, failed = 0, 0.0, 0
    while walker.poll() is None:
        started = time.monotonic()
        try:
            services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
            services.custody.return_recorder(officer, "DSJ-A001")
        except Exception as exc:  # noqa: BLE001 -- a locked database is the figure measured
            failed += 1
            print(f"  sign-out failed: {exc}")
        longest = max(longest, (time.monotonic() - started) * 1000 / 2)
        count += 1
    return count, longest, failed


def _walk_with_sign_outs(name: str, services: Services, argv: list[str]) -> WalkFigure:
    started = time.monotonic()
    walker = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    count, longest, failed = _sign_outs_while(services, walker)
    seconds = time.monotonic() - started
    _, err = walker.communicate()
    if walker.returncode != 0:
        raise SystemExit(f"{name} failed: {err.decode(errors='replace')}")
    return WalkFigure(name, seconds, count, longest, failed)


def run(out: Path) -> dict[str, object]:
    """Build the chain, run both checkpoints with sign-outs beside them, then incrementals."""
    home = out / "chain-home"
    shutil.rmtree(home, ignore_errors=True)
    pins = {"1001": _PIN}
    services, _ = make_home(home, language="en", pins=pins)
    started = time.monotonic()
    size = append_synthetic_events(services.settings.db_path, EVENTS)
    built = time.monotonic() - started
    bwc = [sys.executable, "-m", "appliance", "--home", str(home)]
    figures = [
        _walk_with_sign_outs(
            "before: full walk under the write lock",
            services,
            [sys.executable, "-c", _LOCKED_WALK, str(services.settings.db_path)],
        ),
        _walk_with_sign_outs(
            "now: first checkpoint, snapshot walk", services, [*bwc, "audit", "checkpoint"]
        ),
    ]
    officer = services.auth.sign_in("1001", _PIN)
    for _ in range(50):
        services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
        services.custody.return_recorder(officer, "DSJ-A001")
    started = time.monotonic()
    services.audit.checkpoint(Actor("bench", "system", services.settings.unit_code))
    incremental = time.monotonic() - started
    started = time.monotonic()
    subprocess.run([*bwc, "audit", "checkpoint"], cwd=ROOT, check=True, capture_output=True)
    incremental_process = time.monotonic() - started
    print(f"chain: {size} events, built in {built:.1f} s (real SHA-256 links)")
    print(
        f"{'checkpoint':<44} {'seconds':>8} {'sign-outs':>9} {'longest wait ms':>16} {'failed':>6}"
    )
    for f in figures:
        print(
            f"{f.name:<44} {f.seconds:8.2f} {f.sign_outs:9d} {f.longest_wait_ms:16.1f}"
            f" {f.failed:6d}"
        )
    print(f"{'now: incremental checkpoint (in process)':<44} {incremental:8.3f}")
    print(f"{'now: incremental `bwc audit checkpoint`':<44} {incremental_process:8.3f}")
    now = figures[1]
    targets = {
        "incremental checkpoint < 1 s": incremental < 1.0,
        "sign-out waits < 100 ms during a checkpoint": now.longest_wait_ms < 100,
        "no sign-out fails during a checkpoint": now.failed == 0,
    }
    for label, met in targets.items():
        print(f"  {'met' if met else 'NOT met'}: {label}")
    shutil.rmtree(home, ignore_errors=True)
    return {
        "events": size,
        "figures": [f.__dict__ for f in figures],
        "incremental_seconds": incremental,
        "incremental_process_seconds": incremental_process,
        "targets": targets,
    }
