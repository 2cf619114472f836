"""Provides the `bwc` command's output: localised text lines, or one JSON object."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from appliance import privileges
from appliance.domain.errors import BadInput, Refusal
from appliance.domain.records import Actor
from appliance.i18n import explain, t
from appliance.safe_text import printable
from appliance.services.pins import check_format
from appliance.shell_user import shell_user

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2
_NOT_ASCII = re.compile(r"[^\x20-\x7e]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a UTF-16 surrogate pair, as JSON spells it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def cell_width(text: str) -> int:
    """How many terminal cells text takes: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _aligned(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One table line, each cell padded to its column's width in cells."""
    padded = (
        cell + " " * (width - cell_width(cell)) for cell, width in zip(cells, widths, strict=True)
    )
    return "  ".join(padded).rstrip()


def json_text(payload: Any) -> str:
    """One line of JSON: CJK kept readable, every non-printable character as a \\u escape.

    ensure_ascii=False alone writes a bidi override (U+202E), an isolate (U+2066) or a C1
    control (U+0080-U+009F) raw, and a file name holding one would reorder or drive the
    terminal that shows the JSON (DESIGN §3.5). JSON text can hold such characters only
    inside strings, so escaping them there keeps it valid and decoding to the same values.
    """
    return _NOT_ASCII.sub(_escaped, json.dumps(payload, ensure_ascii=False, default=str))


def os_actor(unit_code: str, role: str = "admin") -> Actor:
    """The actor for `bwc` run from a shell on the box: `os:<name>`, the kernel's word.

    Whoever runs `bwc` there already holds the files: IT, acting as admin (DESIGN §6); the
    timers and audit reads act as "system". The name is the kernel's: the real uid this process
    started with (also once a root-run `bwc` has become the home's owner), or for root the
    account that became root; never LOGNAME or USER (see shell_user).
    """
    return Actor(f"os:{shell_user(privileges.invoking_uid)}", role, unit_code)


# A PIN is at most 12 digits; a longer first line is not a PIN, however long it goes on.
_PIN_LINE_LIMIT = 256


def read_pin() -> str:
    """One line from standard input: PINs are never arguments (DESIGN §8).

    Nothing there (closed, empty, at its end) is BadInput('no_pin'); a line that is not
    6-12 digits, or not text at all, is BadInput('pin_format').
    """
    stream = sys.stdin
    if stream is None:  # started with standard input closed
        raise BadInput("no_pin")
    try:
        line = stream.readline(_PIN_LINE_LIMIT)
    except UnicodeDecodeError:
        raise BadInput("pin_format") from None
    except (OSError, ValueError):  # a closed or unreadable stream holds no PIN
        raise BadInput("no_pin") from None
    if not line.strip():
        raise BadInput("no_pin")
    return check_format(line.strip())


class OutputFailed(Exception):
    """Standard output or error could not be written (a closed pipe, a full disk)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause


def emit(text: str, error: bool = False) -> None:
    """Print one line to stdout (or stderr); a failure to write is OutputFailed."""
    try:
        print(text, file=sys.stderr if error else sys.stdout)
    except OSError as exc:
        raise OutputFailed(exc) from None


class Output:
    """Collects what a command says and prints it as text or JSON."""

    def __init__(self, json_mode: bool, language: str) -> None:
        self.json_mode = json_mode
        self.language = language
        self._data: dict[str, Any] = {}
        self._rows: list[dict[str, Any]] | None = None
        self.zone: tzinfo | None = None

    def say(self, key: str, /, **params: object) -> None:
        """Print a catalogue message (text mode only); a parameter may be called anything."""
        if not self.json_mode:
            emit(t(key, self.language, **params))

    def line(self, text: str) -> None:
        """Print a line of already-safe text (text mode only)."""
        if not self.json_mode:
            emit(printable(text, limit=400))

    def data(self, **fields: Any) -> None:
        """Fields for the JSON object."""
        self._data.update(fields)

    def time(self, instant: datetime) -> str:
        """Local wall-clock time for people: 'YYYY-MM-DD HH:MM'."""
        return instant.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def table(self, rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
        """Rows as aligned text, or as a JSON list."""
        if self.json_mode:
            self._rows = rows
            return
        # Headers in words (STYLE 14a); widths in terminal cells, a CJK character taking two.
        headers = [t(f"cli.col.{column}", self.language) for column in columns]
        shown = [[printable(str(row.get(c, ""))) for c in columns] for row in rows]
        widths = [
            max([cell_width(h)] + [cell_width(r[i]) for r in shown]) for i, h in enumerate(headers)
        ]
        emit(_aligned(headers, widths))
        for row_cells in shown:
            emit(_aligned(row_cells, widths))

    def fail(self, refusal: Refusal) -> None:
        """Report a refusal: one clear line on stderr, or a JSON error object on stdout."""
        if self.json_mode:
            error = {
                "reason": refusal.reason,
                "message": explain(refusal, self.language),
                "params": {k: str(v) for k, v in sorted(refusal.params.items())},
            }
            emit(json_text({"ok": False, "error": error}))
        else:
            emit(explain(refusal, self.language), error=True)

    def flush(self) -> None:
        """Print the JSON object at the end (JSON mode only)."""
        if self.json_mode:
            payload: Any = self._rows if self._rows is not None else {"ok": True, **self._data}
            emit(json_text(payload))


def json_flag(parser: argparse.ArgumentParser) -> None:
    """`--json` accepted after the subcommand too; SUPPRESS keeps the global one when absent."""
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
