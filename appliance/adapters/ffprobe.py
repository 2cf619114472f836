"""Provides the MediaProbe port over ffprobe: a timeout, and the file protocol only."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appliance.ports import ProbeResult

FFPROBE = "ffprobe"


def probe_command(path: Path, binary: str = FFPROBE) -> list[str]:
    """The ffprobe command line, as ffmpeg-python's probe() builds it, hardened.

    ffmpeg-python 0.2's probe() takes no timeout, so the same arguments are run here with
    one. `-protocol_whitelist file` and the `file:` prefix keep a hostile name or playlist
    from opening anything but the one local file; `-count_packets` reads every packet so a
    truncated file shows as damaged.
    """
    return [
        binary,
        "-v",
        "error",
        "-protocol_whitelist",
        "file",
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

    def probe(self, path: Path) -> ProbeResult:
        """What ffprobe reads of the file; never raises for a bad file."""
        try:
            done = subprocess.run(  # noqa: S603 -- fixed binary, no shell, file: only
                probe_command(path, self._binary),
                capture_output=True,
                timeout=self._timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ProbeResult(readable=False, error="ffprobe timed out")
        except OSError as exc:
            return ProbeResult(readable=False, error=f"ffprobe could not run: {exc}")
        errors = done.stderr.decode("utf-8", "replace").strip()
        if done.returncode != 0:
            return ProbeResult(readable=False, error=errors[-400:] or f"exit {done.returncode}")
        try:
            report = json.loads(done.stdout.decode("utf-8", "replace"))
        except ValueError:
            return ProbeResult(readable=False, error="ffprobe output is not JSON")
        return interpret(report, errors)


def interpret(report: dict[str, Any], errors: str) -> ProbeResult:
    """A ProbeResult from ffprobe's JSON and its error output."""
    streams = [s for s in report.get("streams", []) if isinstance(s, dict)]
    fmt = report.get("format", {}) if isinstance(report.get("format"), dict) else {}
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        # Footage is sound and pictures; a guess of "lyrics" or "data" in random bytes is not.
        return ProbeResult(readable=False, error=errors[-400:] or "no audio or video stream")
    duration = _float(fmt.get("duration"))
    empty_stream = any(_float(s.get("nb_read_packets")) == 0 for s in (video, audio) if s)
    damaged = bool(errors) or duration is None or empty_stream or _cut_transport_stream(fmt)
    return ProbeResult(
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
    """An MPEG-TS that does not end on a 188-byte packet was cut off (a dead battery)."""
    size = _int(fmt.get("size"))
    return fmt.get("format_name") == "mpegts" and size is not None and size % 188 != 0


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
