"""Provides the evidence-disc benchmark: `bwc disc create` and `disc verify` beside xorriso alone.

Art. 12(4), issue 11 asks for the time to build and verify a disc of 4 GB. Side by side in one
run, each cold: the floor is xorriso imaging the same archived files by hand plus one
`sha256sum` of the image (one write, one read); the disc is the sealed package staged with
hashing, the image, the read-back of every file from the image and the record form; the
verify is `bwc disc verify` of the image (every file re-hashed, the package's signature and
checkpoint) beside a `sha256sum` of it. BWC_BENCH_DISC_GB sets the amount (default 1; 4 for
the issue's figure), in clips of 64 MiB filed under one case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from appliance.adapter_choices import disc_reader
from appliance.services.auth import actor_of
from appliance.services.discs import DiscOrder
from bench.handover import _drop_caches, archived_home

GB = float(os.environ.get("BWC_BENCH_DISC_GB", "1"))
CASE = "ZF-2026-0420"


def _timed(step: Callable[[], object]) -> float:
    started = time.monotonic()
    step()
    return time.monotonic() - started


def run(out: Path) -> dict[str, object]:
    """Build an archive with one case, then time the floor, the disc and its verification."""
    work = out / "disc"
    services, clock = archived_home(work, GB)
    clips = services.clips.listing()
    size = sum(c.size for c in clips)
    head = services.registry.person("2001")
    if head is None:
        raise SystemExit("the demo home has no unit head (2001)")
    unit_head = actor_of(head)
    services.clips.file(unit_head, [c.id for c in clips], CASE)
    clock.advance(timedelta(days=1).total_seconds())
    archive = services.settings.archive_dir / "sha256"
    floor_dir = work / "floor"
    floor_dir.mkdir()
    for clip in clips:
        os.link(archive / clip.sha256[:2] / clip.sha256[2:4] / clip.sha256, floor_dir / clip.sha256)
    plain = work / "plain.iso"
    note = _drop_caches()
    xorriso = ["xorriso", "-as", "mkisofs", "-quiet", "-iso-level", "3", "-R", "-J"]
    floor_image = _timed(
        lambda: subprocess.run([*xorriso, "-o", str(plain), str(floor_dir)], check=True)
    )
    floor_hash = _timed(
        lambda: subprocess.run(["sha256sum", str(plain)], check=True, capture_output=True)
    )
    plain.unlink()
    _drop_caches()
    discs = work / "discs"
    discs.mkdir()
    order = DiscOrder(CASE, discs, place="bench", recorded_by="bench", language="en")
    made: list[object] = []
    disc_seconds = _timed(lambda: made.append(services.discs.create(unit_head, order)))
    image = discs / f"{CASE}.iso"
    _drop_caches()
    verify_seconds = _timed(lambda: disc_reader().verify(image))
    _drop_caches()
    image_hash = _timed(
        lambda: subprocess.run(["sha256sum", str(image)], check=True, capture_output=True)
    )
    floor = floor_image + floor_hash
    print(f"evidence disc of {len(clips)} clips, {size / 1e9:.2f} GB, one case (Art. 12(4)):")
    print(f"  {'method':<46} {'seconds':>8} {'MB/s':>8}")
    rows = (
        ("xorriso by hand + sha256sum of the image", floor),
        ("bwc disc create (seal, image, read back, form)", disc_seconds),
        ("sha256sum of the disc image", image_hash),
        ("bwc disc verify (every file, signature)", verify_seconds),
    )
    for name, seconds in rows:
        print(f"  {name:<46} {seconds:>8.2f} {size / seconds / 1e6:>8.1f}")
    print(f"  ratio disc create / by hand: {disc_seconds / floor:.2f}")
    print(f"  ratio disc verify / sha256sum: {verify_seconds / image_hash:.2f}")
    if note:
        print(f"  note: {note}")
    services.close()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "clips": len(clips),
        "bytes": size,
        "floor_seconds": floor,
        "disc_create_seconds": disc_seconds,
        "image_sha256sum_seconds": image_hash,
        "disc_verify_seconds": verify_seconds,
        "note": note,
    }
