"""Provides the archive's ports: Archive, Staging, Sealer and the errors the services catch.

`appliance.ports` re-exports every name here; services import them from there.

The archive holds each content once under its SHA-256 (DESIGN §3.2). The local
content-addressed file system is its adapter today (`adapters/archive_fs.py`); an
S3-compatible store with Object Lock (DESIGN §1, scale-out) would be another adapter of the
same port, so every method speaks of contents by their sha256, never of archive paths, except
`path_for`, the one local file a file-reading tool (ffprobe) is handed.

Staging is a port of its own: a job's part files and its liveness locks are scratch on the
box's own disk whatever tier the archive is, and the start-up reconciliation asks staging
which jobs died, not the archive. Sealing stays a port beside the archive's adapter (which
sealer may run is a privilege decision: the helper unit, the capability, or none) but the
services reach it only through `Archive.seal`: they name contents, the adapter knows the files.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

# A page-aligned buffer (anonymous mmap) or a plain one; the archive reads and writes through it.
Buffer = bytearray | mmap.mmap
# Called with the byte count of each chunk copied, for the progress meter.
Progress = Callable[[int], None]


class PartCorrupt(OSError):
    """The staged copy does not hold the bytes that were hashed: redo it from the source."""


class ContentConflict(OSError):
    """An archived file no longer matches its own name: evidence at risk (critical alarm)."""


@dataclass(frozen=True)
class SealReport:
    """What a request to seal archived files achieved, counted, never per file (DESIGN §11).

    `unsupported`: the file system, or this process, cannot set the flag ("not sealable here");
    `failed`: the flag could be set but was not (an alarm; the clip itself is safe, 0440).
    """

    sealed: int = 0
    already: int = 0
    unsupported: int = 0
    failed: int = 0
    reason: str = ""

    @property
    def files(self) -> int:
        """How many files the request covered."""
        return self.sealed + self.already + self.unsupported + self.failed

    def __add__(self, other: SealReport) -> SealReport:
        return SealReport(
            self.sealed + other.sealed,
            self.already + other.already,
            self.unsupported + other.unsupported,
            self.failed + other.failed,
            self.reason or other.reason,
        )


@dataclass(frozen=True)
class DeletedContent:
    """What `Archive.delete_by_rule` removed: the tombstone's facts (DESIGN §11)."""

    sha256: str
    size: int
    reason: str


class Sealer(Protocol):
    """Makes archived files immutable where the file system allows (DESIGN §1, §11)."""

    def seal(self, paths: Sequence[Path]) -> SealReport:
        """Seal each archived file; a file that cannot be sealed is counted, never raised."""
        ...

    def unseal(self, path: Path) -> None:
        """Clear the immutable flag of one file, only for a deletion the retention rule allowed.

        A file that carries no flag (or a file system without one) needs nothing; OSError
        (PermissionError) when the flag is set and stays set: the file cannot be deleted.
        """
        ...


class ArchiveSweeper(Protocol):
    """The privileged walk of `bwc seal` (bwc-seal@.service, DESIGN §11): seals the archive."""

    def sweep(self, request: str | None) -> tuple[SealReport, int | None]:
        """Seal what is not yet immutable, only where a helper request says files changed.

        Returns the report and the second the request named (None: the whole archive).
        """
        ...


class Archive(Protocol):
    """The content-addressed archive: written once, never overwritten (DESIGN §3.2, §4 1-4).

    Ingest runs stage → sync_part → promote → rehash; any OSError fails that clip only, and
    the caller discards the part and copies again from the source (never retried in place).
    """

    def has_room(self, size: int) -> bool:
        """Whether a content of size bytes fits and still leaves the database its reserve."""
        ...

    def new_buffer(self) -> Buffer:
        """A buffer for stage and rehash, one per thread."""
        ...

    def stage(
        self, source: BinaryIO, part: Path, buffer: Buffer, progress: Progress | None = None
    ) -> tuple[int, str, int]:
        """Step 1: copy source into the new part file; return (open fd, sha256, size)."""
        ...

    def sync_part(self, fd: int) -> None:
        """Step 2: make the part durable once (never retried in place) and read-only."""
        ...

    def promote(self, part: Path, sha256: str) -> bool:
        """Step 3: give the part its content name; True if new, False if identical existed.

        PartCorrupt when the part differs from an intact archived copy; ContentConflict when
        the archived copy no longer matches its own name.
        """
        ...

    def link(self, part: Path, sha256: str) -> tuple[bool, list[Path]]:
        """promote() without its directory syncs: (new, the directories still to sync).

        A batch links its clips first and then syncs each changed directory once (issue 8);
        a clip counts as promoted only when every directory returned is synced.
        """
        ...

    def sync_dir(self, directory: Path) -> None:
        """Make the entries made in a directory durable (step 3's directory fsync)."""
        ...

    def rehash(self, sha256: str, buffer: Buffer | None = None) -> str:
        """Step 4: the SHA-256 of the content as read back from the medium, not from a cache.

        FileNotFoundError when the content is not there.
        """
        ...

    def discard(self, part: Path) -> None:
        """Remove a part file (never promoted, or promoted already); absent is fine."""
        ...

    def withdraw_unverified(self, sha256: str) -> None:
        """Remove a content this job just promoted that failed its re-hash (no row names it)."""
        ...

    def exists(self, sha256: str) -> bool:
        """Whether the content is in the archive."""
        ...

    def size(self, sha256: str) -> int:
        """The stored size of a content; FileNotFoundError when it is not there."""
        ...

    def sizes(self) -> dict[str, int]:
        """Every content in the archive with its stored size."""
        ...

    def contents(self) -> Iterator[str]:
        """Every content's sha256, in order; names that are no content are passed over."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The content for reading (packages, discs); FileNotFoundError when it is not there."""
        ...

    def path_for(self, sha256: str) -> Path:
        """A local file holding the content, for a tool that reads files by name (ffprobe).

        ValueError for a name that is no sha256; the file may not exist.
        """
        ...

    def seal(self, hashes: Sequence[str]) -> SealReport:
        """Make these contents immutable where the tier allows; counted, never raised."""
        ...

    def delete_by_rule(self, sha256: str, reason: str) -> DeletedContent:
        """Unseal and remove one content the retention rule allowed (invariant 4, Art. 12(3)).

        The caller has checked the rule and writes the tombstone and its event; this only
        removes the bytes. FileNotFoundError when the content is not there; OSError when
        its seal cannot be cleared (then nothing is removed).
        """
        ...


class JobStaging(Protocol):
    """A running job's own staging directory, locked for as long as the job lives."""

    def new_part(self) -> Path:
        """A fresh part-file name inside the job's directory."""
        ...

    def close(self) -> None:
        """Remove what is left and release the locks."""
        ...


class Staging(Protocol):
    """staging/: one locked directory per running job, and the archive-wide activity lock."""

    def new_token(self) -> str:
        """A unique job token."""
        ...

    def open_job(self, token: str) -> JobStaging:
        """Create and lock the job's directory; BlockingIOError if another process holds it."""
        ...

    def has_job(self, token: str) -> bool:
        """Whether the job's directory is still there (a live job, or one not swept yet)."""
        ...

    def sweep_stale(self) -> tuple[list[str], int]:
        """Remove directories of dead jobs and stray parts; return (their tokens, parts)."""
        ...

    def quiet(self) -> AbstractContextManager[bool]:
        """Hold the activity lock exclusively if no job runs anywhere; yield whether it was."""
        ...
