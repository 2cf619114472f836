"""Provides what tests that change users share: a `bwc` any user can run, accounts, unsealing.

A root-run `bwc` becomes the home's owner part-way, so the interpreter must stay readable after
the switch: on the box it is /usr/bin/python3; a development interpreter under /root is not,
and then the system's own Python of the same version runs the worktree instead.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import shutil
import stat
import struct
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appliance.adapters.seal import FS_IMMUTABLE_FL, FS_IOC_GETFLAGS, FS_IOC_SETFLAGS

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _usable_by_all(path: Path) -> bool:
    """Whether every user can reach path (o+x on each ancestor) and read it (o+r)."""
    real = path.resolve()
    for parent in real.parents:
        if not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(real.stat().st_mode & stat.S_IROTH)


def python_for_all() -> tuple[list[str], dict[str, str]] | None:
    """An interpreter command and environment that run this worktree's `appliance` as anyone."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if all(_usable_by_all(p) for p in (Path(sys.executable), stdlib, ROOT)):
        return [sys.executable], {}
    if not SYSTEM_PYTHON.exists() or not _usable_by_all(ROOT):
        return None
    version = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if version != str(sys.version_info[:2]):
        return None
    site = sysconfig.get_paths()["purelib"]
    return [str(SYSTEM_PYTHON)], {"PYTHONPATH": f"{site}:{ROOT}"}


def why_not_as_others() -> str:
    """Empty when tests may switch users; else the one-line reason they skip."""
    if os.geteuid() != 0:
        return "needs root to run bwc on a home of another user"
    if python_for_all() is None:
        return "no Python of this version that other users can run"
    return ""


def bwc_argv(*args: str) -> tuple[list[str], dict[str, str]]:
    """argv and environment of a `bwc` process that keeps working after it changes user."""
    found = python_for_all()
    assert found is not None, why_not_as_others()
    command, extra = found
    env = {**os.environ, "LANG": "C.UTF-8", **extra}
    env.pop("BWC_HOME", None)
    return [*command, "-m", "appliance", *args], env


def run_bwc(
    *args: str, stdin: str = "", user: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `bwc`; as root, unless user names the account to run it as (through setpriv)."""
    argv, base_env = bwc_argv(*args)
    env = {**base_env, **(env or {})}
    if user is not None:
        account = pwd.getpwnam(user)
        ids = [f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--init-groups"]
        argv = ["setpriv", *ids, "--", *argv]
    return subprocess.run(
        argv, input=stdin, capture_output=True, text=True, env=env, check=False, timeout=300
    )


@contextmanager
def shared_tmp(prefix: str) -> Iterator[Path]:
    """A directory under the system tmp that other users can reach (pytest's tmp is 0700)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    try:
        yield path
    finally:
        unseal_tree(path)
        shutil.rmtree(path, ignore_errors=True)


def unseal_tree(root: Path) -> None:
    """Clear FS_IMMUTABLE_FL under root, so the tree can be removed (tests only, as root).

    The product unseals only for a deletion the retention rule allowed (DESIGN §11, through
    bwc-seal@unseal-<sha256>); the tests' temporary homes must still be cleaned up.
    """
    if os.geteuid() != 0 or not root.exists():
        return
    for directory, _, names in os.walk(root):
        for name in names:
            _clear(Path(directory) / name)


def _clear(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        buffer = bytearray(8)
        fcntl.ioctl(fd, FS_IOC_GETFLAGS, buffer)
        flags = struct.unpack_from("=I", buffer)[0]
        if flags & FS_IMMUTABLE_FL:
            cleared = struct.pack("=I", flags & ~FS_IMMUTABLE_FL) + bytes(4)
            fcntl.ioctl(fd, FS_IOC_SETFLAGS, cleared)
    except OSError:
        pass
    finally:
        os.close(fd)


def owners(root: Path) -> set[tuple[int, int]]:
    """Every (uid, gid) that owns something under root, root itself included."""
    found = {(root.lstat().st_uid, root.lstat().st_gid)}
    for directory, dirs, names in os.walk(root):
        for name in dirs + names:
            info = (Path(directory) / name).lstat()
            found.add((info.st_uid, info.st_gid))
    return found
