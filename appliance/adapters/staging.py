"""Provides the staging area (the Staging port): one locked directory per job, stale by lock.

A job holds an exclusive flock on staging/<token>/lock and a shared flock on
staging/.active while it runs. A directory whose lock can be taken belongs to a process
that died; the archive is only scanned when nobody holds .active (DESIGN §4 reconciliation).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_ACTIVE = ".active"


def _lock(path: Path, mode: int) -> int | None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class JobStaging:
    """A running job's own staging directory, locked for as long as the job lives."""

    def __init__(self, directory: Path, lock_fd: int, active_fd: int) -> None:
        self.directory = directory
        self._lock_fd = lock_fd
        self._active_fd = active_fd

    def new_part(self) -> Path:
        """A fresh part-file name inside the job's directory."""
        return self.directory / f"{uuid.uuid4().hex}.part"

    def close(self) -> None:
        """Remove what is left and release the locks."""
        shutil.rmtree(self.directory, ignore_errors=True)
        os.close(self._lock_fd)
        os.close(self._active_fd)


class StagingArea:
    """staging/: per-job directories and the archive-wide activity lock."""

    def __init__(self, staging_dir: Path) -> None:
        self.root = staging_dir
        self.root.mkdir(parents=True, exist_ok=True)

    def open_job(self, token: str) -> JobStaging:
        """Create and lock the job's directory (before its row exists, so it is never stale)."""
        active = os.open(self.root / _ACTIVE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(active, fcntl.LOCK_SH)
        directory = self.root / token
        directory.mkdir(mode=0o700)
        lock = _lock(directory / "lock", fcntl.LOCK_EX)
        if lock is None:
            os.close(active)
            raise BlockingIOError(f"staging {token} is in use")
        return JobStaging(directory, lock, active)

    @staticmethod
    def new_token() -> str:
        """A unique job token."""
        return uuid.uuid4().hex

    def has_job(self, token: str) -> bool:
        """Whether the job's directory is there (a link in its place is not a job's)."""
        directory = self.root / token
        return directory.is_dir() and not directory.is_symlink()

    def sweep_stale(self) -> tuple[list[str], int]:
        """Remove directories of dead jobs and stray parts; return (their tokens, parts removed)."""
        tokens: list[str] = []
        removed = 0
        for entry in sorted(self.root.iterdir()):
            if entry.name == _ACTIVE:
                continue
            if entry.is_dir() and not entry.is_symlink():
                lock = _lock(entry / "lock", fcntl.LOCK_EX)
                if lock is None:
                    continue  # a live job owns it
                try:
                    removed += sum(1 for p in entry.iterdir() if p.name.endswith(".part"))
                    shutil.rmtree(entry, ignore_errors=True)
                finally:
                    os.close(lock)
                tokens.append(entry.name)
            elif entry.name.endswith(".part"):
                entry.unlink(missing_ok=True)
                removed += 1
        return tokens, removed

    @contextmanager
    def quiet(self) -> Iterator[bool]:
        """Hold .active exclusively if no job runs anywhere; yield whether it was taken."""
        fd = _lock(self.root / _ACTIVE, fcntl.LOCK_EX)
        try:
            yield fd is not None
        finally:
            if fd is not None:
                os.close(fd)
