"""Provides the file-creation mask of every bwc process and the drop from root to a home's owner.

DESIGN §6: homes are created 0750 with umask 007. A root-run `bwc` on a home that belongs to
the service user becomes that user before it opens or creates anything, so it never leaves a
root-owned file (a WAL, an archive directory, a label) that the service can no longer write.
"""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.errors import BadInput, Refused

UMASK = 0o007
# The real uid this process started with, kept when it becomes a home's owner: whoever ran
# `bwc` is the actor, not the account it switched to (DESIGN §6).
_started_as: int | None = None


def set_umask() -> None:
    """Nothing a bwc process creates is readable by others (DESIGN §6)."""
    os.umask(UMASK)


@dataclass(frozen=True)
class Owner:
    """The account a root-run process becomes: uid, primary gid and supplementary groups."""

    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]


def foreign_owner(home: Path) -> Owner | None:
    """The owner of an existing home when this process is root and the owner is not; else None.

    An owner uid with no account cannot be become with its groups: refused (exit 2), so that
    nothing is written there as root.
    """
    if os.geteuid() != 0:
        return None
    try:
        info = os.stat(home)
    except OSError:
        return None
    if info.st_uid == 0:
        return None
    try:
        account = pwd.getpwuid(info.st_uid)
    except KeyError:
        raise BadInput("home_owner_unknown", home=str(home), uid=info.st_uid) from None
    groups = tuple(os.getgrouplist(account.pw_name, account.pw_gid))
    return Owner(account.pw_name, account.pw_uid, account.pw_gid, groups)


def become(owner: Owner) -> None:
    """Switch this process to owner for good: groups first, then gid, then uid."""
    global _started_as
    if _started_as is None:
        _started_as = os.getuid()
    try:
        os.setgroups(list(owner.groups))
        os.setgid(owner.gid)
        os.setuid(owner.uid)
    except OSError as exc:
        raise Refused("cannot_become_owner", user=owner.name, error=exc.strerror) from None
    # Checked, not assumed: a process still root here would write the home as root.
    if os.geteuid() != owner.uid or os.getuid() != owner.uid or os.getegid() != owner.gid:
        raise Refused("cannot_become_owner", user=owner.name, error="still privileged")


def invoking_uid() -> int:
    """The real uid of whoever ran this process, also after it became the home's owner."""
    return os.getuid() if _started_as is None else _started_as


def is_root() -> bool:
    """Whether this process runs as root (the privileged verbs need it)."""
    return os.geteuid() == 0
