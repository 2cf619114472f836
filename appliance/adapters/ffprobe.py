"""Provides the MediaProbe port over ffprobe: a timeout, the file protocol, recorder formats."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appliance.domain.footage import MediaInfo

FFPROBE = "ffprobe"

# The demuxers a recorder's footage needs, matched by ffprobe against each part of a
# demuxer's name ("mov" admits "mov,mp4,m4a,3gp,3g2,mj2", "matroska" admits "matroska,webm"):
# MP4/MOV/3GP, MPEG-TS and M2TS, AVI, MKV, MPEG-PS (camcorders, Art. 5(6)), and the audio
# pens' WAV, MP3, AAC and AMR, plus raw H.264/H.265 as some car cameras write it. None of
# them opens a second file: mov could through external data references (drefs), but its
# `enable_drefs` stays at its default, off, and nothing here sets it.
# Left out on purpose, because each opens other files named inside the one probed (`ffprobe
# -demuxers` on Debian 12's ffmpeg 5.1): hls (m3u8 playlists and keys), concat (ffconcat
# lists), dash (MPD manifests), imf (CPL and ASSETMAP), vobsub (the .sub beside an .idx), mlv
# (the .M00-.M99 beside it), image2 (numbered sequences), sdp and rtsp (network streams), and
# every capture device (v4l2, alsa, x11grab, fbdev, kmsgrab, lavfi graphs ...). A text file
# named .MP4 must be archived and flagged unreadable, never read as the clip it points at.
RECORDER_FORMATS = (
    "mov",
    "mpegts",
    "avi",
    "matroska",
    "mpeg",
    "wav",
    "mp3",
    "aac",
    "amr",
    "h264",
    "hevc",
)
REFUSED_FORMAT = re.compile(r"\[([A-Za-z0-9_,]{1,64}) @ 0x[0-9a-f]+\] Format not on whitelist")


def probe_command(path: Path, binary: str = FFPROBE) -> list[str]:
    """The ffprobe command line, as ffmpeg-python's probe() builds it, hardened.

    ffmpeg-python 0.2's probe() takes no timeout, so the same arguments are run here with
    one. `-protocol_whitelist file` and the `file:` prefix keep a hostile name from reaching
    the network; `-format_whitelist` keeps a playlist from opening any other local file (see
    RECORDER_FORMATS); `-count_packets` reads every packet so a truncated file shows as
    damaged.
    """
    return [
        binary,
        "-v",
        "error",
        "-protocol_whitelist",
        "file",
        "-format_whitelist",
        ",".join(RECORDER_FORMATS),
        "-count_packets",
        "-show_format",
        "-show_streams",
        "-of",
        "json",
        "file:" + str(path.resolve()),
    ]


class FfprobeProbe:
    """Reads duration, container, codecs, resolution, audio and recording time with ffprobe."""

    def __init__(self, timeout_seconds: float = 30.0, binary: str = FFPROBE) -> None:
        self._timeout = timeout_seconds
        self._binary = binary

    def probe(self, path: Path) -> MediaInfo:
        """What ffprobe reads of the file; never raises for a bad file."""
        try:
            done = subprocess.run(  # noqa: S603 -- fixed binary, no shell, file: only
                probe_command(path, self._binary),
                capture_output=True,
                timeout=self._timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return MediaInfo(readable=False, error="ffprobe timed out")
        except OSError as exc:
            return MediaInfo(readable=False, error=f"ffprobe could not run: {exc}")
        errors = done.stderr.decode("utf-8", "replace").strip()
        refused = REFUSED_FORMAT.search(errors)
        if refused is not None:
            return MediaInfo(readable=False, error=f"not a recorder format: {refused.group(1)}")
        if done.returncode != 0:
            return MediaInfo(readable=False, error=errors[-400:] or f"exit {done.returncode}")
        try:
            report = json.loads(done.stdout.decode("utf-8", "replace"))
        except ValueError:
            return MediaInfo(readable=False, error="ffprobe output is not JSON")
        return interpret(report, errors)

    def warm(self) -> None:
        """Nothing to start: ffprobe runs anew for each probe."""

    def close(self) -> None:
        """Nothing to stop: each probe is its own ffprobe process, reaped when it ends."""


def interpret(report: dict[str, Any], errors: str) -> MediaInfo:
    """A MediaInfo from ffprobe's JSON and its error output."""
    streams = [s for s in report.get("streams", []) if isinstance(s, dict)]
    fmt = report.get("format", {}) if isinstance(report.get("format"), dict) else {}
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        # Footage is sound and pictures; a guess of "lyrics" or "data" in random bytes is not.
        return MediaInfo(readable=False, error=errors[-400:] or "no audio or video stream")
    read = [_packets(s) for s in (video, audio) if s]
    if not any(read):
        # Streams declared but no packet of them in the file: a reference movie whose media
        # lives elsewhere, or an index with nothing behind it. Nothing of it is footage.
        return MediaInfo(readable=False, error=errors[-400:] or "no audio or video data")
    duration = _float(fmt.get("duration"))
    empty_stream = not all(read)
    damaged = bool(errors) or duration is None or empty_stream or _cut_transport_stream(fmt)
    return MediaInfo(
        readable=True,
        damaged=damaged,
        duration_seconds=duration,
        container=str(fmt.get("format_name", ""))[:64],
        video_codec=str(video.get("codec_name", ""))[:32] if video else "",
        audio_codec=str(audio.get("codec_name", ""))[:32] if audio else "",
        width=_int(video.get("width")) if video else None,
        height=_int(video.get("height")) if video else None,
        has_audio=audio is not None,
        recorded_at=_creation_time(fmt),
        error=errors[-400:],
    )


def _cut_transport_stream(fmt: dict[str, Any]) -> bool:
    """An MPEG-TS that ends inside a packet was cut off (a dead battery).

    Packets are 188 bytes, or 192 in the M2TS files of camcorders (a 4-byte time code
    before each); ffprobe names both "mpegts".
    """
    size = _int(fmt.get("size"))
    if fmt.get("format_name") != "mpegts" or size is None:
        return False
    return size % 188 != 0 and size % 192 != 0


def _packets(stream: dict[str, Any]) -> int:
    """Packets ffprobe read of a stream (-count_packets); absent when it read none."""
    return _int(stream.get("nb_read_packets")) or 0


def _float(value: object) -> float | None:
    try:
        return float(str(value)) if value is not None else None
    except ValueError:
        return None


def _int(value: object) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


def _creation_time(fmt: dict[str, Any]) -> datetime | None:
    tags = fmt.get("tags")
    if not isinstance(tags, dict):
        return None
    text = tags.get("creation_time")
    if not isinstance(text, str):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
