"""Provides the sealers: archived files made immutable (FS_IMMUTABLE_FL) where the FS allows.

DESIGN §1, §11: `chattr +i` on archived files, set only by a process holding
CAP_LINUX_IMMUTABLE (root, or the helper bwc-seal@.service). The dock service holds no
privilege and asks the helper (HelperSealer); a process that holds the capability sets the flag
itself (IoctlSealer); elsewhere nothing is sealed and the report says so (NoSealer).
"""

from __future__ import annotations

import enum
import errno
import fcntl
import os
import re
import secrets
import stat
import struct
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from appliance.adapters.archive_fs import is_content_name
from appliance.ports import SealReport

# <linux/fs.h>: _IOR('f', 1, long) and _IOW('f', 2, long) on a 64-bit kernel; the kernel reads
# and writes an int through the pointer.
FS_IOC_GETFLAGS = 0x80086601
FS_IOC_SETFLAGS = 0x40086602
FS_IMMUTABLE_FL = 0x00000010
CAP_LINUX_IMMUTABLE = 9
SEAL_UNIT = "bwc-seal"
# The request that asks the helper to clear one content's flag: unseal-<sha256>.
UNSEAL = "unseal-"

_SHARD = re.compile(r"[0-9a-f]{2}")
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# What a file system without the attribute answers (FAT, ramfs, some FUSE and network FS).
_UNSUPPORTED = {errno.ENOTTY, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


class SealState(enum.Enum):
    """What became of one file."""

    SEALED = "sealed"
    ALREADY = "already"
    UNSUPPORTED = "unsupported"
    FAILED = "failed"


def has_capability(number: int) -> bool:
    """Whether this process holds a capability in its effective set (Linux)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("CapEff:"):
            return bool(int(line.split()[1], 16) >> number & 1)
    return False


def _get_flags(fd: int) -> int:
    buffer = bytearray(8)
    fcntl.ioctl(fd, FS_IOC_GETFLAGS, buffer)
    return int(struct.unpack_from("=I", buffer)[0])


def immutable_fd(fd: int) -> bool | None:
    """Whether the open file is immutable; None when its file system has no such flag."""
    try:
        return bool(_get_flags(fd) & FS_IMMUTABLE_FL)
    except OSError as exc:
        if exc.errno in _UNSUPPORTED:
            return None
        raise


def is_immutable(path: Path) -> bool | None:
    """Whether the file at path (never followed if a link) is immutable; None: no such flag."""
    fd = os.open(path, _FILE_FLAGS)
    try:
        return immutable_fd(fd)
    finally:
        os.close(fd)


def _tally(states: Iterable[tuple[SealState, str]]) -> SealReport:
    counts: Counter[SealState] = Counter()
    reason = ""
    for state, why in states:
        counts[state] += 1
        reason = reason or why
    return SealReport(
        sealed=counts[SealState.SEALED],
        already=counts[SealState.ALREADY],
        unsupported=counts[SealState.UNSUPPORTED],
        failed=counts[SealState.FAILED],
        reason=reason,
    )


def _why(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


class IoctlSealer:
    """Sets FS_IMMUTABLE_FL itself: for a process that holds CAP_LINUX_IMMUTABLE.

    Files are opened read-only without following links; setting the flag needs no write access
    to the file, only the capability (and CAP_FOWNER when another user owns it).
    """

    def seal(self, paths: Sequence[Path]) -> SealReport:
        """Seal each file; a file already immutable is counted as such."""
        return _tally(self._seal_at(None, str(path)) for path in paths)

    def unseal(self, path: Path) -> None:
        """Clear the immutable flag (DESIGN §11: only for a deletion the rule allowed)."""
        fd = os.open(path, _FILE_FLAGS)
        try:
            try:
                flags = _get_flags(fd)
            except OSError as exc:
                if exc.errno in _UNSUPPORTED:
                    return  # no such flag on this file system: nothing holds the file
                raise
            if flags & FS_IMMUTABLE_FL:
                cleared = flags & ~FS_IMMUTABLE_FL
                fcntl.ioctl(fd, FS_IOC_SETFLAGS, struct.pack("=I", cleared) + bytes(4))
        finally:
            os.close(fd)

    def unseal_content(self, root: Path, sha256: str) -> bool:
        """Clear the flag of the content file root/ab/cd/<sha256>, walked by directory
        descriptor (no component followed if it is a link). False when there is no such file.
        """
        if not is_content_name(sha256):
            raise ValueError("not a sha256")
        try:
            top = os.open(root, _DIR_FLAGS)
        except FileNotFoundError:
            return False
        opened = [top]
        try:
            for shard in (sha256[:2], sha256[2:4]):
                inner = _open_dir(shard, opened[-1])
                if inner is None:
                    return False
                opened.append(inner)
            try:
                fd = os.open(sha256, _FILE_FLAGS, dir_fd=opened[-1])
            except FileNotFoundError:
                return False
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise PermissionError(errno.EPERM, "not a regular file", sha256)
                flags = _get_flags(fd)
                if flags & FS_IMMUTABLE_FL:
                    cleared = flags & ~FS_IMMUTABLE_FL
                    fcntl.ioctl(fd, FS_IOC_SETFLAGS, struct.pack("=I", cleared) + bytes(4))
                return True
            except OSError as exc:
                if exc.errno in _UNSUPPORTED:
                    return True
                raise
            finally:
                os.close(fd)
        finally:
            for fd in reversed(opened):
                os.close(fd)

    def sweep(self, root: Path, since: int | None = None) -> SealReport:
        """Seal every content file under root (archive/sha256/ab/cd/<sha256>) not yet sealed.

        Walks by directory descriptor: no component is ever followed if it is a link, and only
        regular files with a content name are touched. With `since`, only the ab/cd directories
        modified at or after that second are read: a link() into a directory sets its mtime,
        so a request for fresh files costs one fstat per directory, not one per archived file.
        """
        try:
            top = os.open(root, _DIR_FLAGS)
        except FileNotFoundError:
            return SealReport()
        try:
            return _tally(self._walk(top, since))
        finally:
            os.close(top)

    def _walk(self, top: int, since: int | None) -> Iterable[tuple[SealState, str]]:
        for first in sorted(os.listdir(top)):
            if not _SHARD.fullmatch(first):
                continue
            outer = _open_dir(first, top)
            if outer is None:
                continue
            try:
                for second in sorted(os.listdir(outer)):
                    if not _SHARD.fullmatch(second) or _older(second, outer, since):
                        continue
                    inner = _open_dir(second, outer)
                    if inner is None:
                        continue
                    try:
                        for name in sorted(os.listdir(inner)):
                            if is_content_name(name):
                                yield self._seal_at(inner, name)
                    finally:
                        os.close(inner)
            finally:
                os.close(outer)

    def _seal_at(self, dir_fd: int | None, name: str) -> tuple[SealState, str]:
        try:
            fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
        except OSError as exc:
            # ELOOP: a link where a content file should be; it is never followed.
            return SealState.FAILED, _why(exc)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return SealState.FAILED, "not_a_regular_file"
            flags = _get_flags(fd)
            if flags & FS_IMMUTABLE_FL:
                return SealState.ALREADY, ""
            fcntl.ioctl(fd, FS_IOC_SETFLAGS, struct.pack("=I", flags | FS_IMMUTABLE_FL) + bytes(4))
            return SealState.SEALED, ""
        except OSError as exc:
            if exc.errno in _UNSUPPORTED:
                return SealState.UNSUPPORTED, "not_supported_by_file_system"
            return SealState.FAILED, _why(exc)
        finally:
            os.close(fd)


def _older(name: str, dir_fd: int, since: int | None) -> bool:
    """Whether a shard directory was last changed before since (a link is never followed)."""
    if since is None:
        return False
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mtime < since
    except OSError:
        return True


def _open_dir(name: str, dir_fd: int) -> int | None:
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    except OSError:
        # A link or a plain file where a shard directory should be: not ours, not followed.
        return None


class NoSealer:
    """Seals nothing and says why: a demo home, no privilege, or sealing switched off."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def seal(self, paths: Sequence[Path]) -> SealReport:
        """Every file is 'not sealable here'."""
        return SealReport(unsupported=len(paths), reason=self.reason)

    def unseal(self, path: Path) -> None:
        """Nothing was sealed here; a flag someone else set stays, and the unlink fails."""
        return None


Runner = Callable[[list[str]], tuple[int, str]]


def _systemctl(argv: list[str]) -> tuple[int, str]:
    # A fixed program and a token we made; no shell (DESIGN §3.5).
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603
    return done.returncode, done.stderr.strip()[:200]


class HelperSealer:
    """Asks bwc-seal@.service to seal, then reads the flags back: the dock holds no privilege.

    One helper run per request (an offload job), never one per file: the helper walks
    archive/sha256 and seals what is not yet immutable, so no path crosses the privilege
    boundary and a request that failed earlier is made good by the next one. Each request is a
    fresh instance name, so it never merges into a run that began before its files were linked.
    What is reported is what the flags say afterwards, not what the helper claimed.
    """

    def __init__(self, unit: str = SEAL_UNIT, run: Runner = _systemctl) -> None:
        self._unit = unit
        self._run = run

    def seal(self, paths: Sequence[Path]) -> SealReport:
        """Start the helper if any file is not sealed yet, then count what the flags say."""
        before = [_state_of(path) for path in paths]
        reason = ""
        unsealed = [path for path, state in zip(paths, before, strict=True) if state is False]
        if unsealed:
            instance = f"{self._unit}@{request_name(unsealed)}.service"
            code, error = self._run(["systemctl", "start", instance])
            if code != 0:
                reason = f"helper_failed: {error or code}"
        return _tally(_after(path, was, reason) for path, was in zip(paths, before, strict=True))

    def unseal(self, path: Path) -> None:
        """Ask bwc-seal@unseal-<sha256> to clear one file's flag, then read the flag back.

        The request names the content by its hash, never by a path (DESIGN §11): the helper
        re-checks with the retention rule that this deletion is allowed, and walks to the file
        itself. A file not sealed needs nothing; one that stays sealed is PermissionError, so
        the deletion that asked fails before anything is removed.
        """
        state = _state_of(path)
        if isinstance(state, OSError):
            raise state
        if not state:
            return
        if not is_content_name(path.name):
            raise PermissionError(errno.EPERM, "not a content name", str(path))
        code, error = self._run(["systemctl", "start", f"{self._unit}@{UNSEAL}{path.name}.service"])
        if _state_of(path) is not False:
            why = error or f"helper exit {code}"
            raise PermissionError(errno.EPERM, f"the seal stays: {why}", str(path))


def request_name(paths: Sequence[Path]) -> str:
    """`<since>-<token>`: the helper reads only directories changed since the oldest of these.

    `since` comes from the file system's own clock (the directories' mtimes, set when the
    files were linked), so a wall clock that jumps cannot hide a file; the token makes each
    request a run of its own.
    """
    mtimes = []
    for path in paths:
        try:
            mtimes.append(int(path.parent.lstat().st_mtime))
        except OSError:
            continue
    since = max(min(mtimes, default=0) - 1, 0)
    return f"{since}-{secrets.token_hex(8)}"


def parse_request(name: str) -> int | None:
    """The `since` of a request name made by request_name; None for a full sweep."""
    since, _, token = name.partition("-")
    if since.isdigit() and len(since) <= 12 and re.fullmatch(r"[0-9a-f]{16}", token):
        return int(since)
    return None


class RequestSweeper:
    """The helper's sweep of one archive (bwc-seal@<request>): the ArchiveSweeper port.

    It sets the flags itself, so it serves only a process holding CAP_LINUX_IMMUTABLE.
    """

    def __init__(self, content_root: Path) -> None:
        self._root = content_root

    def sweep(self, request: str | None) -> tuple[SealReport, int | None]:
        """Seal the directories the request says changed (all of them without one)."""
        # The dock's request names the oldest directory it changed; IT's `bwc seal` reads all.
        since = parse_request(request) if request else None
        return IoctlSealer().sweep(self._root, since), since


def _state_of(path: Path) -> bool | None | OSError:
    try:
        return is_immutable(path)
    except OSError as exc:
        return exc


def _after(path: Path, before: bool | None | OSError, reason: str) -> tuple[SealState, str]:
    if isinstance(before, OSError):
        return SealState.FAILED, _why(before)
    if before is None:
        return SealState.UNSUPPORTED, "not_supported_by_file_system"
    if before:
        return SealState.ALREADY, ""
    now = _state_of(path)
    if now is True:
        return SealState.SEALED, ""
    if isinstance(now, OSError):
        return SealState.FAILED, _why(now)
    return SealState.FAILED, reason or "helper_left_it_unsealed"
