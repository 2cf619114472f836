"""Provides the plumbing of the ingest pipeline's stages: batches, fsyncs, I/O reasons."""

from __future__ import annotations

import contextlib
import errno
import os
import queue
from pathlib import Path
from typing import Protocol, TypeVar

from appliance.ports import Archive

Item = TypeVar("Item")


def take_batch(inbox: queue.Queue[Item | None], limit: int) -> tuple[list[Item], bool]:
    """The next item and whatever else is queued behind it (up to limit); True at the end.

    A stage slower than the one feeding it thus takes bigger batches: its fixed cost (a
    journal commit, a transaction) is shared by more clips just when it is the bottleneck.
    """
    first = inbox.get()
    if first is None:
        return [], True
    items = [first]
    while len(items) < limit:
        try:
            item = inbox.get_nowait()
        except queue.Empty:
            break
        if item is None:
            return items, True
        items.append(item)
    return items, False


def io_reason(exc: OSError) -> str:
    """The failure reason an I/O error gives a clip (archive_full, io_error:EIO, ...)."""
    code = errno.errorcode.get(exc.errno or 0, "")
    if exc.errno == errno.ENOSPC:
        return "archive_full"
    return f"io_error:{code}" if code else f"io_error:{type(exc).__name__}"


def close_quietly(fd: int) -> None:
    """Close a descriptor whose close error can change nothing (it was fsynced or dropped)."""
    with contextlib.suppress(OSError):
        os.close(fd)


class _Part(Protocol):
    @property
    def fd(self) -> int: ...


def sync_part(archive: Archive, staged: _Part) -> OSError | None:
    """Step 2's fsync of one staged part, never retried in place; the error, if any.

    The part's descriptor is closed either way: a failed fsync is never retried on it.
    """
    try:
        archive.sync_part(staged.fd)
    except OSError as exc:
        return exc
    finally:
        close_quietly(staged.fd)
    return None


def sync_dir(archive: Archive, directory: Path) -> OSError | None:
    """The fsync of a directory a batch changed; the error, if any."""
    try:
        archive.sync_dir(directory)
    except OSError as exc:
        return exc
    return None
