"""Provides who runs `bwc` from a shell, as the kernel says it (DESIGN §6)."""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from appliance.safe_text import printable

# What /proc/self/loginuid holds for a process that no login ever touched ((uid_t)-1).
UNSET_LOGINUID = 4294967295
# An ancestry deeper than this is not a shell session; stop rather than walk forever.
_MAX_ANCESTORS = 64
_PROC = Path("/proc")


def answering_uid(real_uid: int, login_uid: int | None, ancestor_uids: Iterable[int]) -> int:
    """The uid that answers for a command, from the kernel's facts alone.

    The environment (LOGNAME, USER, USERNAME, SUDO_USER, SUDO_UID) is never consulted: any
    caller sets it to anything. The kernel's facts, in order:
    - a process not running as root answers for itself: its real uid;
    - root with a login uid: the account that logged in (pam_loginuid writes it at login,
      children inherit it, and changing it needs CAP_AUDIT_CONTROL, immutable on most
      kernels once set), so whoever logged in and then became root by sudo or su;
    - root without a login uid (no login session: a container, a service, a boot script):
      the nearest ancestor process running under another real uid, the one who ran the
      set-uid sudo or su; with none, root itself.
    """
    if real_uid != 0:
        return real_uid
    if login_uid is not None:
        return login_uid
    for uid in ancestor_uids:
        if uid != 0:
            return uid
    return 0


def uid_name(uid: int) -> str:
    """The account name of a uid (its number when it has none), escaped for the log."""
    try:
        name = pwd.getpwuid(uid).pw_name
    except KeyError:
        name = str(uid)
    return printable(name, limit=64)


def shell_user(
    real_uid: Callable[[], int] = os.getuid,
    proc: Path = _PROC,
) -> str:
    """The name of whoever answers for this process (see answering_uid)."""
    uid = real_uid()
    if uid != 0:  # the common case reads nothing from /proc
        return uid_name(uid)
    return uid_name(answering_uid(uid, read_login_uid(proc), ancestor_uids(proc)))


def read_login_uid(proc: Path = _PROC) -> int | None:
    """This process's audit login uid, or None when unset or unreadable."""
    try:
        value = int((proc / "self" / "loginuid").read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    return None if value == UNSET_LOGINUID else value


def ancestor_uids(proc: Path = _PROC) -> Iterator[int]:
    """The real uid of each ancestor process, nearest first, as /proc shows them."""
    pid = _status_field(proc / "self" / "status", "PPid")
    for _ in range(_MAX_ANCESTORS):
        if pid is None or pid <= 0:
            return
        status = proc / str(pid) / "status"
        uid = _status_field(status, "Uid")
        if uid is None:
            return
        yield uid
        pid = _status_field(status, "PPid")


def _status_field(path: Path, name: str) -> int | None:
    """The first number of a /proc status line ("Uid:" lists real, effective, saved, fs)."""
    try:
        lines = path.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, rest = line.partition(":")
        if key == name:
            fields = rest.split()
            return int(fields[0]) if fields and fields[0].isdigit() else None
    return None
