"""Provides the `bwc` parser whose usage errors are one line, and the one line for every failure.

DESIGN §8: no command ever prints a traceback; every failure is one line and exit 1 or 2.
Refusals (rules, permissions) are the services' own; this module names the rest: usage,
files, the database, an interrupt, and, as a last resort, a bug.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, NoReturn

from appliance.cli.output import EXIT_BAD_INPUT, EXIT_REFUSED
from appliance.config import LANGUAGES
from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.os_errors import os_refusal
from appliance.ports import DiscError


class UsageError(Exception):
    """argparse found the command line malformed: which (sub)command, and its message."""

    def __init__(self, prog: str, detail: str) -> None:
        super().__init__(f"{prog}: {detail}")
        self.prog = prog
        self.detail = detail


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError instead of printing usage and exiting.

    Every sub-parser is of this class (argparse's default `parser_class` is the parent's),
    and each accepts the global options after its name too (DESIGN §8); a sub-command's own
    definition of one of them replaces the global one (`conflict_handler="resolve"`).
    """

    def __init__(self, *args: Any, root: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("conflict_handler", "resolve")
        # Whole option names only: a script's `--conf` must not change meaning when a
        # `--confirm-by` is added, nor reach an option it never named.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        add_global_options(self, after_command=not root)

    def error(self, message: str) -> NoReturn:
        raise UsageError(self.prog, message)


def add_global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    """--home, --json and --lang; after a sub-command they only override what came before."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if after_command else value

    parser.add_argument(
        "--home",
        default=default(None),
        help="the data home (default: BWC_HOME or /etc/bwc/kiosk.toml)",
    )
    parser.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON instead of text"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default(None),
        help="the language of the output (default: kiosk.toml's)",
    )


def describe(exc: BaseException, home: Path | None) -> tuple[Refusal, int]:
    """The one line (as a refusal value) and the exit code for an exception no rule raised."""
    if isinstance(exc, KeyboardInterrupt):
        return Refused("interrupted"), EXIT_REFUSED
    if isinstance(exc, DiscError):
        # The tool's own words stay in exc.detail, for the audit event; never shown raw.
        return Refused(f"disc.{exc.reason}"), EXIT_REFUSED
    if isinstance(exc, OSError):
        return os_refusal(exc, exc.filename or home), EXIT_BAD_INPUT
    from appliance.store.db import storage_failure  # only here: the store loads peewee

    database = home / "bwc.db" if home is not None else None
    failure = storage_failure(exc, database)
    if failure is not None:
        return BadInput(f"db_{failure}", path=str(database or "bwc.db")), EXIT_BAD_INPUT
    # A bug, including UnboundChange (a state change no event carried, rolled back): the
    # class name is for the report; the fuzz test fails whenever this line appears.
    return Refused("internal_error", kind=type(exc).__name__), EXIT_REFUSED
