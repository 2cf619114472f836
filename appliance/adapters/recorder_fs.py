"""Provides safe access to a recorder's file tree: listing, opening and deleting clips.

Everything on a recorder is untrusted (DESIGN §3.5): names may hold any bytes, and a card may
hold symlinks pointing out of it. Every path is walked one component at a time from the root
with O_NOFOLLOW, so nothing outside the root is ever read or deleted, and only regular files
are footage.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

from appliance.ports import ClipRef

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


class RecorderTree:
    """One recorder's root directory, reached without following links."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def clips(self) -> list[ClipRef]:
        """Every regular file under the footage folders, sorted by path (recorder order)."""
        found: list[ClipRef] = []
        root_fd = os.open(self.root, _DIR_FLAGS)
        try:
            for entry in sorted(os.listdir(root_fd)):
                if entry.lower() not in FOOTAGE_FOLDERS:
                    continue
                try:
                    folder_fd = os.open(entry, _DIR_FLAGS, dir_fd=root_fd)
                except OSError:
                    continue  # a symlink or a file where a folder should be: not footage
                try:
                    self._walk(folder_fd, entry, found)
                finally:
                    os.close(folder_fd)
        finally:
            os.close(root_fd)
        found.sort(key=lambda clip: clip.name)
        return found

    def _walk(self, dir_fd: int, prefix: str, found: list[ClipRef]) -> None:
        for name in os.listdir(dir_fd):
            info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            relative = f"{prefix}/{name}"
            if stat.S_ISDIR(info.st_mode):
                child = os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
                try:
                    self._walk(child, relative, found)
                finally:
                    os.close(child)
            elif stat.S_ISREG(info.st_mode):
                modified = datetime.fromtimestamp(info.st_mtime, UTC)
                found.append(ClipRef(relative, info.st_size, modified))

    def _parent_fd(self, parts: list[str]) -> int:
        fd = os.open(self.root, _DIR_FLAGS)
        try:
            for part in parts[:-1]:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
                os.close(fd)
                fd = child
        except OSError:
            os.close(fd)
            raise
        return fd

    def open(self, clip: ClipRef) -> BinaryIO:
        """A read-only stream of one regular file inside the root."""
        parts = _parts(clip.name)
        parent = self._parent_fd(parts)
        try:
            fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=parent)
        finally:
            os.close(parent)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise UnsafeName(f"not a regular file: {clip.name!r}")
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
