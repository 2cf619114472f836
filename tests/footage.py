"""Provides generated recorder footage for the tests: real ffmpeg clips and hostile files.

One ffmpeg run writes many tiny one-second clips (distinct bytes through distinct metadata),
so a whole recorder's worth is made in about a second, once per test session.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.adapters.archive_fs import hash_file

# 09:00 Beijing time on the test day; the custody fixtures sign out at 08:02.
FIRST_CLIP_AT = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class FootageSet:
    """A recorder card's footage: file name (relative, as bytes) -> the flags expected."""

    root: Path
    expected: dict[bytes, frozenset[str]] = field(default_factory=dict)
    skipped: tuple[bytes, ...] = ()

    def names(self) -> list[bytes]:
        """Every footage file that must reach the archive."""
        return sorted(self.expected)

    def sha256(self, name: bytes) -> str:
        """The hash of one source file."""
        return hash_file(Path(os.fsdecode(self.root.as_posix().encode() + b"/" + name)))


def _encode(
    out_dir: Path, count: int, audio: bool, start: datetime, extra: list[str], suffix: str
) -> list[Path]:
    args = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=1",
        "-f", "lavfi", "-i", "sine=frequency=440:d=1",
    ]  # fmt: skip
    outputs = []
    for index in range(count):
        target = out_dir / f"{suffix}-{index:03d}{'.ts' if '-f' in extra else '.mp4'}"
        maps = ["-map", "0", "-map", "1", "-c:a", "aac"] if audio else ["-map", "0", "-an"]
        stamp = (start + timedelta(minutes=index)).strftime("%Y-%m-%dT%H:%M:%SZ")
        args += maps + ["-c:v", "libx264", "-preset", "ultrafast", *extra]
        args += ["-metadata", f"creation_time={stamp}", "-metadata", f"comment={suffix}{index}"]
        args.append(str(target))
        outputs.append(target)
    subprocess.run(args, check=True, timeout=120)
    return outputs


def make_clips(
    work: Path, with_audio: int, without_audio: int, faststart: int, ts: int
) -> dict[str, list[Path]]:
    """Real clips by kind: 'audio', 'silent', 'faststart' (moov first) and 'ts' (MPEG-TS)."""
    work.mkdir(parents=True, exist_ok=True)
    return {
        "audio": _encode(work, with_audio, True, FIRST_CLIP_AT, [], "a"),
        "silent": _encode(work, without_audio, False, FIRST_CLIP_AT + timedelta(hours=1), [], "s"),
        "faststart": _encode(
            work,
            faststart,
            True,
            FIRST_CLIP_AT + timedelta(hours=2),
            ["-movflags", "+faststart"],
            "f",
        ),
        "ts": _encode(work, ts, True, FIRST_CLIP_AT + timedelta(hours=3), ["-f", "mpegts"], "t"),
    }


def tiny_clips(work: Path, count: int, start: datetime = FIRST_CLIP_AT) -> list[Path]:
    """A few one-second clips with sound, a minute apart, for a test that needs only those."""
    work.mkdir(parents=True, exist_ok=True)
    return _encode(work, count, True, start, [], "k")


def _place(root: Path, name: bytes, content: bytes) -> None:
    path = os.fsencode(root) + b"/" + name
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(content)


def build_card(root: Path, clips: dict[str, list[Path]], seed: int = 7) -> FootageSet:
    """A recorder card with every kind of file the kiosk must take, and the flags expected.

    Numbering FILE0001..: FILE0017 is missing, so FILE0018 must be flagged `gap`.
    """
    rng = random.Random(seed)
    expected: dict[bytes, frozenset[str]] = {}
    number = 0

    def numbered(kind_ext: str = "MP4") -> bytes:
        nonlocal number
        number += 1
        if number == 17:
            number += 1  # the hole: a deleted file on the device (Art. 16(2))
        return f"DCIM/100MEDIA/FILE{number:04d}.{kind_ext}".encode()

    for index, clip in enumerate(clips["audio"]):
        name = numbered()
        expected[name] = frozenset({"gap"} if name.endswith(b"FILE0018.MP4") else set())
        _place(root, name, clip.read_bytes())
        if index == 0:
            # Same bytes under a second name: one archived content, two rows.
            _place(root, b"DCIM/COPY/same bytes.MP4", clip.read_bytes())
            expected[b"DCIM/COPY/same bytes.MP4"] = frozenset()
    for clip in clips["silent"]:
        name = f"DCIM/SILENT/S{len(expected):04d}.MP4".encode()
        expected[name] = frozenset({"no_audio"})
        _place(root, name, clip.read_bytes())
    for clip in clips["faststart"]:
        data = clip.read_bytes()
        # A dead battery: the moov is at the front, the media data stops short.
        name = f"DCIM/FAST/F{len(expected):04d}.MP4".encode()
        _place(root, name, data[: len(data) * 2 // 5])
        expected[name] = frozenset({"damaged"})
    for clip in clips["ts"]:
        data = clip.read_bytes()
        name = f"DCIM/TS/T{len(expected):04d}.TS".encode()
        _place(root, name, data[: len(data) // 3])
        expected[name] = frozenset({"damaged"})
    # A moov-at-end MP4 cut short: ffprobe reads nothing of it.
    for clip in clips["audio"][:3]:
        data = clip.read_bytes()
        name = f"DCIM/CUT/C{len(expected):04d}.MP4".encode()
        _place(root, name, data[: len(data) // 4])
        expected[name] = frozenset({"unreadable"})
    hostile = {
        b"DCIM/EMPTY/zero.MP4": b"",
        b"DCIM/JUNK/random.MP4": rng.randbytes(70_000),
        b"DCIM/JUNK/random2.MP4": rng.randbytes(1_000),
        "DCIM/名字/执法 记录 0001.MP4".encode(): clips["audio"][1].read_bytes() + b"",
        b"DCIM/odd/with space and \x1b[31mesc\x07.MP4": clips["silent"][0].read_bytes(),
        b"DCIM/odd/new\nline\ttab.MP4": clips["audio"][2].read_bytes(),
        b"DCIM/odd/not-utf8-\xff\xfe.MP4": clips["audio"][3].read_bytes(),
        b"DCIM/odd/-starts-with-dash.MP4": clips["audio"][4].read_bytes(),
    }
    for name, content in hostile.items():
        _place(root, name, content)
        expected[name] = _hostile_flags(name, content, clips)
    skipped = _plant_traps(root)
    return FootageSet(root, expected, skipped)


def _hostile_flags(name: bytes, content: bytes, clips: dict[str, list[Path]]) -> frozenset[str]:
    if content == clips["silent"][0].read_bytes():
        return frozenset({"no_audio"})
    if any(content == c.read_bytes() for c in clips["audio"]):
        return frozenset()
    return frozenset({"unreadable"})


def _plant_traps(root: Path) -> tuple[bytes, ...]:
    """Things on a card that are not footage and must never be read: links and a FIFO."""
    traps = (b"DCIM/evil-link.MP4", b"DCIM/fifo.MP4", b"DCIM/LINKDIR")
    base = os.fsencode(root)
    os.symlink("/etc/passwd", base + b"/" + traps[0])
    os.mkfifo(base + b"/" + traps[1])
    os.symlink("/etc", base + b"/" + traps[2])
    return traps


def copy_card(source: Path, target: Path) -> None:
    """A fresh copy of a card (symlinks copied as links, the FIFO recreated)."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("fifo.MP4"))
    os.mkfifo(target / "DCIM" / "fifo.MP4")


@pytest.fixture(scope="session")
def generated_clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Real ffmpeg clips, made once per test session."""
    return make_clips(tmp_path_factory.mktemp("clips"), 30, 8, 2, 2)


@pytest.fixture(scope="session")
def footage_card(
    tmp_path_factory: pytest.TempPathFactory, generated_clips: dict[str, list[Path]]
) -> FootageSet:
    """A card with 50+ files of every kind, made once per session; copy it before use."""
    return build_card(tmp_path_factory.mktemp("card") / "card", generated_clips)
