"""Provides hostile media for the tests: files named .MP4 that make a demuxer open another file.

Each kind is what a tampered card could hold: a playlist, list or index that ffmpeg follows
to a second local file (DESIGN §3.5). `trace_opens` runs a command under strace and returns
every path it tried to open, so a test can show that the probe opened nothing but the clip.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

STRACE = shutil.which("strace")


@dataclass(frozen=True)
class HostileFile:
    """One reference file: its bytes, and where the file it points at must sit.

    `beside` is the name of the target next to the hostile file (demuxers that resolve a
    relative name or derive a sibling's name); None when the target is the absolute path
    given to `build`.
    """

    kind: str
    content: bytes
    beside: str | None = None


def _hls(target: Path) -> bytes:
    return (
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
        f"#EXTINF:1.0,\n{target}\n#EXT-X-ENDLIST\n"
    ).encode()


def _dash(target: Path) -> bytes:
    return (
        '<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static"'
        ' mediaPresentationDuration="PT1S" minBufferTime="PT1S"'
        ' profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period>'
        '<AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="1000">'
        f"<BaseURL>{target}</BaseURL></Representation></AdaptationSet></Period></MPD>\n"
    ).encode()


def _mlv() -> bytes:
    # Magic Lantern Video: the demuxer then opens NAME.M00 .. NAME.M99 beside the file.
    return b"MLVI" + struct.pack("<I", 52) + b"v2.0" + bytes(40)


def _vobsub() -> bytes:
    # A VobSub index: the demuxer opens the .sub file of the same name beside it.
    return (
        b"# VobSub index file, v7 (do not modify this line!)\nsize: 720x480\n"
        b"id: en, index: 0\ntimestamp: 00:00:00:000, filepos: 000000000\n"
    )


_MOV_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"dinf"})


def _atoms(data: bytes) -> list[tuple[bytes, bytes]]:
    found, position = [], 0
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        found.append((kind, data[position + 8 : position + size]))
        position += size
    return found


def _atom(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _alias(name: bytes) -> bytes:
    """A Mac alias data reference naming a file in the movie's own folder (mov_read_dref)."""
    record = bytes(10) + b"\0" + bytes(27) + bytes(12) + bytes([len(name)]) + name.ljust(63, b"\0")
    record += bytes(16) + struct.pack(">HH", 1, 1) + bytes(16)
    padded = name + b"\0" * (len(name) % 2)
    record += struct.pack(">HH", 2, len(name)) + padded + struct.pack(">hH", -1, 0)
    return _atom(b"alis", b"\0\0\0\0" + record)


def _with_drefs(kind: bytes, payload: bytes, name: bytes) -> bytes:
    if kind == b"dref":
        return _atom(b"dref", b"\0\0\0\0" + struct.pack(">I", 1) + _alias(name))
    if kind in _MOV_CONTAINERS:
        return _atom(kind, b"".join(_with_drefs(k, p, name) for k, p in _atoms(payload)))
    return _atom(kind, payload)


def reference_movie(clip: bytes, name: str) -> bytes:
    """A QuickTime reference movie: the clip's moov with every track's media in file `name`.

    Built from a moov-at-end MP4 (ffmpeg's default), dropping its mdat: nothing of the
    footage is in the file itself.
    """
    kept = [(k, p) for k, p in _atoms(clip) if k in (b"ftyp", b"moov")]
    return b"".join(_with_drefs(k, p, name.encode()) for k, p in kept)


def build(kind: str, target: Path, clip: bytes, stem: str) -> HostileFile:
    """The hostile file of one kind pointing at `target` (absolute) or a file beside it."""
    if kind == "hls":
        return HostileFile(kind, _hls(target))
    if kind == "dash":
        return HostileFile(kind, _dash(target))
    if kind == "concat":
        return HostileFile(kind, b"ffconcat version 1.0\nfile 'secret.mp4'\n", "secret.mp4")
    if kind == "vobsub":
        return HostileFile(kind, _vobsub(), f"{stem}.sub")
    if kind == "mlv":
        return HostileFile(kind, _mlv(), f"{stem}.M00")
    if kind == "mov_dref":
        return HostileFile(kind, reference_movie(clip, "secret.mp4"), "secret.mp4")
    raise ValueError(kind)


# Every demuxer of Debian 12's ffmpeg 5.1 that auto-detects a file and then opens a second
# one it names (imf does too, but is experimental and never auto-detected).
KINDS = ("hls", "dash", "concat", "vobsub", "mlv", "mov_dref")

_OPEN_CALL = re.compile(r'\bopen(?:at2?)?\((?:[^,"]*, )?"((?:[^"\\]|\\.)*)"')


def trace_opens(
    argv: list[str], log: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[bytes], list[str]]:
    """Run argv under `strace -f` and return it with every path it (or a child) tried to open."""
    assert STRACE is not None
    done = subprocess.run(  # noqa: S603 -- fixed tools, test arguments
        [STRACE, "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", str(log), *argv],
        capture_output=True,
        timeout=300,
        check=False,
        env=env,
    )
    return done, opened_paths(log)


def opened_paths(log: Path) -> list[str]:
    """The paths of every open call in an strace log, successful or not."""
    return _OPEN_CALL.findall(log.read_text(encoding="utf-8", errors="replace"))


def tracing_ffprobe(directory: Path, log: Path) -> Path:
    """An executable that runs the real ffprobe under strace, for FfprobeProbe(binary=...)."""
    assert STRACE is not None
    ffprobe = shutil.which("ffprobe")
    assert ffprobe is not None
    wrapper = directory / "ffprobe-traced"
    wrapper.write_text(
        f'#!/bin/sh\nexec {STRACE} -f -qq -e trace=open,openat,openat2 -o "{log}" {ffprobe} "$@"\n'
    )
    os.chmod(wrapper, 0o700)
    return wrapper
