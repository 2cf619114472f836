"""Provides the Printer adapters: CUPS's `lp`, a folder of printed forms (demo), and none.

The queue's name comes from kiosk.toml (`[disc] printer`), checked there; it is checked again
here and passed after `-d`, the file after `--`, so neither a queue name nor a file name can
become an option. The title is made of printable characters only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from appliance.domain.printing import PRINTER_QUEUE
from appliance.ports import PrintError

LP = "lp"
PRINT_TIMEOUT_SECONDS = 60
_JOB = re.compile(r"request id is (\S+)")
_TITLE_LIMIT = 100


def _title(text: str) -> str:
    printable = "".join(ch for ch in text if ch.isprintable())
    return printable[:_TITLE_LIMIT] or "bwc"


class LpPrinter:
    """Prints through CUPS: `lp -d QUEUE -t TITLE -- FILE` (the queue IT set up)."""

    def __init__(self, queue: str, program: str = LP) -> None:
        self._queue = queue
        self._program = program

    @property
    def name(self) -> str:
        """The CUPS queue."""
        return self._queue

    def print_pdf(self, pdf: Path, title: str) -> str:
        """The job id CUPS gave; PrintError("print_failed") with lp's words otherwise."""
        if not PRINTER_QUEUE.fullmatch(self._queue):
            raise PrintError("print_failed", "not a queue name")
        argv = [self._program, "-d", self._queue, "-t", _title(title), "--", str(pdf)]
        try:
            done = subprocess.run(  # noqa: S603 -- a fixed program, no shell, checked queue
                argv,
                capture_output=True,
                text=True,
                errors="replace",
                check=False,
                timeout=PRINT_TIMEOUT_SECONDS,
                env={**os.environ, "LC_ALL": "C"},
            )
        except FileNotFoundError:
            raise PrintError("tool_missing", self._program) from None
        except subprocess.TimeoutExpired:
            raise PrintError("print_failed", "lp timed out") from None
        said = (done.stderr or done.stdout).strip()[:400]
        job = _JOB.search(done.stdout)
        if done.returncode != 0 or job is None:
            raise PrintError("print_failed", said)
        return job.group(1)


class FolderPrinter:
    """A printer that keeps what it printed in a folder (the demo, tests): a printer cannot
    exist here. Each job is a new file named by its number."""

    def __init__(self, folder: Path, name: str = "demo") -> None:
        self._folder = folder
        self._name = name

    @property
    def name(self) -> str:
        """The simulated printer's name."""
        return self._name

    def print_pdf(self, pdf: Path, title: str) -> str:
        """Copy the PDF to the next job's file; its job id."""
        self._folder.mkdir(mode=0o750, parents=True, exist_ok=True)
        for number in range(1, 100_000):
            target = self._folder / f"{number:05d}.pdf"
            try:
                with open(pdf, "rb") as source, open(target, "xb") as printed:
                    shutil.copyfileobj(source, printed)
            except FileExistsError:
                continue
            except OSError as exc:
                raise PrintError("print_failed", type(exc).__name__) from None
            return f"{self._name}-{number}"
        raise PrintError("print_failed", "the folder is full")


class NoPrinter:
    """No printer configured: the form is kept beside the disc's image, to print elsewhere."""

    @property
    def name(self) -> str:
        """None."""
        return ""

    def print_pdf(self, pdf: Path, title: str) -> str:
        """Always PrintError("no_printer")."""
        raise PrintError("no_printer")
