"""Provides the traced `bwc` run and the spoiled homes of the mount-step tests (issue 8).

`traced` runs the real `bwc` under `-X importtime`, whose report names every module the
process loaded, so a test can show that the root-run mount step never loads database code.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from appliance.store.migrations import latest_version
from tests.cli_run import bwc, env

_IMPORT_LINE = "import time:"
# What opening a database would load: the store, peewee, SQLite's module, the services.
_DATABASE_MODULES = ("peewee", "sqlite3", "_sqlite3", "appliance.store", "appliance.services.")
# The PIN format rule, which the CLI's standard-input reader applies; it opens nothing.
_NOT_DATABASE = frozenset({"appliance.services.pins"})
SPOILS = ("garbage", "newer", "bad_config")


@dataclass(frozen=True)
class Traced:
    """A `bwc` run: its exit code, standard output, the modules it loaded, what it said."""

    code: int
    stdout: str
    loaded: frozenset[str]
    said: list[str]

    def database_code(self) -> list[str]:
        """The database modules among those loaded."""
        return sorted(
            name
            for name in self.loaded
            if name.startswith(_DATABASE_MODULES) and name not in _NOT_DATABASE
        )


def traced(*argv: str) -> Traced:
    """Run `python -X importtime -m appliance argv…` with an empty standard input."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "appliance", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env(),
        check=False,
        timeout=120,
    )
    stderr = done.stderr.decode("utf-8").splitlines()
    loaded = {line.rsplit("|", 1)[-1].strip() for line in stderr if line.startswith(_IMPORT_LINE)}
    said = [line for line in stderr if not line.startswith(_IMPORT_LINE)]
    return Traced(done.returncode, done.stdout.decode("utf-8"), frozenset(loaded), said)


def home_state(home: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry of the home: its content's hash, its mode and its modification time."""
    state = {}
    for path in sorted(home.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        state[str(path.relative_to(home))] = (digest, info.st_mode, info.st_mtime_ns)
    return state


def spoiled_home(home: Path, how: str) -> Path:
    """A home whose bwc.db is not SQLite, is newer than the program, or whose config is bad."""
    made = bwc("--home", str(home), "init", "--unit-code", "U01", "--unit-name", "U")
    assert made.code == 0, made
    if how == "garbage":
        (home / "bwc.db").write_bytes(b"not a database, whatever it says\n" * 400)
    elif how == "newer":
        with contextlib.closing(sqlite3.connect(home / "bwc.db")) as raw:
            raw.execute(f"PRAGMA user_version = {latest_version() + 1}")
            raw.commit()
    else:
        (home / "kiosk.toml").write_text("[[[ not toml\n", encoding="utf-8")
    return home
