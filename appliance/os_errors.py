"""Provides the one-line reason for an operating-system error: which file, what went wrong."""

from __future__ import annotations

import errno
from pathlib import Path

from appliance.domain.errors import BadInput

# errno -> catalogue key: the reasons a person can act on, in words rather than numbers.
_REASONS = {
    errno.ENOSPC: "os_full",
    errno.EDQUOT: "os_full",
    errno.EROFS: "os_read_only",
    errno.EACCES: "os_denied",
    errno.EPERM: "os_denied",
    errno.ENOENT: "os_missing",
    errno.EISDIR: "os_is_directory",
    errno.ENOTDIR: "os_not_directory",
    errno.EEXIST: "os_exists",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.ELOOP: "os_not_directory",
    errno.EIO: "os_io",
}


def os_refusal(exc: OSError, where: Path | str | None = None) -> BadInput:
    """BadInput naming the file (`where`, else the error's own) and what went wrong.

    Exit 2 on the command line: a path that cannot be used, a full disk, a read-only home
    are for the operator to put right; nothing was refused by a rule and nothing logged.
    """
    path = where if where is not None else exc.filename
    shown = str(path) if path is not None else "-"
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        return BadInput("os_error", path=shown, error=exc.strerror or type(exc).__name__)
    return BadInput(reason, path=shown)
