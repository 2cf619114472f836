"""Provides the Thumbnailer port over ffmpeg: a few small pictures of a clip, beside the archive.

ffmpeg-python builds the call; it runs in the probe worker's jail (adapters/thumbnail_jail)
with the probe's restrictions: the demuxer is named (`-f`, from the recorder formats the
probe read, never guessed from the file name), `-format_whitelist` and `-protocol_whitelist
file` keep it from opening anything else, and a timeout kills it. ffmpeg writes raw RGB to a
pipe, never a file; the pictures are encoded here with Pillow from those bytes alone, so no
image parser ever reads what a hostile clip made. Pictures are a display cache: written
under `<home>/thumbnails/<sha256[:2]>/<sha256>-<n>.jpg`, never into the archive.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from appliance.adapters.ffprobe import RECORDER_FORMATS
from appliance.domain.footage import MediaInfo

log = logging.getLogger(__name__)

JAIL_COMMAND = (sys.executable, "-I", "-m", "appliance.adapters.thumbnail_jail")
PICTURES = 3
WIDTH = 160
# A picture taller than this is no recorder's aspect; it is cut to this height.
MAX_HEIGHT = 320
DEFAULT_HEIGHT = 120
# A recorded duration beyond a day is a lie of the file; the pictures then come from its start.
MAX_SECONDS = 24 * 3600.0


def demuxer_for(media: MediaInfo) -> str | None:
    """The recorder format the probe read the clip as, by its own name; None for any other."""
    for name in media.container.split(","):
        if name in RECORDER_FORMATS:
            return name
    return None


def picture_height(media: MediaInfo) -> int:
    """The pictures' height at WIDTH, from the clip's aspect; even, as the scaler wants."""
    if not media.width or not media.height or media.width <= 0 or media.height <= 0:
        return DEFAULT_HEIGHT
    height = round(WIDTH * media.height / media.width / 2) * 2
    return max(2, min(MAX_HEIGHT, height))


def seek_points(media: MediaInfo, count: int = PICTURES) -> list[float]:
    """Where the pictures are taken: the middles of `count` equal parts of the clip.

    Distinct points only (a clip of a few milliseconds gives one): each is an input of its own.
    """
    duration = media.duration_seconds
    if duration is None or not 0 < duration <= MAX_SECONDS:
        return [float(index) for index in range(count)]
    return sorted({round(duration * (index + 0.5) / count, 3) for index in range(count)})


def thumbnail_command(
    source: Path, media: MediaInfo, binary: str, count: int = PICTURES
) -> list[str] | None:
    """The ffmpeg command line for the clip's pictures as raw RGB on stdout; None if not footage.

    One input per picture, each seeking to its point (a fast seek to the keyframe before it);
    each yields one scaled frame; concat puts them one after another on the pipe.
    """
    demuxer = demuxer_for(media)
    if demuxer is None:
        return None
    # Imported here: ffmpeg-python (with `future`) costs every `bwc` process's start-up.
    import ffmpeg

    height = picture_height(media)
    name = "file:" + str(source.resolve())
    frames = []
    for point in seek_points(media, count):
        clip = ffmpeg.input(
            name,
            f=demuxer,
            ss=point,
            format_whitelist=",".join(RECORDER_FORMATS),
            protocol_whitelist="file",
            threads=1,
        )
        frame = clip.video.filter("scale", WIDTH, height).filter("setsar", 1)
        frames.append(frame.trim(end_frame=1).setpts("PTS-STARTPTS"))
    output = ffmpeg.concat(*frames, v=1, a=0).output(
        "pipe:1", f="rawvideo", pix_fmt="rgb24", **{"frames:v": len(frames)}
    )
    command: list[str] = output.global_args("-nostdin", "-v", "error").compile(cmd=binary)
    return command


class FfmpegThumbnailer:
    """Draws PICTURES frames of WIDTH pixels per clip with ffmpeg, jailed, with a timeout."""

    def __init__(
        self,
        root: Path,
        timeout_seconds: float = 30.0,
        binary: str | None = None,
        jail: Sequence[str] = JAIL_COMMAND,
    ) -> None:
        self._root = root
        self._timeout = timeout_seconds
        self._binary = binary
        self._jail = tuple(jail)

    def pictures(self, sha256: str) -> list[Path]:
        """The pictures drawn of the content, in order; those missing end the list."""
        found = []
        for index in range(1, PICTURES + 1):
            path = self._path(sha256, index)
            if not path.is_file():
                break
            found.append(path)
        return found

    def make(self, sha256: str, source: Path, media: MediaInfo) -> list[Path]:
        """Draw the clip's pictures; none when ffmpeg fails, hangs or finds no picture."""
        if not media.readable or not media.video_codec:
            return []
        binary = self._binary or shutil.which("ffmpeg")
        if binary is None:
            log.warning("no ffmpeg: clips get no pictures")
            return []
        command = thumbnail_command(source, media, os.path.abspath(binary))
        if command is None:
            return []
        try:
            done = subprocess.run(  # noqa: S603 -- fixed jail and binary, no shell, file: only
                [*self._jail, f"{self._timeout:g}", *command],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=self._timeout,
                check=False,
                close_fds=True,
                env={"PATH": os.defpath, "LC_ALL": "C.UTF-8"},
            )
        except subprocess.TimeoutExpired:
            # subprocess.run has killed and reaped it: the jail execs ffmpeg in its own pid.
            log.warning("thumbnails of %s timed out", sha256)
            return []
        except OSError as exc:
            log.warning("thumbnails of %s: ffmpeg could not run: %s", sha256, exc)
            return []
        frames = _frames(done.stdout, picture_height(media))
        if not frames:
            log.info("no pictures of %s (exit %s)", sha256, done.returncode)
            return []
        return self._write(sha256, frames)

    def _path(self, sha256: str, index: int) -> Path:
        return self._root / sha256[:2] / f"{sha256}-{index}.jpg"

    def _write(self, sha256: str, frames: list[bytes]) -> list[Path]:
        # Imported here: Pillow costs every `bwc` process's start-up, and only this writes.
        from PIL import Image

        written: list[Path] = []
        temporary: Path | None = None
        try:
            folder = self._root / sha256[:2]
            folder.mkdir(mode=0o750, parents=True, exist_ok=True)
            for index, frame in enumerate(frames, start=1):
                path = self._path(sha256, index)
                temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                buffer = io.BytesIO()
                height = len(frame) // (WIDTH * 3)
                Image.frombytes("RGB", (WIDTH, height), frame).save(buffer, "JPEG", quality=80)
                temporary.write_bytes(buffer.getvalue())
                os.chmod(temporary, 0o640)
                os.replace(temporary, path)
                temporary = None
                written.append(path)
        except OSError as exc:
            # A full disk costs the pictures, never the clip (a display cache).
            log.warning("thumbnails of %s not written: %s", sha256, exc)
            for path in [*written, *([temporary] if temporary else [])]:
                with contextlib.suppress(OSError):
                    path.unlink()
            return []
        return written


def _frames(raw: bytes, height: int) -> list[bytes]:
    """The whole frames in ffmpeg's output (a cut-off last one is dropped), at most PICTURES."""
    size = WIDTH * height * 3
    count = min(PICTURES, len(raw) // size)
    return [raw[index * size : (index + 1) * size] for index in range(count)]
