"""Provides the printer's port: the record form sent to the unit's printer (Art. 12(4)).

`appliance.ports` re-exports every name here. The form is signed by hand and sealed, so it
must reach paper; the kiosk sends the PDF it rendered and reports the printer's job, or why
it could not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

# Why a form was not printed; each is the catalogue key `print.<reason>`.
PRINT_REASONS = ("no_printer", "print_failed", "tool_missing")


class PrintError(Exception):
    """Printing failed for one of PRINT_REASONS; `detail` is the tool's words, for the log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class Printer(Protocol):
    """Sends a PDF to the unit's printer."""

    @property
    def name(self) -> str:
        """The printer as people know it (a CUPS queue), or "" when there is none."""
        ...

    def print_pdf(self, pdf: Path, title: str) -> str:
        """Queue the PDF; the printer's job id. PrintError when it cannot."""
        ...
