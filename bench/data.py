"""Provides the benchmark's footage: 4 GiB in 200 clips, and a mix of 1,000 small files.

A few real clips are encoded once; each benchmark clip is one of them followed by filler
made of their bytes and its own number, so every clip is distinct, starts as a real MP4,
and the whole set is written at disk speed instead of encoded.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

CLIPS = 200
# Recorder clips run to tens of megabytes (a 20 s 1080p clip at 8 Mbit/s is 20 MB); 4 GiB in
# all keeps `make bench` within ten minutes on a shared two-core machine.
CLIP_BYTES = 20 * 1024 * 1024
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
    """Four recorder cards, a quarter of the clips each (copies: a card's reader skips any
    file with a second hard link, as a tampered card could plant one)."""
    return [out / "data" / f"card{i}" for i in range(len(RECORDERS))]


def build(out: Path) -> tuple[int, int]:
    """Make (or reuse) the data; returns (clip count, total bytes)."""
    manifest = out / "data" / "manifest.json"
    wanted = {"clips": CLIPS, "clip_bytes": CLIP_BYTES, "split": "copies"}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return CLIPS, CLIPS * CLIP_BYTES
    seeds = _seeds(out / "seeds")
    for card in split_cards(out):
        shutil.rmtree(card, ignore_errors=True)
    folder = card_path(out) / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True, exist_ok=True)
    filler = b"".join(seeds)
    for number in range(1, CLIPS + 1):
        target = folder / f"FILE{number:04d}.MP4"
        if target.exists() and target.stat().st_size == CLIP_BYTES:
            continue  # made by an earlier run (the clips' bytes depend only on their number)
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
            shutil.copyfile(folder / name, target / name)
    os.sync()
    manifest.write_text(json.dumps(wanted))
    return CLIPS, CLIPS * CLIP_BYTES


# The 1,000-file mix (issue 8): what a recorder holds besides long clips, photos and short
# clips, so that the per-file cost shows rather than the per-byte one.
MIX_PHOTOS_JPEG = 500
MIX_PHOTOS_PNG = 100
MIX_CLIPS = 400


def mix_path(out: Path) -> Path:
    """The recorder card holding the 1,000-file mix."""
    return out / "data" / "mix"


def _encode(target: Path, args: list[str]) -> bytes:
    if not target.exists():
        command = ["ffmpeg", "-v", "error", "-y", *args, str(target)]
        subprocess.run(command, check=True, timeout=120)  # noqa: S603 -- fixed tool
    return target.read_bytes()


def _mix_seeds(work: Path) -> dict[str, list[bytes]]:
    work.mkdir(parents=True, exist_ok=True)
    seeds: dict[str, list[bytes]] = {"jpg": [], "png": [], "mp4": []}
    for index in range(3):
        picture = f"testsrc2=size=1280x720:rate=1,hue=h={index * 90}"
        still = ["-f", "lavfi", "-i", picture, "-frames:v", "1"]
        seeds["jpg"].append(_encode(work / f"photo{index}.jpg", [*still, "-q:v", "3"]))
        small = f"testsrc2=size=640x360:rate=1,hue=h={index * 90}"
        png = ["-f", "lavfi", "-i", small, "-frames:v", "1"]
        seeds["png"].append(_encode(work / f"photo{index}.png", png))
        clip = [
            "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:d={index + 1},hue=h={index * 90}",
            "-f", "lavfi", "-i", f"sine=frequency={400 + index * 100}:d={index + 1}",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
        ]  # fmt: skip
        seeds["mp4"].append(_encode(work / f"short{index}.mp4", clip))
    return seeds


def _distinct(kind: str, seed: bytes, number: int) -> bytes:
    """The seed made unique by a comment its format ignores: JPEG COM, PNG tEXt, MP4 free."""
    note = f"bwc-bench mix {number:06d}".encode()
    if kind == "jpg":
        return seed[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + seed[2:]
    if kind == "png":
        body = b"Comment\0" + note
        chunk = struct.pack(">I", len(body)) + b"tEXt" + body
        chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body))
        end_of_header = 8 + 25  # signature, then the IHDR chunk
        return seed[:end_of_header] + chunk + seed[end_of_header:]
    return seed + struct.pack(">I", len(note) + 8) + b"free" + note


def build_mix(out: Path) -> tuple[int, int]:
    """Make (or reuse) the 1,000-file mix; returns (file count, total bytes)."""
    manifest = out / "data" / "mix-manifest.json"
    wanted = {"jpg": MIX_PHOTOS_JPEG, "png": MIX_PHOTOS_PNG, "mp4": MIX_CLIPS, "version": 1}
    folder = mix_path(out) / "DCIM" / "100MEDIA"
    if not (manifest.exists() and json.loads(manifest.read_text()) == wanted):
        seeds = _mix_seeds(out / "seeds")
        shutil.rmtree(mix_path(out), ignore_errors=True)
        folder.mkdir(parents=True)
        number = 0
        for kind, count in (("jpg", MIX_PHOTOS_JPEG), ("png", MIX_PHOTOS_PNG), ("mp4", MIX_CLIPS)):
            for index in range(count):
                number += 1
                body = _distinct(kind, seeds[kind][index % len(seeds[kind])], number)
                (folder / f"MIX{number:05d}.{kind.upper()}").write_bytes(body)
        os.sync()
        manifest.write_text(json.dumps(wanted))
    files = sorted(folder.iterdir())
    return len(files), sum(f.stat().st_size for f in files)
