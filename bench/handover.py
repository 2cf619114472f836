"""Provides the hand-over benchmark: `bwc handover create` beside `cp` of the same files.

Side by side in one run, both cold, to the same target directory: `cp` of the archived
files, and a sealed hand-over package of the same clips (copy with hashing, the BagIt
manifests, the signed checkpoint and audit slice, every file and directory fsynced, the
rename). BWC_BENCH_HANDOVER_GB sets the amount (default 1 GB; 10 for the issue's figure, in
clips of 64 MiB); BWC_BENCH_HANDOVER_TARGET names the directory both write to (a mounted
hand-over drive), else a folder beside the home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import Services
from appliance.demo import make_home
from appliance.services.auth import actor_of

GB = float(os.environ.get("BWC_BENCH_HANDOVER_GB", "1"))
TARGET = os.environ.get("BWC_BENCH_HANDOVER_TARGET", "")
_FILE = 64 * 1024 * 1024
_RECORDED = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
_MONDAY_AFTER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _card(root: Path, total: int) -> None:
    """Clips of 64 MiB, each distinct (a random block, stamped per MiB)."""
    folder = root / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    block = os.urandom(1024 * 1024)
    stamp = _RECORDED.timestamp()
    for number in range(max(1, total // _FILE)):
        path = folder / f"FILE{number:04d}.MP4"
        with path.open("wb") as out:
            for mib in range(_FILE // len(block)):
                out.write(f"{number:08d}{mib:08d}".encode() + block[16:])
        os.utime(path, (stamp, stamp))


def _drop_caches() -> str:
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        return f"page cache not dropped ({exc.strerror}): figures are warm-cache"
    return ""


def archived_home(work: Path, gigabytes: float) -> tuple[Services, SettableClock]:
    """A fresh demo home under work/home whose archive holds that many GB of 64 MiB clips,
    offloaded by `bwc offload`'s own service (the card is gone afterwards)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    _card(work / "card", int(gigabytes * 1e9))
    clock = SettableClock(_RECORDED)
    services, _ = make_home(work / "home", language="en", clock=clock)
    services.offload.run(
        MassStorageDriver(work / "card", fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
    )
    shutil.rmtree(work / "card")
    return services, clock


def run(out: Path) -> dict[str, object]:
    """Build the archive, then time cp and the hand-over into the same directory."""
    work = out / "handover"
    services, clock = archived_home(work, GB)
    clips = services.clips.listing()
    size = sum(c.size for c in clips)
    # The same target for both: the drive itself when one is named.
    target = Path(TARGET) / f"bwc-bench-{os.getpid()}" if TARGET else work / "drive"
    target.mkdir()
    note = _drop_caches()
    sources = [str(services.settings.archive_dir / "sha256" / c.sha256[:2] / c.sha256[2:4]
                   / c.sha256) for c in clips]  # fmt: skip
    started = time.monotonic()
    (target / "cp").mkdir()
    subprocess.run(["cp", *sources, str(target / "cp")], check=True)
    os.sync()
    cp_seconds = time.monotonic() - started
    _drop_caches()
    clock.advance((_MONDAY_AFTER - _RECORDED).total_seconds())
    collector = services.registry.person("3001")
    if collector is None:
        raise SystemExit("the demo home has no information collector (3001)")
    started = time.monotonic()
    sealed = services.handover.create(actor_of(collector), "2026-W48", target / "package")
    handover_seconds = time.monotonic() - started
    print(f"hand-over of {len(clips)} clips, {size / 1e9:.2f} GB, to the same directory:")
    print(f"  {'method':<34} {'seconds':>8} {'MB/s':>8}")
    print(f"  {'cp (+ sync)':<34} {cp_seconds:>8.2f} {size / cp_seconds / 1e6:>8.1f}")
    print(
        f"  {'bwc handover create (sealed)':<34} {handover_seconds:>8.2f}"
        f" {size / handover_seconds / 1e6:>8.1f}"
    )
    print(f"  ratio hand-over / cp: {handover_seconds / cp_seconds:.2f}")
    if note:
        print(f"  note: {note}")
    services.close()
    result = {
        "clips": len(clips),
        "bytes": size,
        "cp_seconds": cp_seconds,
        "handover_seconds": handover_seconds,
        "receipt": sealed.signature_sha256,
        "note": note,
    }
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    return result
