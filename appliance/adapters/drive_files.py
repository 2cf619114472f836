"""Provides what both hand-over drive adapters do to files: free space, flush to the medium."""

from __future__ import annotations

import os
from pathlib import Path


def free_bytes(mount_point: Path) -> int:
    """Bytes an unprivileged writer may still use there (statvfs)."""
    stats = os.statvfs(mount_point)
    return stats.f_bavail * stats.f_frsize


def flush(root: Path) -> None:
    """fsync every file under root, then drop it from the page cache (POSIX_FADV_DONTNEED).

    A verification that follows reads the medium again, not what is still in memory.
    """
    for directory, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
