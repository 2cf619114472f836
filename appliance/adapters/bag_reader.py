"""Provides `package verify`: everything a sealed package must be, checked with no home at all.

Needs only the package and (better) the unit's public key (DESIGN §10). Nothing is followed:
the tree is walked without following links, every file is opened with O_NOFOLLOW, and a
link, a device, `..`, an absolute path or a file no manifest names is refused by name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import BinaryIO, Protocol

from appliance.adapters.signer import Ed25519Verifier
from appliance.domain.audit import key_id, parse_checkpoint
from appliance.domain.packages import (
    AUDIT_JSONL,
    BAG_INFO,
    CHECKPOINT_TXT,
    CLIPS_JSON,
    MANIFEST,
    NAME_FIELD,
    REQUIRED_TAG_FILES,
    SIGNATURE,
    TAG_MANIFEST,
    PackageFault,
    PackageReport,
    SignatureLine,
    VerifiedPackage,
    parse_bag_info,
    parse_manifest,
    parse_signature,
    parse_slice,
    slice_fault,
)

_CHUNK = 1 << 20
_TAG_LIMIT = 256 << 20


def _walk(root: Path) -> dict[str, int]:
    """Every regular file under root with its size; a link or a device is a fault."""
    found: dict[str, int] = {}
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(root / relative if relative else root) as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    raise PackageFault("package.link", path=name)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(name)
                elif stat.S_ISREG(info.st_mode):
                    found[name] = info.st_size
                else:
                    raise PackageFault("package.not_regular", path=name)
    return found


def _open(root: Path, relative: str) -> int:
    # Every component is opened without following a link (O_NOFOLLOW covers the last one;
    # the walk refused links in the directories, and this re-checks at open time).
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        parts = relative.split("/")
        for part in parts[:-1]:
            next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = next_fd
        return os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except OSError:
        raise PackageFault("package.link", path=relative) from None
    finally:
        os.close(fd)


def _read(root: Path, relative: str) -> bytes:
    fd = _open(root, relative)
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(_TAG_LIMIT + 1)
    if len(data) > _TAG_LIMIT:
        raise PackageFault("package.tag_too_large", file=relative)
    return data


def _text(tree: PackageTree, relative: str) -> str:
    try:
        return tree.read(relative).decode("utf-8")
    except UnicodeDecodeError:
        raise PackageFault("package.tag_not_text", file=relative) from None


def _sha256(root: Path, relative: str) -> str:
    digest = hashlib.sha256()
    fd = _open(root, relative)
    with os.fdopen(fd, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class PackageTree(Protocol):
    """Where a package's files are read from: a directory, or a disc read in place."""

    name: str

    def files(self) -> dict[str, int]:
        """Every regular file with its size; PackageFault for a link or a device."""
        ...

    def read(self, relative: str) -> bytes:
        """A tag file's bytes (at most _TAG_LIMIT); PackageFault when it is larger."""
        ...

    def sha256(self, relative: str) -> str:
        """A file's sha256, as read now."""
        ...


class DirTree:
    """A package in a directory, every file opened without following a link."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = root.name

    def files(self) -> dict[str, int]:
        """Every regular file under the root with its size."""
        return _walk(self.root)

    def read(self, relative: str) -> bytes:
        """A tag file's bytes."""
        return _read(self.root, relative)

    def sha256(self, relative: str) -> str:
        """A file's sha256."""
        return _sha256(self.root, relative)


def _signature_ok(public_key_b64: str, text: str, signature_b64: str) -> bool:
    try:
        signature = base64.urlsafe_b64decode(signature_b64 + "==")
    except (ValueError, binascii.Error):
        return False
    # Only the one canonical spelling: a changed padding bit is a changed file.
    if base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=") != signature_b64:
        return False
    return Ed25519Verifier().verify(public_key_b64, text.encode("ascii"), signature)


def _check_entries(
    tree: PackageTree, files: dict[str, int], entries: dict[str, str], fault: str
) -> None:
    for path in sorted(entries):
        if path not in files:
            raise PackageFault("package.missing_file", file=path)
        if tree.sha256(path) != entries[path]:
            raise PackageFault(fault, file=path)


def _package_dir(root: Path) -> DirTree:
    """The package's directory itself, never a link to one; PackageFault otherwise."""
    try:
        info = os.lstat(root)
    except OSError:
        raise PackageFault("package.not_a_package", path=str(root)) from None
    if stat.S_ISLNK(info.st_mode):
        raise PackageFault("package.link", path=str(root))
    if not stat.S_ISDIR(info.st_mode):
        raise PackageFault("package.not_a_package", path=str(root))
    return DirTree(root)


def verify_package(root: Path, public_key_b64: str | None = None) -> PackageReport:
    """Prove the package sound, or raise PackageFault naming the first thing wrong."""
    return verify_tree(_package_dir(root), public_key_b64)


def verify_tree(tree: PackageTree, public_key_b64: str | None = None) -> PackageReport:
    """verify_package on any tree: a directory, or a disc read without mounting it."""
    return verified_tree(tree, public_key_b64).report


def verified_tree(tree: PackageTree, public_key_b64: str | None = None) -> VerifiedPackage:
    """verify_tree, keeping what it parsed: the slice, the checkpoint, the clips (issue 14)."""
    files = tree.files()
    for required in (SIGNATURE, TAG_MANIFEST):
        if required not in files:
            raise PackageFault("package.missing_file", file=required)
    signature_bytes = tree.read(SIGNATURE)
    try:
        signature = parse_signature(signature_bytes.decode("ascii"))
    except UnicodeDecodeError:
        raise PackageFault("package.signature_malformed") from None
    verifier = Ed25519Verifier()
    key_given = public_key_b64 is not None
    key_text = public_key_b64.strip() if public_key_b64 is not None else signature.public_key_b64
    if not verifier.is_public_key(key_text):
        raise PackageFault("package.key_unreadable")
    if key_given and key_text != signature.public_key_b64:
        raise PackageFault("package.other_key", key=signature.key, expected=key_id(key_text))
    if key_id(key_text) != signature.key:
        raise PackageFault("package.other_key", key=signature.key, expected=key_id(key_text))
    # The signature first: a valid one over another digest means the tag manifest changed.
    if not _signature_ok(key_text, signature.signed_text(), signature.signature_b64):
        raise PackageFault("package.bad_signature")
    tag_manifest = tree.read(TAG_MANIFEST)
    if hashlib.sha256(tag_manifest).hexdigest() != signature.tag_manifest_sha256:
        raise PackageFault("package.tag_changed", file=TAG_MANIFEST)
    try:
        tags = parse_manifest(tag_manifest.decode("utf-8"), TAG_MANIFEST)
    except UnicodeDecodeError:
        raise PackageFault("package.manifest_malformed", file=TAG_MANIFEST) from None
    for required in REQUIRED_TAG_FILES:
        if required not in tags:
            raise PackageFault("package.tag_unlisted", file=required)
    _check_entries(tree, files, tags, "package.tag_changed")
    payload = parse_manifest(_text(tree, MANIFEST), MANIFEST)
    if any(not path.startswith("data/") for path in payload):
        raise PackageFault("package.manifest_malformed", file=MANIFEST)
    _check_entries(tree, files, payload, "package.payload_changed")
    known = set(tags) | set(payload) | {TAG_MANIFEST, SIGNATURE}
    extra = sorted(set(files) - known)
    if extra:
        raise PackageFault("package.extra_file", file=extra[0])
    bag_info = parse_bag_info(_text(tree, BAG_INFO))
    if bag_info.get(NAME_FIELD) != tree.name:
        raise PackageFault("package.renamed", name=tree.name, sealed=bag_info.get(NAME_FIELD, ""))
    payload_bytes = sum(files[path] for path in payload)
    if bag_info.get("Payload-Oxum") != f"{payload_bytes}.{len(payload)}":
        raise PackageFault("package.oxum", file=BAG_INFO)
    clip_entries, clip_ids, classes = _clips(_text(tree, CLIPS_JSON), payload)
    checkpoint_text = _text(tree, CHECKPOINT_TXT)
    checkpoint = parse_checkpoint(checkpoint_text.removesuffix("\n"))
    if checkpoint is not None and checkpoint.line() + "\n" != checkpoint_text:
        checkpoint = None
    if checkpoint is None or checkpoint.key != signature.key:
        raise PackageFault("package.checkpoint_bad")
    if not _signature_ok(key_text, checkpoint.signed_text(), checkpoint.signature_b64):
        raise PackageFault("package.checkpoint_bad")
    if checkpoint.unit_code != bag_info.get("Bwc-Unit"):
        raise PackageFault("package.checkpoint_bad")
    events = parse_slice(_text(tree, AUDIT_JSONL))
    problem = slice_fault(events, checkpoint, clip_ids)
    if problem is not None:
        raise problem
    report = PackageReport(
        name=tree.name,
        kind=bag_info.get("Bwc-Kind", ""),
        unit=checkpoint.unit_code,
        period=bag_info.get("Bwc-Period", ""),
        files=len(payload),
        payload_bytes=payload_bytes,
        key=signature.key,
        key_given=key_given,
        checkpoint_size=checkpoint.size,
        slice_events=len(events),
        classes=classes,
    )
    return VerifiedPackage(
        report=report,
        receipt=hashlib.sha256(signature_bytes).hexdigest(),
        checkpoint=checkpoint,
        events=tuple(events),
        clips=tuple(clip_entries),
        payload=payload,
    )


def _clips(
    text: str, payload: dict[str, str]
) -> tuple[list[dict[str, object]], list[int], dict[str, int]]:
    """metadata/clips.json must describe exactly the payload, file for file."""
    try:
        clips = json.loads(text)
        if not isinstance(clips, list) or not all(isinstance(c, dict) for c in clips):
            raise TypeError("not a list of objects")
        described = {str(c["path"]): str(c["sha256"]) for c in clips}
        ids = [int(c["id"]) for c in clips]
        classes: dict[str, int] = {}
        for clip in clips:
            name = str(clip["classification"])
            classes[name] = classes.get(name, 0) + 1
    except (ValueError, KeyError, TypeError):
        raise PackageFault("package.clips_mismatch") from None
    if described != payload or len(ids) != len(payload):
        raise PackageFault("package.clips_mismatch")
    return clips, ids, classes


class BagReader:
    """The PackageReader port: `verify_package` on a local or mounted file system."""

    def verify(self, root: Path, public_key_b64: str | None = None) -> PackageReport:
        """Prove the package sound, or raise PackageFault naming the first thing wrong."""
        return verify_package(root, public_key_b64)


class BagContents:
    """The PackageContents port: a verified package's contents, for the bureau's ingest."""

    def signature(self, root: Path) -> tuple[SignatureLine, str]:
        """The signature line and the receipt, read without following a link."""
        _package_dir(root)
        if not os.path.lexists(root / SIGNATURE):
            raise PackageFault("package.missing_file", file=SIGNATURE)
        data = _read(root, SIGNATURE)
        try:
            line = parse_signature(data.decode("ascii"))
        except UnicodeDecodeError:
            raise PackageFault("package.signature_malformed") from None
        return line, hashlib.sha256(data).hexdigest()

    def read(self, root: Path, public_key_b64: str | None = None) -> VerifiedPackage:
        """Prove the package sound and give its contents."""
        return verified_tree(_package_dir(root), public_key_b64)

    def open_payload(self, root: Path, relative: str) -> BinaryIO:
        """A payload file for reading; every component opened without following a link."""
        return os.fdopen(_open(root, relative), "rb")
