"""Provides a real CUPS server for the printing tests: cupsd in a folder of its own.

It listens on a socket in that folder only (CUPS_SERVER names it) and has one raw queue,
`formprinter`, whose device is /dev/null: a job is taken, processed and completed by CUPS
itself; no paper and no printer are needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

QUEUE = "formprinter"
_CUPSD = """Listen {root}/cups.sock
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
_FILES = """FileDevice Yes
ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/spool
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
"""


@dataclass(frozen=True)
class Cups:
    """A running cupsd: the socket clients reach it by, and its folder."""

    socket: Path
    root: Path

    def lpstat(self, *args: str) -> str:
        """lpstat against this server."""
        done = subprocess.run(
            ["lpstat", *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C"},
        )
        return done.stdout


def available() -> bool:
    """Whether cupsd and lp are installed (make setup installs them) and this is root."""
    return all(shutil.which(tool) for tool in ("cupsd", "lp", "lpadmin")) and os.getuid() == 0


@contextmanager
def cups_server() -> Iterator[Cups]:
    """cupsd in a new folder (readable by the lp user it drops to), with the one queue."""
    root = Path(tempfile.mkdtemp(prefix="bwc-cups-"))
    root.chmod(0o755)
    for name in ("spool", "cache", "state", "log"):
        (root / name).mkdir()
    (root / "cupsd.conf").write_text(_CUPSD.format(root=root), encoding="utf-8")
    (root / "cups-files.conf").write_text(_FILES.format(root=root), encoding="utf-8")
    socket = root / "cups.sock"
    daemon = subprocess.Popen(  # noqa: S603 -- a fixed program and our own config
        ["cupsd", "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        env = {**os.environ, "CUPS_SERVER": str(socket), "LC_ALL": "C"}
        for _ in range(200):
            if socket.exists():
                break
            time.sleep(0.05)  # cupsd's own start-up: it makes the socket when it listens
        subprocess.run(
            ["lpadmin", "-p", QUEUE, "-E", "-v", "file:///dev/null", "-m", "raw"],
            capture_output=True,
            check=True,
            env=env,
        )
        yield Cups(socket, root)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
