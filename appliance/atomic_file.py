"""Provides durable, atomic file writes: a temporary file beside the target, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from appliance.domain.errors import BadInput
from appliance.os_errors import os_refusal


def write_atomically(path: Path, content: bytes, mode: int = 0o666) -> None:
    """Write content to path so that a reader sees the old file or the whole new one.

    A full disk or a pulled drive never leaves half a file under the target's name. Only a
    regular file is ever replaced: a directory, a device (`/dev/full`) or a link named as
    the target is refused, never swapped for a file. Failures are BadInput naming the path.
    `mode` is the new file's (the umask applies).
    """
    _check_target(path)
    temporary = path.with_name(f".{path.name[:180]}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        _sync_directory(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, FileNotFoundError):
            raise BadInput("os_no_folder", path=str(path)) from None
        raise os_refusal(exc, path) from None


def _check_target(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise os_refusal(exc, path) from None
    if stat.S_ISDIR(mode):
        raise BadInput("os_is_directory", path=str(path))
    if not stat.S_ISREG(mode):
        raise BadInput("os_not_regular", path=str(path))


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (where the file system lets a directory be synced)."""
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
