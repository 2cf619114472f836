"""Provides safe access to a recorder's file tree: listing, opening and deleting clips.

Everything on a recorder is untrusted (DESIGN §3.5): names may hold any bytes, and a card may
hold symlinks pointing out of it. Every path is walked one component at a time from the root
with O_NOFOLLOW, so nothing outside the root is ever read or deleted, and only regular files
are footage.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

from appliance.domain.footage import SkipReason
from appliance.ports import ClipRef, SkippedEntry

# Where recorders keep footage (compared case-insensitively, top level of the card).
FOOTAGE_FOLDERS = frozenset(
    {"dcim", "video", "videos", "record", "records", "movie", "audio", "photo", "picture", "file"}
)
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class UnsafeName(OSError):
    """A clip name that does not lead to a regular file inside the recorder root."""


def _parts(name: str) -> list[str]:
    parts = name.split("/")
    if not name or any(part in ("", ".", "..") or "\0" in part for part in parts):
        raise UnsafeName(f"not a clip name: {name!r}")
    return parts


# Recorders keep footage one to three folders below DCIM (DCIM/100MEDIA/...); 32 levels is
# far past any real card. Deeper is a trap: a 1,000-level chain would exhaust a recursive
# walk's stack or its file descriptors and build paths longer than PATH_MAX, so the folder at
# level 33 is listed as skipped and not entered.
MAX_DEPTH = 32


@dataclass(frozen=True)
class Listing:
    """One walk of the card: the clips it takes and every entry it passes over."""

    clips: list[ClipRef]
    skipped: list[SkippedEntry]


def _not_footage(info: os.stat_result) -> SkipReason | None:
    """Why an entry that is neither a folder nor a single-named regular file is skipped."""
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return SkipReason.HARD_LINK if info.st_nlink > 1 else None
    if stat.S_ISLNK(mode):
        return SkipReason.SYMLINK
    if stat.S_ISFIFO(mode):
        return SkipReason.FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return SkipReason.DEVICE
    if stat.S_ISSOCK(mode):
        return SkipReason.SOCKET
    return SkipReason.NOT_REGULAR


class RecorderTree:
    """One recorder's root directory, reached without following links."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._skipped: list[SkippedEntry] = []

    def clips(self) -> list[ClipRef]:
        """Every regular file under the footage folders, sorted by path (recorder order)."""
        found = self.listing()
        self._skipped = found.skipped
        return found.clips

    def skipped(self) -> list[SkippedEntry]:
        """What the last clips() passed over, sorted by path."""
        return list(self._skipped)

    def listing(self) -> Listing:
        """Walk the footage folders iteratively, one open folder at a time, to MAX_DEPTH.

        Only folders and regular files with one name are followed or taken; everything
        else is listed with its reason and never opened (a FIFO would block, a device read
        the box, a link lead off the card).
        """
        clips: list[ClipRef] = []
        skipped: list[SkippedEntry] = []
        pending: list[tuple[tuple[str, ...], int]] = []
        root_fd = os.open(self.root, _DIR_FLAGS)
        try:
            for entry in sorted(os.listdir(root_fd)):
                if entry.lower() not in FOOTAGE_FOLDERS:
                    continue
                try:
                    info = os.stat(entry, dir_fd=root_fd, follow_symlinks=False)
                except OSError:
                    skipped.append(SkippedEntry(entry, SkipReason.UNREADABLE_ENTRY))
                    continue
                if stat.S_ISDIR(info.st_mode):
                    pending.append(((entry,), 0))
                else:
                    reason = _not_footage(info) or SkipReason.NOT_A_FOLDER
                    skipped.append(SkippedEntry(entry, reason))
        finally:
            os.close(root_fd)
        while pending:
            parts, depth = pending.pop()
            self._list_folder(parts, depth, clips, skipped, pending)
        clips.sort(key=lambda clip: clip.name)
        skipped.sort(key=lambda entry: entry.name)
        return Listing(clips, skipped)

    def _list_folder(
        self,
        parts: tuple[str, ...],
        depth: int,
        clips: list[ClipRef],
        skipped: list[SkippedEntry],
        pending: list[tuple[tuple[str, ...], int]],
    ) -> None:
        prefix = "/".join(parts)
        try:
            fd = self._open_folder(parts)
        except OSError:
            skipped.append(SkippedEntry(prefix, SkipReason.UNREADABLE_FOLDER))
            return
        try:
            try:
                names = os.listdir(fd)
            except OSError:
                skipped.append(SkippedEntry(prefix, SkipReason.UNREADABLE_FOLDER))
                return
            for name in names:
                relative = f"{prefix}/{name}"
                try:
                    info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                except OSError:
                    skipped.append(SkippedEntry(relative, SkipReason.UNREADABLE_ENTRY))
                    continue
                if stat.S_ISDIR(info.st_mode):
                    if depth + 1 > MAX_DEPTH:
                        skipped.append(SkippedEntry(relative, SkipReason.TOO_DEEP))
                    else:
                        pending.append(((*parts, name), depth + 1))
                    continue
                reason = _not_footage(info)
                if reason is not None:
                    skipped.append(SkippedEntry(relative, reason))
                    continue
                modified = datetime.fromtimestamp(info.st_mtime, UTC)
                clips.append(ClipRef(relative, info.st_size, modified))
        finally:
            os.close(fd)

    def _open_folder(self, parts: tuple[str, ...]) -> int:
        """A folder's descriptor, reached from the root one component at a time (no links)."""
        fd = os.open(self.root, _DIR_FLAGS)
        try:
            for part in parts:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
                os.close(fd)
                fd = child
        except OSError:
            os.close(fd)
            raise
        return fd

    def _parent_fd(self, parts: list[str]) -> int:
        return self._open_folder(tuple(parts[:-1]))

    def open(self, clip: ClipRef) -> BinaryIO:
        """A read-only stream of one regular file inside the root."""
        parts = _parts(clip.name)
        parent = self._parent_fd(parts)
        try:
            fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=parent)
        finally:
            os.close(parent)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
            os.close(fd)
            raise UnsafeName(f"not a regular file with one name: {clip.name!r}")
        # Recorders are read front to back once: ask for generous read-ahead.
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
        return cast(BinaryIO, os.fdopen(fd, "rb", buffering=0))

    def read_small(self, name: str, limit: int = 4096) -> bytes | None:
        """The first bytes of a small file inside the root, or None when absent."""
        try:
            with self.open(ClipRef(name, 0)) as stream:
                return stream.read(limit)
        except OSError:
            return None

    def delete(self, clip: ClipRef) -> None:
        """Unlink one regular file inside the root and make the removal durable."""
        parts = _parts(clip.name)
        parent = self._parent_fd(parts)
        try:
            info = os.stat(parts[-1], dir_fd=parent, follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                raise UnsafeName(f"not a regular file: {clip.name!r}")
            os.unlink(parts[-1], dir_fd=parent)
            os.fsync(parent)
        finally:
            os.close(parent)

    def space(self) -> tuple[int, int]:
        """(free, total) bytes of the file system holding the root."""
        info = os.statvfs(self.root)
        return info.f_bavail * info.f_frsize, info.f_blocks * info.f_frsize
