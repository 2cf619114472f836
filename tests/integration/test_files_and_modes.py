"""Files and modes of a home (DESIGN §6): 0750, umask 007, bwc.db 0660, keys 0400/0440.

Through the real processes: `bwc init` and `bwc label` as commands, and `bwc-kiosk --demo` on a
pseudo-terminal (it builds its home, draws the idle screen and is quit with its Quit button).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import stat
import struct
import sys
import termios
from pathlib import Path

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.integration.test_cli import bwc

# Relative path -> mode, for what every home holds (the box's own directories come from
# kiosk_base, with setgid and group write where the kiosk writes).
EXPECTED_MODES = {
    ".": 0o750,
    "archive": 0o750,
    "archive/sha256": 0o750,
    "staging": 0o700,
    "exports": 0o750,
    "thumbnails": 0o750,
    "keys": 0o750,
    "keys/audit.key": 0o400,
    "keys/label.key": 0o400,
    "keys/audit.pub": 0o440,
    "keys/label.pub": 0o440,
    "bwc.db": 0o660,
    "kiosk.toml": 0o640,
}


def modes(home: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(home.stat().st_mode)}
    for path in home.rglob("*"):
        found[path.relative_to(home).as_posix()] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_nothing_for_others(home: Path) -> None:
    """umask 007: no file or directory of the home grants anything to other users."""
    shown = {name: oct(mode) for name, mode in modes(home).items() if mode & 0o007}
    assert shown == {}


def test_bwc_init_makes_a_home_with_the_modes_of_design_6(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert bwc(home, "init", "--unit-code", "U01", "--unit-name", "中队").returncode == 0
    added = bwc(home, "device", "add", "--serial", "S1", "--brand", "B", "--model", "M")
    assert added.returncode == 0, added.stderr
    label = bwc(home, "label", "device", "S1", "--out", str(home / "exports" / "s1.png"))
    assert label.returncode == 0, label.stderr

    found = modes(home)
    assert {name: found.get(name) for name in EXPECTED_MODES} == EXPECTED_MODES
    # The label bwc wrote is the service's and its group's (umask 007 in the process).
    assert found["exports/s1.png"] == 0o660
    assert_nothing_for_others(home)


def test_the_wal_and_shared_memory_files_take_the_database_mode(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """SQLite gives -wal and -shm the database file's own mode: 0660 for the service group."""
    services, _ = demo
    home = services.settings.home
    services.registry.unit()  # the database is open in this process, in WAL mode
    found = modes(home)
    assert (found["bwc.db"], found["bwc.db-wal"], found["bwc.db-shm"]) == (0o660, 0o660, 0o660)


def run_demo_and_quit() -> tuple[int, str]:
    """`bwc-kiosk --demo` on an 80x24 pseudo-terminal: wait for the idle screen, quit it."""
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    env.pop("BWC_HOME", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the kiosk, as `make demo` starts it
        # --keep: the home is what this test looks at (make demo KEEP=1).
        argv = [sys.executable, "-m", "tui", "--demo", "--keep"]
        os.execvpe(sys.executable, argv, env)  # noqa: S606
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    screen = b""
    quit_sent = False
    try:
        while select.select([fd], [], [], 120)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the kiosk has exited and closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            if not quit_sent and b"1001" in screen:
                # The idle screen lists the demo badges; Tab reaches "Quit demo", Enter presses it.
                os.write(fd, b"\t\r")
                quit_sent = True
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")


def test_bwc_kiosk_demo_makes_a_home_with_the_same_modes() -> None:
    code, screen = run_demo_and_quit()
    assert code == 0, screen[-500:]
    found = re.search(r"bwc-kiosk demo home kept: (\S+)", screen)
    assert found is not None, screen[-500:]
    home = Path(found.group(1))
    try:
        seen = modes(home)
        assert {name: seen.get(name) for name in EXPECTED_MODES} == EXPECTED_MODES
        assert seen["kiosk.log"] == 0o660 and seen["dock.log"] == 0o660
        assert_nothing_for_others(home)
    finally:
        # A demo home is never sealed, so it is thrown away like any directory.
        shutil.rmtree(home)
