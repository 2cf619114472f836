"""Provides the content-addressed archive on a local file system: the Archive port's adapter.

Files live at archive/sha256/ab/cd/<sha256> (DESIGN §3.2, §4 steps 1-4), written once through
a staging part file, made read-only (0440: the service and its group, DESIGN §6) and linked to
their final name, never overwritten; their directories are 0750. Sealing them immutable is
the Sealer's job, which this archive is given. `fsync` is injected: tests pass one that fails
or corrupts, production passes os.fsync.
"""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from appliance.ports import (
    Buffer,
    ContentConflict,
    DeletedContent,
    PartCorrupt,
    Progress,
    Sealer,
    SealReport,
)

BUFFER_SIZE = 4 * 1024 * 1024
ARCHIVED_FILE_MODE = 0o440
ARCHIVE_DIR_MODE = 0o750
_HEX64 = re.compile(r"[0-9a-f]{64}")
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC

Fsync = Callable[[int], None]


# Kept free for the database's journal when the archive disk fills up.
RESERVE_BYTES = 512 * 1024


def is_content_name(name: str) -> bool:
    """Whether a file name is a SHA-256 in lower-case hex."""
    return bool(_HEX64.fullmatch(name))


class ArchiveFS:
    """The archive directory and its staging area (same file system, so link() works)."""

    def __init__(
        self,
        archive_dir: Path,
        staging_dir: Path,
        sealer: Sealer,
        fsync: Fsync = os.fsync,
        buffer_size: int = BUFFER_SIZE,
    ) -> None:
        self.root = archive_dir / "sha256"
        self.staging_dir = staging_dir
        self._sealer = sealer
        self._fsync = fsync
        self.buffer_size = buffer_size
        if not self.root.is_dir():
            archive_dir.mkdir(mode=ARCHIVE_DIR_MODE, parents=True, exist_ok=True)
            self.root.mkdir(mode=ARCHIVE_DIR_MODE, exist_ok=True)

    def has_room(self, size: int) -> bool:
        """True when a file of `size` bytes fits and still leaves the reserve free.

        The database shares this disk: filling it to the last byte would leave no room to
        commit the very record that says the archive is full (DESIGN §3.3).
        """
        info = os.statvfs(self.staging_dir)
        if info.f_blocks == 0:
            # A file system that accounts no space at all (ramfs) has nothing to measure.
            return True
        return info.f_bavail * info.f_frsize >= size + RESERVE_BYTES

    def path_for(self, sha256: str) -> Path:
        """The final name of a content: sha256/ab/cd/<sha256>."""
        if not is_content_name(sha256):
            raise ValueError("not a sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        """Whether the content is in the archive."""
        return self.path_for(sha256).is_file()

    # Step 1: copy from the recorder, hashing while writing the part file.
    def stage(
        self, source: BinaryIO, part: Path, buffer: Buffer, progress: Progress | None = None
    ) -> tuple[int, str, int]:
        """Write the stream to a new part file; return (open fd, sha256, size)."""
        fd = os.open(part, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        digest = hashlib.sha256()
        size = 0
        view = memoryview(buffer)
        try:
            while True:
                count = source.readinto(view)  # type: ignore[attr-defined]
                if not count:
                    break
                chunk = view[:count]
                digest.update(chunk)
                written = 0
                while written < count:
                    written += os.write(fd, chunk[written:])
                size += count
                if progress is not None:
                    progress(count)
        except BaseException:
            os.close(fd)
            raise
        return fd, digest.hexdigest(), size

    # Step 2: make the part durable; the caller discards it on any error.
    def sync_part(self, fd: int) -> None:
        """fsync the part file once (never retried in place) and make it read-only."""
        os.fchmod(fd, ARCHIVED_FILE_MODE)
        self._fsync(fd)

    # Step 3: link to the content name; EEXIST means compare.
    def promote(self, part: Path, sha256: str) -> bool:
        """Link the part to its content name; True if new, False if identical content existed.

        Raises PartCorrupt when the part differs from an intact archived copy, and
        ContentConflict when the archived copy no longer matches its own name.
        """
        new, directories = self.link(part, sha256)
        for directory in directories:
            self.sync_dir(directory)
        return new

    def link(self, part: Path, sha256: str) -> tuple[bool, list[Path]]:
        """promote() but for the directory fsyncs: (new, the directories still to fsync).

        A batch of clips links first and then syncs each directory it changed once, the
        syncs running together (issue 8); the clips count as linked only once all are done.
        """
        final = self.path_for(sha256)
        directories = self._make_dirs(final.parent)
        try:
            os.link(part, final)
        except FileExistsError:
            if self._same_bytes(part, final):
                return False, directories
            if self.rehash(sha256) == sha256:
                raise PartCorrupt(errno.EIO, "the staged copy differs from the archive") from None
            raise ContentConflict(errno.EIO, f"archived {sha256} does not match its name") from None
        return True, [*directories, final.parent]

    def _make_dirs(self, directory: Path) -> list[Path]:
        """Make the missing directories; the parents whose new entries must be fsynced."""
        missing = []
        probe = directory
        while not probe.is_dir():
            missing.append(probe)
            probe = probe.parent
        changed = []
        for path in reversed(missing):
            try:
                path.mkdir(mode=ARCHIVE_DIR_MODE)
            except FileExistsError:
                continue
            # The new directory entry must survive a power cut, as the file in it must.
            changed.append(path.parent)
        return changed

    def sync_dir(self, directory: Path) -> None:
        """fsync a directory (through the fsync port), so the entries made in it are durable."""
        self._sync_dir(directory)

    def _sync_dir(self, directory: Path) -> None:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            self._fsync(fd)
        finally:
            os.close(fd)

    def _same_bytes(self, first: Path, second: Path) -> bool:
        with open(first, "rb", buffering=0) as a, open(second, "rb", buffering=0) as b:
            while True:
                left = a.read(self.buffer_size)
                right = b.read(self.buffer_size)
                if left != right:
                    return False
                if not left:
                    return True

    def new_buffer(self) -> Buffer:
        """A page-aligned buffer (anonymous mmap), as direct I/O needs."""
        return mmap.mmap(-1, self.buffer_size)

    # Step 4: evict from the page cache, then hash what the disk holds.
    def rehash(self, sha256: str, buffer: Buffer | None = None) -> str:
        """SHA-256 of the archived file as read back from disk.

        The cached pages are dropped, then the file is read with O_DIRECT, so the bytes come
        from the device and not from memory; file systems without direct I/O (tmpfs) are
        read normally after the eviction.
        """
        path = self.path_for(sha256)
        try:
            fd = os.open(path, _READ_FLAGS | os.O_DIRECT)
        except OSError as exc:
            if exc.errno != errno.EINVAL:
                raise
            fd = os.open(path, _READ_FLAGS)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            return _hash_fd(fd, buffer if buffer is not None else self.new_buffer())
        finally:
            os.close(fd)

    def discard(self, part: Path) -> None:
        """Remove a part file (never promoted, or promoted and then linked)."""
        try:
            part.unlink()
        except FileNotFoundError:
            pass

    def withdraw_unverified(self, sha256: str) -> None:
        """Unlink a content file this job just created that failed verification.

        Only ever called for a link made moments ago whose bytes do not match the name: no
        row refers to it, so it is not evidence but a bad copy (DESIGN §4 step 4).
        """
        final = self.path_for(sha256)
        try:
            final.unlink()
        except FileNotFoundError:
            return
        self._sync_dir(final.parent)

    def contents(self) -> Iterator[str]:
        """Every content under the archive root, in order; other names are passed over."""
        for sha256, _ in self._files():
            yield sha256

    def _files(self) -> Iterator[tuple[str, os.stat_result]]:
        for first in sorted(self.root.iterdir()):
            if not first.is_dir() or first.is_symlink():
                continue
            for second in sorted(first.iterdir()):
                if not second.is_dir() or second.is_symlink():
                    continue
                for entry in sorted(second.iterdir()):
                    if not is_content_name(entry.name):
                        continue
                    info = entry.lstat()
                    # A link or a device where a content should be is never followed.
                    if stat.S_ISREG(info.st_mode):
                        yield entry.name, info

    def sizes(self) -> dict[str, int]:
        """Every archived content with the size of its file."""
        return {sha256: info.st_size for sha256, info in self._files()}

    def size(self, sha256: str) -> int:
        """The size of the content's file (a link in its place counts as absent)."""
        info = self.path_for(sha256).lstat()
        if not stat.S_ISREG(info.st_mode):
            raise FileNotFoundError(errno.ENOENT, "not an archived file", sha256)
        return info.st_size

    def open(self, sha256: str) -> BinaryIO:
        """The content's file for reading; a link in its place is never followed."""
        fd = os.open(self.path_for(sha256), _READ_FLAGS)
        return os.fdopen(fd, "rb")

    def seal(self, hashes: Sequence[str]) -> SealReport:
        """Ask the sealer to make these contents' files immutable (DESIGN §11)."""
        return self._sealer.seal([self.path_for(sha256) for sha256 in hashes])

    def delete_by_rule(self, sha256: str, reason: str) -> DeletedContent:
        """Clear the seal, unlink the content's file and sync its directory (invariant 4).

        Only the retention rule calls this (DESIGN §11, Art. 12(3)); the caller has checked
        the rule and records the tombstone. The size is taken before anything changes.
        """
        if not reason:
            raise ValueError("a deletion names the rule that allowed it")
        path = self.path_for(sha256)
        size = self.size(sha256)
        self._sealer.unseal(path)
        path.unlink()
        self._sync_dir(path.parent)
        return DeletedContent(sha256, size, reason)


def _hash_fd(fd: int, buffer: Buffer) -> str:
    digest = hashlib.sha256()
    view = memoryview(buffer)
    while True:
        count = os.readv(fd, [view])
        if not count:
            return digest.hexdigest()
        digest.update(view[:count])


def hash_file(path: Path, buffer: Buffer | None = None) -> str:
    """SHA-256 of a file's bytes, read with a large buffer."""
    fd = os.open(path, _READ_FLAGS)
    try:
        return _hash_fd(fd, buffer if buffer is not None else bytearray(BUFFER_SIZE))
    finally:
        os.close(fd)
