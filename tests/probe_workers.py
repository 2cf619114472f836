"""Provides prober workers that fail on one clip: `python -m tests.probe_workers MODE SHA256`.

The real worker (appliance.adapters.probe_worker), except on the clip whose archived name is
SHA256: `crash` kills the process with SIGSEGV as a demuxer's bad read would, `hang` blocks on
a read that never returns, as a demuxer stuck in a loop would. Run by WorkerProbe(command=...).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from appliance.adapters import probe_worker


def command(mode: str, sha256: str) -> list[str]:
    """The worker command line for WorkerProbe, run from the repository's root."""
    return [sys.executable, "-m", "tests.probe_workers", mode, sha256]


def failing(mode: str, sha256: str) -> probe_worker.Handler:
    """The real probe, failing as `mode` says on the one clip."""

    def handler(path: str) -> dict[str, Any]:
        if Path(path).name == sha256:
            if mode == "crash":
                os.kill(os.getpid(), signal.SIGSEGV)
            if mode == "hang":
                never, _keep_open = os.pipe()
                os.read(never, 1)
        return probe_worker.probe(path)

    return handler


if __name__ == "__main__":
    sys.exit(probe_worker.main(failing(sys.argv[1], sys.argv[2])))
