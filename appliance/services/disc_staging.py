"""Provides what an evidence disc is staged and checked with (DESIGN §12): the form's asked
text, files written new, the tree the disc must hold with each file's sha256, and the first
path where what was read back differs; a step's failure keeps the tool's words for the log.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from appliance.domain.errors import BadInput, Refused

_TEXT_LIMIT = 200


def text_option(value: str | None, reason: str) -> str | None:
    """The text as typed, trimmed; BadInput(reason) for empty, too long or unprintable."""
    if value is None:
        return None
    text = value.strip()
    if not text or len(text) > _TEXT_LIMIT or not text.isprintable():
        raise BadInput(reason, limit=_TEXT_LIMIT)
    return text


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (no link followed), synced, 0640."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o640)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def expected_tree(root: Path, payload: dict[str, str]) -> dict[str, str]:
    """What the disc must hold: every staged file by its relative path, with its sha256.

    A payload file's hash is the archive's (the bag writer re-hashed every byte it copied),
    so only the small files are read here; a payload file missing from the tree is refused.
    """
    found: dict[str, str] = {}
    for directory, _folders, names in os.walk(root):
        for name in names:
            path = Path(directory, name)
            relative = path.relative_to(root).as_posix()
            known = payload.get(relative)
            if known is not None:
                found[relative] = known
                continue
            digest = hashlib.sha256()
            with open(path, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
            found[relative] = digest.hexdigest()
    missing = sorted(set(payload) - set(found))
    if missing:
        raise StepFailed("disc.read_back_mismatch", missing[0], file=missing[0])
    return found


def first_difference(expected: dict[str, str], found: dict[str, str]) -> str | None:
    """The first path (in order) whose hash differs, or is on one side only; None if none."""
    for path in sorted(set(expected) | set(found)):
        if expected.get(path) != found.get(path):
            return path
    return None


class StepFailed(Refused):
    """A refusal with the tool's own words kept for the audit event only."""

    def __init__(self, reason: str, detail: str, /, **params: object) -> None:
        super().__init__(reason, **params)
        self.detail = detail
