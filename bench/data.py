"""Provides the benchmark's footage: >= 2 GiB in >= 200 clips, built from real ffmpeg clips.

A few real clips are encoded once; each benchmark clip is one of them followed by filler
made of their bytes and its own number, so every clip is distinct, starts as a real MP4,
and the whole set is written at disk speed instead of encoded.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

CLIPS = 200
# Recorder clips run to tens of megabytes (a 40 s 1080p clip at 8 Mbit/s is 40 MB).
CLIP_BYTES = 40 * 1024 * 1024
RECORDERS = ("DSJ-A001", "DSJ-A002", "DSJ-B001", "DSJ-B002")


def _seeds(work: Path) -> list[bytes]:
    work.mkdir(parents=True, exist_ok=True)
    seeds = []
    for index in range(4):
        target = work / f"seed{index}.mp4"
        if not target.exists():
            subprocess.run(
                [
                    "ffmpeg",
                    "-v",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    f"testsrc=size=320x240:rate=25:d=4,hue=h={index * 60}",
                    "-f",
                    "lavfi",
                    "-i",
                    f"sine=frequency={300 + index * 100}:d=4",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-c:a",
                    "aac",
                    "-shortest",
                    str(target),
                ],  # fmt: skip
                check=True,
                timeout=120,
            )
        seeds.append(target.read_bytes())
    return seeds


def card_path(out: Path) -> Path:
    """The single recorder card holding every clip."""
    return out / "data" / "card"


def split_cards(out: Path) -> list[Path]:
    """Four recorder cards sharing the clips (hard links), a quarter each."""
    return [out / "data" / f"card{i}" for i in range(len(RECORDERS))]


def build(out: Path) -> tuple[int, int]:
    """Make (or reuse) the data; returns (clip count, total bytes)."""
    manifest = out / "data" / "manifest.json"
    wanted = {"clips": CLIPS, "clip_bytes": CLIP_BYTES}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return CLIPS, CLIPS * CLIP_BYTES
    seeds = _seeds(out / "seeds")
    folder = card_path(out) / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True, exist_ok=True)
    filler = b"".join(seeds)
    for number in range(1, CLIPS + 1):
        head = seeds[number % len(seeds)]
        stamp = f"bwc-bench clip {number:06d}\n".encode()
        body = bytearray(head)
        while len(body) < CLIP_BYTES:
            body += stamp + filler[: CLIP_BYTES - len(body) - len(stamp)]
        (folder / f"FILE{number:04d}.MP4").write_bytes(bytes(body[:CLIP_BYTES]))
    names = sorted(os.listdir(folder))
    for index, card in enumerate(split_cards(out)):
        target = card / "DCIM" / "100MEDIA"
        target.mkdir(parents=True, exist_ok=True)
        for name in names[index :: len(RECORDERS)]:
            if not (target / name).exists():
                os.link(folder / name, target / name)
    os.sync()
    manifest.write_text(json.dumps(wanted))
    return CLIPS, CLIPS * CLIP_BYTES
