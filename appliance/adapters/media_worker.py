"""Provides the MediaProbe port over long-lived PyAV worker processes (adapters/probe_worker).

Spawning ffprobe cost ~65 ms a clip, most of an offload of small clips (issue 8); a worker
kept warm answers in a few milliseconds. Each worker is a sandboxed subprocess speaking one
JSON line each way per clip. A worker that dies or overruns the timeout on a clip is killed,
reaped and replaced on the next request: that clip is archived flagged unreadable, exactly
as a crashed or timed-out ffprobe left it, and the job goes on.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import selectors
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from appliance.adapters.ffprobe import REFUSED_FORMAT, interpret
from appliance.domain.footage import MediaInfo

WORKER_COMMAND = (sys.executable, "-I", "-m", "appliance.adapters.probe_worker")
# Longest reply accepted: a report is a few kilobytes; more is a worker gone wrong.
MAX_REPLY_BYTES = 1024 * 1024
_EXIT_GRACE_SECONDS = 2.0
# Loading PyAV takes a fraction of a second, far more on a machine at full load; the probe
# timeout starts only once the worker said it is ready, so a slow start is no clip's fault.
STARTUP_TIMEOUT_SECONDS = 60.0


class WorkerProbe:
    """Probes clips in up to `workers` warm worker processes, one clip per worker at a time."""

    def __init__(
        self,
        timeout_seconds: float = 30.0,
        workers: int = 2,
        command: Sequence[str] = WORKER_COMMAND,
    ) -> None:
        self._timeout = timeout_seconds
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all = [_Worker(tuple(command), timeout_seconds) for _ in range(workers)]
        for worker in self._all:
            self._idle.put(worker)
        # A prober dropped without close() still ends and reaps its workers.
        self._finalizer = weakref.finalize(self, _stop_all, list(self._all))

    def probe(self, path: Path) -> MediaInfo:
        """What a worker reads of the file; never raises for a bad file (or a bad worker)."""
        worker = self._idle.get()
        try:
            return worker.ask(path.resolve())
        finally:
            self._idle.put(worker)

    def warm(self) -> None:
        """Start the workers now (they load PyAV meanwhile); a busy or running one is left be."""
        for worker in self._all:
            worker.warm()

    def pids(self) -> list[int]:
        """The process ids of the workers running now (for tests and the self-check)."""
        return [pid for worker in self._all if (pid := worker.pid()) is not None]

    def close(self) -> None:
        """End every worker and reap it; a later probe starts them anew."""
        _stop_all(self._all)


class _Worker:
    """One worker process, started on first use and after every crash or timeout."""

    def __init__(self, command: tuple[str, ...], timeout: float) -> None:
        self._command = command
        self._timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._pending = b""
        self._ready = False
        self._lock = threading.Lock()

    def pid(self) -> int | None:
        with self._lock:
            process = self._process
            return process.pid if process is not None and process.poll() is None else None

    def warm(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                self._running()
            finally:
                self._lock.release()

    def ask(self, path: Path) -> MediaInfo:
        with self._lock:
            request = json.dumps({"path": str(path), "cpu_seconds": self._timeout}) + "\n"
            reply, why = self._exchange(request.encode())
            if reply is None:
                return MediaInfo(readable=False, error=why)
            return _media(reply)

    def _exchange(self, request: bytes) -> tuple[dict[str, Any] | None, str]:
        for attempt in range(2):
            process = self._running()
            stdin, stdout = _pipes(process)
            if not self._ready:
                greeting = self._read_line(stdout.fileno(), STARTUP_TIMEOUT_SECONDS)
                if not isinstance(greeting, bytes):
                    return None, f"probe worker could not start: {greeting}"
                self._ready = True
            try:
                stdin.write(request)
                stdin.flush()
            except OSError:
                # It died between two clips (killed from outside): not this clip's doing.
                self._reap(kill=True)
                if attempt == 0:
                    continue
                return None, "probe worker could not start"
            line = self._read_line(stdout.fileno(), self._timeout)
            if isinstance(line, bytes):
                try:
                    reply = json.loads(line)
                except ValueError:
                    self._reap(kill=True)
                    return None, "probe worker reply is not JSON"
                if isinstance(reply, dict):
                    return reply, ""
                self._reap(kill=True)
                return None, "probe worker reply is not JSON"
            return None, line
        return None, "probe worker could not start"

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._reap(kill=True)
        self._pending = b""
        self._ready = False
        self._process = subprocess.Popen(  # noqa: S603 -- fixed interpreter and module
            self._command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            env={"PATH": os.defpath, "LC_ALL": "C.UTF-8"},
        )
        return self._process

    def _read_line(self, fd: int, timeout: float) -> bytes | str:
        """The next reply line, or why there is none (the worker is then reaped)."""
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._pending:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self._reap(kill=True)
                    return "probe timed out"
                chunk = os.read(fd, 65536)
                if not chunk:
                    code = self._reap(kill=False)
                    return f"probe worker crashed ({_exit(code)})"
                self._pending += chunk
                if len(self._pending) > MAX_REPLY_BYTES:
                    self._reap(kill=True)
                    return "probe worker reply too long"
        line, _, self._pending = self._pending.partition(b"\n")
        return line

    def _reap(self, kill: bool) -> int | None:
        """Kill (when asked) and wait for the worker, so no zombie is left; its exit code."""
        process, self._process = self._process, None
        if process is None:
            return None
        if kill and process.poll() is None:
            process.kill()
        code = process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        return code

    def stop(self) -> None:
        with self._lock:
            process = self._process
            if process is None:
                return
            if process.stdin is not None:
                # End of input is the worker's cue to exit on its own.
                with contextlib.suppress(OSError):
                    process.stdin.close()
            try:
                process.wait(_EXIT_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            self._reap(kill=True)


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.stop()


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    if process.stdin is None or process.stdout is None:
        raise RuntimeError("the worker was started without its pipes")
    return process.stdin, process.stdout


def _exit(code: int | None) -> str:
    if code is not None and code < 0:
        return f"signal {-code}"
    return f"exit {code}"


def _media(reply: dict[str, Any]) -> MediaInfo:
    """The MediaInfo of a worker's reply, judged as ffprobe's output is."""
    failed = reply.get("failed")
    errors = str(reply.get("errors", "") if failed is None else failed).strip()
    refused = REFUSED_FORMAT.search(errors)
    if refused is not None:
        return MediaInfo(readable=False, error=f"not a recorder format: {refused.group(1)}")
    report = reply.get("report")
    if failed is not None or not isinstance(report, dict):
        return MediaInfo(readable=False, error=errors[-400:] or "probe failed")
    return interpret(report, errors)
