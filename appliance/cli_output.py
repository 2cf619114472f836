"""Provides the `bwc` command's output: localised text lines, or one JSON object."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from appliance.domain.errors import BadInput, Refusal
from appliance.domain.records import Actor
from appliance.i18n import explain, t
from appliance.safe_text import printable
from appliance.services.pins import check_format

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2


def os_actor(unit_code: str, role: str = "admin") -> Actor:
    """The actor for `bwc` run from a shell on the box.

    Whoever runs `bwc` there already holds the files: IT, acting as admin (DESIGN §6); the
    timers and audit reads act as "system".
    """
    return Actor(f"os:{getpass.getuser()}", role, unit_code)


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
        shown = [[printable(str(row.get(c, ""))) for c in columns] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(columns)]
        emit("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        for row_cells in shown:
            emit("  ".join(v.ljust(w) for v, w in zip(row_cells, widths, strict=True)).rstrip())

    def fail(self, refusal: Refusal) -> None:
        """Report a refusal: one clear line on stderr, or a JSON error object on stdout."""
        if self.json_mode:
            error = {
                "reason": refusal.reason,
                "message": explain(refusal, self.language),
                "params": {k: str(v) for k, v in sorted(refusal.params.items())},
            }
            emit(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            emit(explain(refusal, self.language), error=True)

    def flush(self) -> None:
        """Print the JSON object at the end (JSON mode only)."""
        if self.json_mode:
            payload: Any = self._rows if self._rows is not None else {"ok": True, **self._data}
            emit(json.dumps(payload, ensure_ascii=False, default=str))
