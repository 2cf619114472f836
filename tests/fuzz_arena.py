"""Provides the CLI fuzz's arena: homes in every condition, reset cheaply, checked after a run.

A template home (seeded, two archived clips, a recorder signed out, a checkpoint) is built
once; each example gets it in one condition (ready, missing, bare, no database, an empty,
garbage, foreign or emptied database, read-only, on a full disk) and, afterwards, proof that
nothing was left half done: the chain and the state verify clean, or the files are untouched.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import os
import shutil
import sqlite3
from contextlib import ExitStack
from pathlib import Path

from appliance import config
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import open_services
from appliance.demo import make_home
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.records import Actor
from tests.accounts import unseal_tree
from tests.conftest import DEMO_PINS
from tests.fuzz_cli import Paths
from tests.small_mounts import fill, read_only_view, small_tmpfs

PLAIN = (
    "ready",
    "missing",
    "bare",
    "config_only",
    "zero_db",
    "garbage_db",
    "foreign_db",
    "emptied",
)
# "_open": another process (the dock service) holds the database open, so its -wal and
# -shm files exist and a command gets as far as its first write.
MOUNTED = ("read_only", "read_only_open", "full", "full_open")
SETUP = Actor("test:fuzz-setup", "system", "DEMO01")
HOME = "@HOME@"  # stands for the example's --home in a generated path
Fingerprint = dict[str, tuple[int, int]]


def fingerprint(home: Path) -> Fingerprint:
    """Every file under home with its size and modification time."""
    if not home.exists():
        return {}
    found = {}
    for path in home.rglob("*"):
        if path.is_file() or path.is_symlink():
            info = path.lstat()
            found[str(path.relative_to(home))] = (info.st_size, info.st_mtime_ns)
    return found


def verify_clean(home: Path, orphans_expected: bool = False) -> None:
    """The chain walks intact, the replayed state equals the tables, the archive its rows.

    In an emptied database the archived files have lost their rows: that finding, and only
    that one, was there before the example and stays.
    """
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        result = services.audit.verify(SETUP)
    finally:
        services.close()
    if not orphans_expected:
        assert result.clean, (home, result)
        return
    assert result.chain.intact and result.state_difference is None, (home, result)
    assert not result.state_problem and not result.integrity_problem, (home, result)
    assert {f.problem for f in result.archive_findings} <= {"file_without_row"}, result


def _cheap_pins(home: Path) -> None:
    """Store the demo PINs as scrypt with small parameters, through an audited change.

    A stored hash names its own parameters (pins.matches), so sign-in stays the product's
    code while costing microseconds instead of 50 ms: 2,000 examples fit in the budget.
    """
    services = open_services(config.load(home, home / "kiosk.toml"))
    connection: sqlite3.Connection = services.store.database.connection()  # type: ignore[no-untyped-call]
    with services.store.transaction():
        for badge, pin in DEMO_PINS.items():
            salt = os.urandom(16)
            digest = hashlib.scrypt(pin.encode(), salt=salt, n=16, r=1, p=1, dklen=32)
            text = "$".join(
                [
                    "scrypt",
                    "16",
                    "1",
                    "1",
                    base64.b64encode(salt).decode(),
                    base64.b64encode(digest).decode(),
                ]
            )
            connection.execute("UPDATE person SET pin_hash = ? WHERE badge = ?", (text, badge))
        services.ctx.record(SETUP, "test_setup", "person", "*", note="cheap PIN hashes")
    services.close()


def _empty_database(path: Path) -> None:
    """Every table emptied with raw SQL after dropping the triggers (an attacker's edit)."""
    with sqlite3.connect(path) as conn:
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f'DROP TRIGGER "{trigger}"')
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (table,) in tables:
            conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 -- names from the schema
    conn.close()


class Arena:
    """The fuzz's file system: templates, inputs, outputs and the homes of the examples."""

    def __init__(self, root: Path, clips: list[Path], mounts: bool) -> None:
        self.root = root
        self.cwd = root / "cwd"
        self.cwd.mkdir()
        self._stack = ExitStack()
        self._template = self._build_template(root / "template" / "home", clips)
        self._emptied = root / "template" / "emptied"
        shutil.copytree(self._template, self._emptied)
        _empty_database(self._emptied / "bwc.db")
        self._inputs(root / "inputs")
        self.conditions = PLAIN + (MOUNTED if mounts else ())
        if mounts:
            ro_source = root / "ro-source"
            ro_source.mkdir()
            shutil.copytree(self._template, ro_source / "home")
            self._ro_source = ro_source / "home"
            self._ro_view = self._stack.enter_context(read_only_view(ro_source, root / "ro-view"))
            self._full = self._stack.enter_context(small_tmpfs(root / "full", "4m"))
        self.paths = self._paths(mounts)
        self._ready_fresh = False  # whether run/ready still equals the template
        self._filler: Path | None = None
        self._held: sqlite3.Connection | None = None

    def close(self) -> None:
        self._stack.close()

    def _build_template(self, home: Path, clips: list[Path]) -> Path:
        services, _ = make_home(home, language="en", pins=DEMO_PINS)
        card = self.root / "template" / "card" / "DCIM" / "100MEDIA"
        card.mkdir(parents=True)
        for number, clip in enumerate(clips, 1):
            shutil.copyfile(clip, card / f"FILE{number:04d}.MP4")
        driver = MassStorageDriver(card.parent.parent, fallback_serial="DSJ-A001")
        services.offload.run(driver, "DSJ-A001", clear=False)
        self.clip_ids = tuple(clip.id for clip in services.clips.listing())
        officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
        services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
        inputs = self.root / "inputs"
        inputs.mkdir()
        services.audit.checkpoint(SETUP, inputs / "checkpoint.txt")
        services.close()
        _cheap_pins(home)
        verify_clean(home)
        return home

    def _inputs(self, inputs: Path) -> None:
        (inputs / "garbage.bin").write_bytes(bytes(range(256)) * 8)
        (inputs / "empty.txt").write_bytes(b"")
        (inputs / "odd name ☃ \x1b.txt").write_text("not a key\n")
        (inputs / "a-directory").mkdir()
        shutil.copyfile(self._template / "keys" / "audit.pub", inputs / "audit.pub")
        shutil.copytree(self.root / "template" / "card", inputs / "card")
        (inputs / "card" / "DCIM" / "junk.MP4").write_bytes(b"\0" * 1000)
        (inputs / "empty-card").mkdir()

    def _paths(self, mounts: bool) -> Paths:
        inputs = self.root / "inputs"
        outputs = self.root / "outputs"
        readable = ["checkpoint.txt", "garbage.bin", "empty.txt", "odd name ☃ \x1b.txt"]
        readable += ["a-directory", "audit.pub", "missing.txt"]
        written = [str(outputs / name) for name in ("new.png", "existing.txt", "a-directory")]
        written += [str(outputs / "missing" / "x.png"), "out.png", "", ".", "/dev/full"]
        written += ["/proc/self/no-such/x"]
        if mounts:
            written += [str(self.root / "ro-view" / "x.png"), str(self.root / "full" / "x.png")]
        folders = [str(inputs / n) for n in ("card", "empty-card", "garbage.bin", "missing")]
        # The example's own home, whatever its condition (the runner puts it in place).
        folders += [f"{HOME}/sim/dock", f"{HOME}/sim/dock/DSJ-A001"]
        written.append(f"{HOME}/exports/label.png")
        return Paths(
            tuple(str(inputs / name) for name in readable),
            tuple(written),
            tuple(folders),
            self.clip_ids,
        )

    def prepare(self, condition: str) -> Path:
        """The --home for an example in this condition (outputs and cwd reset too)."""
        # The working directory stays (it is the process's), emptied; outputs are remade.
        for stray in self.cwd.iterdir():
            if stray.is_dir() and not stray.is_symlink():
                shutil.rmtree(stray)
            else:
                stray.unlink()
        shutil.rmtree(self.root / "outputs", ignore_errors=True)
        (self.root / "outputs").mkdir()
        (self.root / "outputs" / "existing.txt").write_text("old\n")
        (self.root / "outputs" / "a-directory").mkdir()
        if condition.startswith("read_only"):
            self._hold(self._ro_source, condition)
            return self._ro_view / "home"
        if condition.startswith("full"):
            if (self._full / "home").exists():
                unseal_tree(self._full / "home")
            shutil.rmtree(self._full / "home", ignore_errors=True)
            (self._full / "x.png").unlink(missing_ok=True)
            shutil.copytree(self._template, self._full / "home")
            self._hold(self._full / "home", condition)
            self._filler = fill(self._full)
            return self._full / "home"
        home = self.root / "run" / condition
        if condition == "ready" and self._ready_fresh:
            return home
        if home.exists():
            # `bwc seal`, run as root by an example, leaves clips immutable (DESIGN §11).
            unseal_tree(home)
        shutil.rmtree(home, ignore_errors=True)
        home.parent.mkdir(exist_ok=True)
        if condition in ("ready", "emptied"):
            shutil.copytree(self._template if condition == "ready" else self._emptied, home)
        elif condition != "missing":
            home.mkdir()
        if condition in ("config_only", "zero_db", "garbage_db", "foreign_db"):
            shutil.copyfile(self._template / "kiosk.toml", home / "kiosk.toml")
        if condition == "zero_db":
            (home / "bwc.db").write_bytes(b"")
        if condition == "garbage_db":
            (home / "bwc.db").write_bytes(b"SQLite format 2\0" + bytes(range(256)) * 4)
        if condition == "foreign_db":
            with sqlite3.connect(home / "bwc.db") as conn:
                conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
            conn.close()
        self._ready_fresh = self._ready_fresh or condition == "ready"
        return home

    def check(self, condition: str, home: Path, before: Fingerprint, initialised: bool) -> None:
        """Assert the example left the home consistent (or, where it could not act, untouched)."""
        # A store an in-process command dropped without closing is closed now, not at some
        # later collection (sqlite3 connections sit in a reference cycle of their own).
        gc.collect()
        leftovers = [p for p in (self.root / "outputs").rglob(".*.tmp")]
        assert leftovers == [], leftovers  # an atomic write never leaves its temporary file
        # Compared while the other reader still holds the database (its -wal, -shm too).
        after = fingerprint(self._ro_source if condition.startswith("read_only") else home)
        if self._held is not None:
            self._held.close()
            self._held = None
        if condition.startswith("read_only"):
            assert after == before, (condition, before, after)
            return
        if condition.startswith("full"):
            assert self._filler is not None
            self._filler.unlink()
        if condition in ("ready", "emptied", "full", "full_open") or initialised:
            if after != before:
                verify_clean(home, orphans_expected=condition == "emptied")
                self._ready_fresh = self._ready_fresh and condition != "ready"
            return
        # Nothing could be opened: nothing may have been created or changed.
        assert after == before, (condition, before, after)
        assert home.exists() == (condition != "missing")

    def before(self, condition: str, home: Path) -> Fingerprint:
        """What check() compares with."""
        return fingerprint(self._ro_source if condition.startswith("read_only") else home)

    def _hold(self, home: Path, condition: str) -> None:
        if condition.endswith("_open"):
            self._held = sqlite3.connect(home / "bwc.db")
            self._held.execute("SELECT count(*) FROM audit_event").fetchone()
