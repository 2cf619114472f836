"""Provides the writing of a sealed package: a BagIt bag built aside, renamed when complete.

DESIGN §10: the bag is built by the `bagit` library in `.<name>.partial-<token>` beside its
final name (the same file system, so the rename is atomic even on a hand-over drive), every
file and directory fsynced, the tag manifest signed last, and only then renamed into place:
a pulled drive or a killed writer never leaves a package under the final name that is not
complete, and what is left under the partial name never verifies (its name is sealed).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from appliance.domain.packages import (
    AUDIT_JSONL,
    BAGIT_TXT,
    CHECKPOINT_TXT,
    CLIPS_JSON,
    NAME_FIELD,
    SIGNATURE,
    TAG_MANIFEST,
    BagPlan,
    signature_text,
)
from appliance.ports_package import ContentDiffers

_CHUNK = 1 << 20
_FILE_MODE = 0o440


def _open_new(path: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    return os.open(path, flags, 0o640)


def _write_file(path: Path, chunks: Iterable[bytes]) -> None:
    fd = _open_new(path)
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_checked(
    source: BinaryIO, path: Path, expected: str, copied: Callable[[int], None]
) -> None:
    digest = hashlib.sha256()

    def chunks() -> Iterable[bytes]:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            yield chunk
            copied(len(chunk))

    _write_file(path, chunks())
    if digest.hexdigest() != expected:
        raise ContentDiffers(f"the archive's copy of {expected} does not hash to it")


def _sync_tree(root: Path) -> None:
    """fsync every file and directory under root, deepest first, then root."""
    for directory, _dirs, files in os.walk(root, topdown=False):
        for name in files:
            fd = os.open(os.path.join(directory, name), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(directory))


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def partial_name(final: Path) -> Path:
    """Where a package is built before it is renamed to final."""
    return final.parent / f".{final.name}.partial-{uuid.uuid4().hex[:12]}"


class BagWriter:
    """The PackageWriter port on a local or mounted file system."""

    def write(
        self,
        plan: BagPlan,
        final: Path,
        open_content: Callable[[str], BinaryIO],
        sign: Callable[[bytes], bytes],
        progress: Callable[[int], None] | None = None,
    ) -> str:
        """Build the package at final (which must not exist); the sha256 of signature.txt."""
        return write_package(plan, final, open_content, sign, progress)


def write_package(
    plan: BagPlan,
    final: Path,
    open_content: Callable[[str], BinaryIO],
    sign: Callable[[bytes], bytes],
    progress: Callable[[int], None] | None = None,
) -> str:
    """Build the package at final (which must not exist); the sha256 of its signature.txt.

    progress, if given, hears the payload bytes written so far after every chunk.
    """
    if final.exists() or final.is_symlink():
        raise FileExistsError(str(final))
    work = partial_name(final)
    work.mkdir(mode=0o750)
    written = 0

    def copied(count: int) -> None:
        nonlocal written
        written += count
        if progress is not None:
            progress(written)

    for item in plan.payload:
        inside = work / item.path.removeprefix("data/")
        inside.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        with open_content(item.sha256) as source:
            _copy_checked(source, inside, item.sha256, copied)
    # Imported here: bagit costs every `bwc` process ~50 ms at start-up; only packages use it.
    import bagit

    info = {**plan.bag_info, NAME_FIELD: plan.name}
    bagit.make_bag(str(work), bag_info=info, checksums=["sha256"])
    # bagit.py writes version 0.97; the content is BagIt 1.0 (RFC 8493), as DESIGN §10 says.
    (work / BAGIT_TXT).write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    metadata = work / "metadata"
    metadata.mkdir(mode=0o750)
    clips_text = json.dumps(plan.clips_json, ensure_ascii=False, indent=1, sort_keys=True)
    _write_file(work / CLIPS_JSON, [clips_text.encode("utf-8") + b"\n"])
    _write_file(work / AUDIT_JSONL, (line.encode("utf-8") + b"\n" for line in plan.audit_lines))
    _write_file(work / CHECKPOINT_TXT, [plan.checkpoint_line.encode("ascii") + b"\n"])
    # The tag manifest now covers bag-info, the payload manifest and the metadata.
    bag = bagit.Bag(str(work))
    bag.save(manifests=False)
    tag_digest = hashlib.sha256((work / TAG_MANIFEST).read_bytes()).hexdigest()
    signed = signature_text(tag_digest, plan.key_id)
    signature = base64.urlsafe_b64encode(sign(signed.encode("ascii"))).decode("ascii").rstrip("=")
    line = f"{signed} sig={signature} public-key={plan.public_key_b64}\n".encode("ascii")
    _write_file(work / SIGNATURE, [line])
    for path in work.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(_FILE_MODE)
    _sync_tree(work)
    os.rename(work, final)
    _sync_dir(final.parent)
    return hashlib.sha256(line).hexdigest()
