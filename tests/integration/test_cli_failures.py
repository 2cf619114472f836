"""Every failure of `bwc` is one line and the right exit code, and leaves nothing half done.

DESIGN §8 through the real process: usage errors, a missing or uninitialised home, a
database that is missing, empty, garbage, another program's or emptied, standard input that
is closed or empty, huge integers, unwritable outputs, a read-only home and a full disk.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import open_services
from appliance.demo import make_home
from tests.cli_run import bwc, events, verify_clean
from tests.cli_run import env as cli_env
from tests.conftest import DEMO_PINS
from tests.small_mounts import fill, read_only_view, small_tmpfs

HEAD_PIN = DEMO_PINS["2001"] + "\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A seeded English demo home (known PINs), closed so a process may take it over."""
    made = tmp_path / "home"
    services, _ = make_home(made, language="en", pins=DEMO_PINS)
    services.close()
    return made


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ok_events(home: Path, action: str) -> list[str]:
    return [e.object_id for e in events(home) if e.action == action and e.outcome == "ok"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["officer"],
        ["signout"],
        ["signout", "--badge"],
        ["nosuch"],
        ["device", "list", "--bogus"],
        ["--lang", "xx", "device", "list"],
        ["fixity", "verify", "--sample", "many"],
        ["fixity", "verify", "--sample", "9" * 5000],
        ["clips", "file", "--badge", "1001", "--case", "C1"],
        ["init", "--unit-code", "U01"],
        ["audit", "verify", "--checkpoint"],
        ["officer", "list", "\x1b[2J\x07forged\nline"],
    ],
    ids=lambda argv: " ".join(argv)[:40] or "nothing",
)
def test_usage_errors_are_one_line(tmp_path: Path, argv: list[str]) -> None:
    result = bwc("--home", str(tmp_path / "h"), *argv)
    line = result.failure(2)
    assert line.startswith("bwc") and "--help" in line and result.stdout == ""
    assert not (tmp_path / "h").exists()


def test_usage_errors_in_json_and_in_english(tmp_path: Path) -> None:
    result = bwc("--json", "--home", str(tmp_path), "signout", "--lang", "en")
    assert result.code == 2 and result.stderr == ""
    assert '"reason": "cli.usage"' in result.stdout and result.stdout.count("\n") == 1
    english = bwc("--lang", "en", "--home", str(tmp_path), "signout").failure(2)
    assert english.startswith("bwc signout: the following arguments are required")


def test_help_may_be_long_on_stdout(tmp_path: Path) -> None:
    for argv in (["--help"], ["signout", "--help"], ["audit", "checkpoint", "-h"]):
        result = bwc(*argv)
        assert result.code == 0 and result.stderr == "" and result.stdout.count("\n") > 3


def test_global_options_also_after_the_command(home: Path) -> None:
    result = bwc("device", "list", "--home", str(home), "--json", "--lang", "en")
    assert result.code == 0, result
    assert '"serial": "DSJ-A001"' in result.stdout


def test_a_home_without_its_database_is_not_given_a_new_one(home: Path) -> None:
    for name in ("bwc.db", "bwc.db-wal", "bwc.db-shm"):
        (home / name).unlink(missing_ok=True)
    line = bwc("--home", str(home), "device", "list").failure(2)
    assert str(home / "bwc.db") in line and "bwc init" in line
    signout = ("signout", "--badge", "1001", "--device", "DSJ-A001")
    bwc("--home", str(home), *signout, stdin=DEMO_PINS["1001"]).failure(2)
    assert not (home / "bwc.db").exists()
    # `bwc init` is the way to start a new database on it (same unit as kiosk.toml).
    made = bwc("--home", str(home), "init", "--unit-code", "DEMO01", "--unit-name", "Demo")
    assert made.code == 0, made
    other = bwc("--home", str(home), "init", "--unit-code", "U99", "--unit-name", "Other")
    assert "DEMO01" in other.failure(1)


def test_an_empty_database_file_is_refused_untouched(home: Path) -> None:
    (home / "bwc.db").write_bytes(b"")
    for name in ("bwc.db-wal", "bwc.db-shm"):
        (home / name).unlink(missing_ok=True)
    assert "is missing or empty" in bwc("--home", str(home), "officer", "list").failure(2)
    assert (home / "bwc.db").stat().st_size == 0 and not (home / "bwc.db-wal").exists()


@pytest.mark.parametrize("content", [b"garbage\n" * 100, os.urandom(8192)], ids=["text", "random"])
def test_a_garbage_database_is_named(home: Path, content: bytes) -> None:
    (home / "bwc.db").write_bytes(content)
    for name in ("bwc.db-wal", "bwc.db-shm"):
        (home / name).unlink(missing_ok=True)
    for argv in (
        ["device", "list"],
        ["audit", "verify"],
        ["device", "add", "--serial", "X1", "--brand", "B", "--model", "M"],
    ):
        line = bwc("--home", str(home), *argv).failure(2)
        assert line == f"{home / 'bwc.db'} is damaged or not a database: restore it from a backup."
    assert (home / "bwc.db").read_bytes() == content


def test_another_programs_database_is_never_migrated(home: Path) -> None:
    database = home / "bwc.db"
    for name in ("bwc.db", "bwc.db-wal", "bwc.db-shm"):
        (home / name).unlink(missing_ok=True)
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    before = digest(database)
    assert "is not a bwc database" in bwc("--home", str(home), "device", "list").failure(2)
    assert digest(database) == before


def test_an_emptied_database_is_refused_and_the_checkpoint_shows_it(
    home: Path, tmp_path: Path
) -> None:
    checkpoint = tmp_path / "checkpoint.txt"
    assert bwc("--home", str(home), "audit", "checkpoint", "--out", str(checkpoint)).code == 0
    with sqlite3.connect(home / "bwc.db") as conn:
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f'DROP TRIGGER "{trigger}"')
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (table,) in tables:
            conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 -- names from the schema
    line = bwc("--home", str(home), "device", "list").failure(2)
    assert line.startswith(f"{home / 'bwc.db'} holds no unit")
    # DESIGN §5.2: the audit office still runs verify, and the checkpoint shows the loss.
    verified = bwc("--home", str(home), "audit", "verify", "--checkpoint", str(checkpoint))
    assert verified.code == 1 and "The chain is shorter than the checkpoint" in verified.stdout


PIN_COMMANDS = [
    ("signout", "--badge", "1001", "--device", "DSJ-A001", "--checks-confirmed"),
    ("return", "--badge", "1001", "--device", "DSJ-A001"),
    ("officer", "add", "--badge", "1009", "--name", "New", "--role", "officer"),
    ("officer", "unlock", "--badge", "1001", "--by", "2001"),
    ("clips", "file", "--badge", "1001", "--case", "C-1", "1"),
]


@pytest.mark.parametrize("argv", PIN_COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_pin_commands_without_a_pin(home: Path, argv: tuple[str, ...]) -> None:
    size = len(events(home))
    closed = bwc("--home", str(home), *argv, closed_stdin=True).failure(2)
    assert closed == "No PIN on standard input: give each PIN on a line of its own."
    assert bwc("--home", str(home), *argv, stdin="").failure(2) == closed
    assert bwc("--home", str(home), *argv, stdin="\n\n").failure(2) == closed
    garbage = bwc("--home", str(home), *argv, stdin=b"\xff\xfe\x00garbage\n").failure(2)
    assert garbage == "A PIN is 6 to 12 digits, given on standard input."
    assert bwc("--home", str(home), *argv, stdin="1" * 100_000).failure(2) == garbage
    assert len(events(home)) == size  # nobody signed in, nothing was attempted


def _archive(home: Path, clips: list[Path], card: Path) -> list[int]:
    for number, clip in enumerate(clips, 1):
        target = card / "DCIM" / "100MEDIA" / f"FILE{number:04d}.MP4"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(clip, target)
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        services.offload.run(
            MassStorageDriver(card, fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
        )
        return [clip.id for clip in services.clips.listing()]
    finally:
        services.close()


def test_huge_integers_and_a_bad_id_file_nothing(
    home: Path, tmp_path: Path, generated_clips: dict[str, list[Path]]
) -> None:
    ids = _archive(home, generated_clips["audio"][:2], tmp_path / "card")
    assert len(ids) == 2
    file = ("--home", str(home), "clips", "file", "--badge", "2001", "--case", "C-1")
    for huge in (str(10**40), str(-(10**40)), "0", str(2**63)):
        line = bwc(*file, str(ids[0]), huge, stdin=HEAD_PIN).failure(2)
        assert line == "A clip id is a number that `bwc clips list` shows."
    # All or none: one unknown id among good ones files none of them, and says which.
    assert "999999" in bwc(*file, str(ids[0]), "999999", str(ids[1]), stdin=HEAD_PIN).failure(1)
    assert ok_events(home, "file_clip") == []
    for sample in (str(10**40), "0", "-3"):
        line = bwc("--home", str(home), "fixity", "verify", "--sample", sample).failure(2)
        assert "1 to 1000000000" in line
    assert bwc("--home", str(home), "fixity", "verify", "--sample", "5").code == 0
    verify_clean(home)


def test_unwritable_outputs_leave_no_checkpoint_or_label(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a-directory").mkdir()
    targets = {
        str(tmp_path / "no-such-folder" / "out"): "the folder it goes in does not exist",
        str(tmp_path / "a-directory"): "is a directory",
        "/dev/full": "is not a regular file",
        "/proc/self/no-such/x": "the folder it goes in does not exist",
    }
    for target, words in targets.items():
        line = bwc("--home", str(home), "audit", "checkpoint", "--out", target).failure(2)
        assert words in line and target in line
        label = ("label", "device", "DSJ-A001", "--out", target)
        assert words in bwc("--home", str(home), *label).failure(2)
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)  # never replaced by a file
    assert list((tmp_path / "a-directory").iterdir()) == []
    # A checkpoint that could not be written out is never recorded as written.
    assert ok_events(home, "audit_checkpoint") == [] and ok_events(home, "print_label") == []
    verify_clean(home)


@contextmanager
def held_open(database: Path, hold: bool) -> Iterator[None]:
    """Optionally keep a reader on the database, as the dock service would (-wal, -shm stay)."""
    if not hold:
        yield
        return
    conn = sqlite3.connect(database)
    conn.execute("SELECT count(*) FROM audit_event").fetchone()
    try:
        yield
    finally:
        conn.close()


@pytest.mark.parametrize("hold", [False, True], ids=["closed", "held-open"])
def test_a_read_only_home(home: Path, tmp_path: Path, hold: bool) -> None:
    before = len(events(home))
    with held_open(home / "bwc.db", hold), read_only_view(home, tmp_path / "ro") as view:
        for argv in (
            ("device", "add", "--serial", "RO-1", "--brand", "B", "--model", "M"),
            ("audit", "checkpoint"),
            ("signout", "--badge", "1001", "--device", "DSJ-A001", "--checks-confirmed"),
        ):
            line = bwc("--home", str(view), *argv, stdin=DEMO_PINS["1001"]).failure(2)
            assert "read-only" in line, line
        listed = bwc("--home", str(view), "device", "list")
        assert listed.code == 0 or "read-only" in listed.failure(2)
    assert len(events(home)) == before
    verify_clean(home)


@pytest.mark.parametrize("hold", [False, True], ids=["closed", "held-open"])
def test_a_full_disk(home: Path, tmp_path: Path, hold: bool) -> None:
    with small_tmpfs(tmp_path / "small", "4m") as disk:
        boxed = disk / "home"
        shutil.copytree(home, boxed)
        before = len(events(boxed))
        with held_open(boxed / "bwc.db", hold):
            filler = fill(disk)
            for argv, stdin in (
                (("device", "add", "--serial", "FULL-1", "--brand", "B", "--model", "M"), ""),
                (
                    ("signout", "--badge", "1001", "--device", "DSJ-A001", "--checks-confirmed"),
                    DEMO_PINS["1001"],
                ),
                (("audit", "checkpoint", "--out", str(disk / "checkpoint.txt")), ""),
                (("audit", "checkpoint"), ""),
                (("label", "device", "DSJ-A001", "--out", str(disk / "label.png")), ""),
                (
                    ("officer", "add", "--badge", "1010", "--name", "N", "--role", "officer"),
                    "246810",
                ),
            ):
                line = bwc("--home", str(boxed), *argv, stdin=stdin).failure(2)
                assert "the disk is full" in line, line
            filler.unlink()
        # Nothing half done: no partial file, no temporary file, no event, state consistent.
        assert sorted(p.name for p in disk.iterdir()) == ["home"]
        assert len(events(boxed)) == before
        verify_clean(boxed)
        assert bwc("--home", str(boxed), "audit", "checkpoint").code == 0


def test_the_mount_step_refuses_a_device_that_is_not_there(home: Path) -> None:
    # bwc-mount@.service's step: a name that is no block device is one line, never a crash.
    for devname in ("nosuchdev0", "../sda1", "sd b1"):
        for step in ("mount", "unmount"):
            line = bwc("--home", str(home), "--lang", "en", "media", step, devname).failure(2)
            assert line.endswith("is not a block device of this computer.")


def _with_stdout(stdout: int, *argv: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "appliance", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cli_env(),
        check=False,
        timeout=120,
    )
    return done.returncode, done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "argv",
    [["officer", "list"], ["--json", "nosuch"], ["device", "list", "--json"], ["audit", "verify"]],
    ids=["table", "json-usage", "json", "lines"],
)
def test_an_output_that_cannot_be_written_is_one_line(home: Path, argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        code, err = _with_stdout(full.fileno(), "--home", str(home), "--lang", "en", *argv)
    assert code == 2 and err == "无法写入 stdout：磁盘已满。\n", err
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away before a word was written
    try:
        code, err = _with_stdout(write_end, "--home", str(home), *argv)
    finally:
        os.close(write_end)
    assert (code, err) == (1, "")
