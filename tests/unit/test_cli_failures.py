"""The one line for failures no rule raised: files, the database, an interrupt, a bug."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import peewee
import pytest

from appliance.cli.failures import OneLineParser, UsageError, describe
from appliance.cli.output import EXIT_BAD_INPUT, EXIT_REFUSED
from appliance.i18n import explain
from appliance.store.db import UnboundChange

HOME = Path("/var/lib/bwc")


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.ENOSPC, "os_full"),
        (errno.EROFS, "os_read_only"),
        (errno.EACCES, "os_denied"),
        (errno.ENOENT, "os_missing"),
        (errno.EISDIR, "os_is_directory"),
        (errno.ENOTDIR, "os_not_directory"),
        (errno.ENAMETOOLONG, "os_name_too_long"),
        (errno.EIO, "os_io"),
        (errno.EXDEV, "os_error"),
    ],
)
def test_os_errors_name_the_file_in_words(number: int, reason: str) -> None:
    refusal, code = describe(OSError(number, "strerror text", "/srv/out.png"), HOME)
    assert (refusal.reason, code) == (reason, EXIT_BAD_INPUT)
    for language in ("en", "zh_CN"):
        assert "/srv/out.png" in explain(refusal, language)


def test_database_errors_name_the_database() -> None:
    garbage = sqlite3.DatabaseError("file is not a database")
    garbage.sqlite_errorname = "SQLITE_NOTADB"
    refusal, code = describe(peewee.DatabaseError(garbage, *garbage.args), HOME)
    assert (refusal.reason, code) == ("db_corrupt", EXIT_BAD_INPUT)
    assert refusal.params["path"] == "/var/lib/bwc/bwc.db"


def test_a_full_disk_behind_a_failed_rollback_is_still_a_full_disk() -> None:
    # SQLite rolls back a commit that hit a full disk; peewee's ROLLBACK then fails too.
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    masked = peewee.OperationalError("cannot rollback - no transaction is active")
    assert describe(masked, HOME)[0].reason == "internal_error"
    masked.__context__ = peewee.OperationalError(full, *full.args)
    assert describe(masked, HOME)[0].reason == "db_full"


@pytest.mark.parametrize(
    "exc", [UnboundChange("state rows changed"), KeyError("x"), RecursionError(), ValueError()]
)
def test_anything_else_is_one_internal_error_line(exc: Exception) -> None:
    refusal, code = describe(exc, HOME)
    assert (refusal.reason, code) == ("internal_error", EXIT_REFUSED)
    assert type(exc).__name__ in explain(refusal, "en") and "\n" not in explain(refusal, "en")


def test_an_interrupt_is_one_line() -> None:
    refusal, code = describe(KeyboardInterrupt(), None)
    assert (refusal.reason, code) == ("interrupted", EXIT_REFUSED)


def test_sub_parsers_raise_instead_of_printing_usage() -> None:
    parser = OneLineParser(prog="bwc", root=True)
    sub = parser.add_subparsers(dest="command", required=True)
    child = sub.add_parser("child")
    child.add_argument("--needed", required=True)
    assert isinstance(child, OneLineParser)
    with pytest.raises(UsageError) as usage:
        parser.parse_args(["child"])
    assert usage.value.prog == "bwc child" and "--needed" in usage.value.detail
    args = parser.parse_args(["--lang", "en", "child", "--needed", "x", "--json"])
    assert (args.lang, args.json, args.home) == ("en", True, None)
