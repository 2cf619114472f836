"""Provides the `bwc` command: the headless contract used by IT, timers and tests (DESIGN §8).

One module per command group (listed in `appliance.cli.parser.GROUPS`); `output` says what a
command has to say, `failures` turns whatever went wrong into one line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from appliance import config, privileges
from appliance.cli.failures import UsageError, describe
from appliance.cli.home import run_on_home
from appliance.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_REFUSED,
    Output,
    OutputFailed,
)
from appliance.cli.parser import build_parser, cached_parser
from appliance.domain.errors import BadInput, Refusal
from appliance.i18n import explain
from appliance.os_errors import os_refusal

__all__ = ["build_parser", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 1 when refused, 2 on bad input (DESIGN §8).

    Whatever happens, a failure is one line (stderr, or a JSON object with --json) and
    never a traceback.
    """
    privileges.set_umask()
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        args = cached_parser().parse_args(tokens)
    except UsageError as usage:
        return _usage(usage, tokens)
    except SystemExit as done:  # --help printed its text
        return EXIT_OK if done.code in (None, 0) else EXIT_BAD_INPUT
    out = Output(json_mode=args.json, language=args.lang or "zh_CN")
    home: Path | None = None
    try:
        bare = getattr(args, "bare_handler", None)
        if bare is not None:
            # Before any home or database: `media` is root's mount step (DESIGN §1).
            code = int(bare(args, out))
        else:
            home, config_path = config.locate(args.home)
            code = run_on_home(home, config_path, args, out)
        out.flush()
    except BadInput as bad:
        out.fail(bad)
        return EXIT_BAD_INPUT
    except Refusal as refusal:
        out.fail(refusal)
        return EXIT_REFUSED
    except OutputFailed:
        raise  # nothing more can be said there: run() ends it
    except (Exception, KeyboardInterrupt) as exc:  # one line, never a traceback (§8)
        failure, code = describe(exc, home)
        out.fail(failure)
        return code
    return code


def _usage(usage: UsageError, tokens: list[str]) -> int:
    """One line for a malformed command line, in the language asked for if it can be told."""
    language = "zh_CN"
    for index, word in enumerate(tokens[:-1]):
        if word == "--lang" and tokens[index + 1] in config.LANGUAGES:
            language = tokens[index + 1]
    out = Output(json_mode="--json" in tokens, language=language)
    out.fail(BadInput("cli.usage", prog=usage.prog, detail=usage.detail))
    return EXIT_BAD_INPUT


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise OutputFailed(exc) from None
    except OutputFailed as failed:
        code = _output_failed(failed.cause)
    sys.exit(code)


def _output_failed(cause: OSError) -> int:
    """Standard output failed: drop what is still buffered, say so in one line if possible."""
    # What is buffered can never be written; the interpreter's last flush must stay silent.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    if isinstance(cause, BrokenPipeError):
        return EXIT_REFUSED  # the reader went away (`bwc … | head`), as other tools end
    with contextlib.suppress(OSError):
        print(explain(os_refusal(cause, "stdout"), "zh_CN"), file=sys.stderr)
    return EXIT_BAD_INPUT
