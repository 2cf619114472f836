"""Provides `bwc-bureau`: the bureau archive's headless command (issue 14).

The information collector's central store of every unit's hand-overs (Art. 8, 12(2)) and
the audit office's view across units (Art. 15), in the style of `bwc` (DESIGN §8): human
text or `--json`, exit 0 done, 1 refused, 2 bad input; PINs on standard input, one line each
in the order of the badges; every failure one line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Sequence
from pathlib import Path

from appliance import bureau_config, privileges
from appliance.cli.bureau_parser import register
from appliance.cli.failures import OneLineParser, UsageError, describe
from appliance.cli.output import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, Output, OutputFailed
from appliance.domain.errors import BadInput, Refusal, Refused

__all__ = ["main", "run"]


class BureauParser(OneLineParser):
    """`bwc`'s one-line parser, its --home the bureau's (every sub-parser is of this class)."""

    def __init__(self, *args: object, root: bool = False, **kwargs: object) -> None:
        super().__init__(*args, root=root, **kwargs)
        self.add_argument(
            "--home",
            default=argparse.SUPPRESS if not root else None,
            help="the bureau home (default: BWC_BUREAU_HOME or /var/lib/bwc-bureau)",
        )


def build_parser() -> argparse.ArgumentParser:
    """The parser of every `bwc-bureau` command; its usage errors raise UsageError."""
    parser = BureauParser(
        prog="bwc-bureau", description="bwc-bureau: the bureau archive", root=True
    )
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    return parser


@functools.cache
def cached_parser() -> argparse.ArgumentParser:
    """The parser, built once per process."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 1 when refused, 2 on bad input."""
    privileges.set_umask()
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        args = cached_parser().parse_args(tokens)
    except UsageError as usage:
        language = "en" if "--lang" in tokens and "en" in tokens else "zh_CN"
        out = Output(json_mode="--json" in tokens, language=language)
        out.fail(BadInput("cli.usage", prog=usage.prog, detail=usage.detail))
        return EXIT_BAD_INPUT
    except SystemExit as done:  # --help printed its text
        return EXIT_OK if done.code in (None, 0) else EXIT_BAD_INPUT
    out = Output(json_mode=args.json, language=args.lang or "zh_CN")
    home: Path | None = None
    try:
        home = bureau_config.locate(args.home)
        code = int(args.handler(home, args, out))
        out.flush()
    except BadInput as bad:
        out.fail(bad)
        return EXIT_BAD_INPUT
    except Refusal as refusal:
        out.fail(refusal)
        return EXIT_REFUSED
    except OutputFailed:
        raise
    except (Exception, KeyboardInterrupt) as exc:  # one line, never a traceback
        out.fail(_database_failure(exc) or describe(exc, home)[0])
        return EXIT_REFUSED if isinstance(exc, KeyboardInterrupt) else EXIT_BAD_INPUT
    return code


def _database_failure(exc: BaseException) -> Refusal | None:
    """A failure of the bureau's database (SQLite or PostgreSQL), said in one line."""
    if "appliance.store.bureau.db" not in sys.modules:
        return None
    from appliance.store.bureau.db import describe_failure

    text = describe_failure(exc)
    return None if text is None else Refused("bureau.database_failed", error=text)


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise OutputFailed(exc) from None
    except OutputFailed:
        with contextlib.suppress(OSError):
            sys.stderr.write("bwc-bureau: standard output failed\n")
        code = EXIT_REFUSED
    sys.exit(code)
