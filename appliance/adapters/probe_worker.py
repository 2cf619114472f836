"""Provides the media prober's worker process: PyAV reads one clip per request, on pipes.

Run as `python -m appliance.adapters.probe_worker` by `WorkerProbe` (adapters/media_worker),
never by hand. It says {"ready": true} once PyAV is loaded; then one JSON request per line
on stdin ({"path": ..., "cpu_seconds": ...}), one JSON reply per line on the protocol pipe:
the report ffprobe would print for `-count_packets -show_format -show_streams` (the fields
`ffprobe.interpret` reads) and the error lines it would print at `-v error`, so both probers
judge a file by the same rules.

The worker is a sandbox for hostile files (DESIGN §3.5): the same protocol and format
whitelists as ffprobe, no file may be written (RLIMIT_FSIZE 0), no core dump, bounded memory
and, per request, bounded CPU. A crash or a hang costs the one clip in hand its flag: the
parent kills and restarts the worker, and the job goes on.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from collections.abc import Callable
from typing import IO, Any

from appliance.adapters.ffprobe import RECORDER_FORMATS

# A probe decodes a few frames at most; a file that makes the demuxer ask for more than this
# is hostile, and its allocation fails instead of the machine swapping.
ADDRESS_SPACE_BYTES = 1024 * 1024 * 1024
MAX_OPEN_FILES = 64
_OPTIONS = {"protocol_whitelist": "file", "format_whitelist": ",".join(RECORDER_FORMATS)}

Handler = Callable[[str], dict[str, Any]]


def confine() -> None:
    """Limits of this process, set before any demuxer runs."""
    # A write to a file then fails with EFBIG instead of ending the worker.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.dont_write_bytecode = True
    for limit, value in (
        (resource.RLIMIT_AS, ADDRESS_SPACE_BYTES),
        (resource.RLIMIT_FSIZE, 0),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NOFILE, MAX_OPEN_FILES),
    ):
        resource.setrlimit(limit, (value, value))


def limit_cpu(seconds: float) -> None:
    """SIGXCPU (which ends the worker) once this request has used `seconds` of CPU."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = usage.ru_utime + usage.ru_stime
    soft = int(spent + max(1.0, seconds)) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))


def probe(path: str) -> dict[str, Any]:
    """What ffprobe would report of the file at path: {"report": ..., "errors": ...}."""
    import av
    import av.logging

    name = "file:" + path
    with av.logging.Capture(local=False) as logs:
        try:
            container = av.open(name, options=dict(_OPTIONS))
        except (av.FFmpegError, OSError, ValueError) as exc:
            lines = _log_lines(logs)
            return {"failed": "\n".join([*lines, f"{name}: {_strerror(exc)}"])}
        read_error = ""
        try:
            counts = [0] * len(container.streams)
            try:
                for packet in container.demux():
                    # PyAV ends with one empty packet per stream to flush decoders; ffprobe
                    # counts only what the file holds.
                    if packet.size == 0 and packet.dts is None:
                        continue
                    counts[packet.stream.index] += 1
            except (av.FFmpegError, OSError) as exc:
                read_error = f"{name}: {_strerror(exc)}"
            report = {
                "format": _format(container, path),
                "streams": [_stream(s, counts[s.index]) for s in container.streams],
            }
        finally:
            container.close()
    errors = _log_lines(logs) + ([read_error] if read_error else [])
    return {"report": report, "errors": "\n".join(errors)}


def _format(container: Any, path: str) -> dict[str, Any]:
    fmt: dict[str, Any] = {"format_name": container.format.name}
    if container.duration is not None:
        fmt["duration"] = f"{container.duration / 1_000_000:.6f}"
    fmt["size"] = str(os.stat(path).st_size)
    tags = {str(k): str(v) for k, v in dict(container.metadata).items()}
    if tags:
        fmt["tags"] = tags
    return fmt


def _stream(stream: Any, packets: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"index": stream.index, "codec_type": stream.type}
    context = stream.codec_context
    if context is not None:
        # The codec's own name, as ffprobe prints it ("mp3", not the decoder's "mp3float").
        entry["codec_name"] = context.codec.canonical_name
        if stream.type == "video":
            entry["width"] = context.width
            entry["height"] = context.height
    if packets:
        entry["nb_read_packets"] = str(packets)
    return entry


def _log_lines(logs: list[tuple[int, str, str]]) -> list[str]:
    """The captured lines at error level or worse, in ffprobe's `[name @ 0x..] text` form."""
    import av.logging

    lines = []
    for level, name, message in logs:
        if level > av.logging.ERROR:
            continue
        text = message.rstrip("\n")
        lines.append(f"[{name} @ 0x0] {text}" if name else text)
    return lines


def _strerror(exc: BaseException) -> str:
    strerror = getattr(exc, "strerror", None)
    return str(strerror) if strerror else type(exc).__name__


def serve(handler: Handler, requests: IO[str], replies: IO[str]) -> None:
    """Say ready, then answer requests until stdin closes, each reply flushed at once."""
    import av.logging

    av.logging.set_level(av.logging.ERROR)
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in requests:
        try:
            request = json.loads(line)
            path = str(request["path"])
            limit_cpu(float(request.get("cpu_seconds", 30.0)))
            reply = handler(path)
        except (ValueError, KeyError, TypeError) as exc:
            reply = {"failed": f"bad request: {type(exc).__name__}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def main(handler: Handler = probe) -> int:
    """The worker: confined, its protocol on a private copy of stdout."""
    confine()
    # Loaded before the first request, while the parent is still copying the first clip.
    import av  # noqa: F401

    # Whatever a library prints must not corrupt the protocol: fd 1 becomes stderr's.
    protocol = os.dup(1)
    os.dup2(2, 1)
    with os.fdopen(protocol, "w", encoding="utf-8") as replies:
        serve(handler, sys.stdin, replies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
