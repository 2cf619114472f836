"""Provides the package mutations: each changes a sealed package and names the reasons allowed.

A mutation that forges (edits a manifest, the slice or a path) re-seals the package with the
unit's own key, so the check that must catch it is the deep one, not the signature.
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from appliance.domain.audit import key_id
from appliance.domain.packages import MANIFEST, SIGNATURE, TAG_MANIFEST, signature_text

Sign = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Mutation:
    """A change to a package and the `package.*` reasons verify may give for it."""

    name: str
    apply: Callable[[Path, random.Random, Sign, str], None]
    reasons: frozenset[str]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _writable(path: Path) -> None:
    path.chmod(0o640)


def _flip(path: Path, rng: random.Random) -> None:
    _writable(path)
    data = bytearray(path.read_bytes())
    at = rng.randrange(len(data))
    data[at] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))


def reseal(root: Path, sign: Sign, public_key_b64: str) -> None:
    """Recompute the tag manifest and the signature, as a forger holding that key would."""
    lines = []
    for path in _files(root):
        name = path.relative_to(root).as_posix()
        if name.startswith("data/") or name in (TAG_MANIFEST, SIGNATURE):
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()} {name}\n")
    tag = root / TAG_MANIFEST
    _writable(tag)
    tag.write_text("".join(lines))
    digest = hashlib.sha256(tag.read_bytes()).hexdigest()
    signed = signature_text(digest, key_id(public_key_b64))
    sig = base64.urlsafe_b64encode(sign(signed.encode("ascii"))).decode("ascii").rstrip("=")
    target = root / SIGNATURE
    _writable(target)
    target.write_text(f"{signed} sig={sig} public-key={public_key_b64}\n")


def _payload(root: Path) -> list[Path]:
    return [p for p in _files(root) if p.relative_to(root).parts[0] == "data"]


def _tags(root: Path) -> list[Path]:
    return [p for p in _files(root) if p.relative_to(root).parts[0] != "data"]


def flip_payload(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    _flip(rng.choice(_payload(root)), rng)


def flip_tag(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    candidates = [p for p in _tags(root) if p.name not in (TAG_MANIFEST, SIGNATURE)]
    _flip(rng.choice(candidates), rng)


def flip_tag_manifest(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    _flip(root / TAG_MANIFEST, rng)


def flip_signature(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    _flip(root / SIGNATURE, rng)


def delete(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    rng.choice(_files(root)).unlink()


def add(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    directories = sorted({p.parent for p in _files(root)})
    target = rng.choice(directories) / f"extra-{rng.randrange(10**6)}.bin"
    target.write_bytes(rng.randbytes(rng.randrange(0, 64)))


def rename(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    path = rng.choice(_files(root))
    path.rename(path.with_name(path.name + "x"))


def edit_manifest(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    path = root / MANIFEST
    _writable(path)
    lines = path.read_text().splitlines(keepends=True)
    at = rng.randrange(len(lines))
    _digest, name = lines[at].split(" ", 1)
    lines[at] = f"{rng.randbytes(32).hex()} {name}"
    path.write_text("".join(lines))


def edit_bag_info(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    path = root / "bag-info.txt"
    _writable(path)
    path.write_text(path.read_text().replace("Bwc-Clips: ", "Bwc-Clips: 1"))


def resign_other_key(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    other = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))
    from cryptography.hazmat.primitives import serialization

    raw = other.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    reseal(root, other.sign, base64.b64encode(raw).decode("ascii"))


def path_trick(root: Path, rng: random.Random, sign: Sign, key: str) -> None:
    path = root / MANIFEST
    _writable(path)
    trick = rng.choice(["../outside.bin", "/etc/passwd", "data/../../x", "data//x", "data/./x"])
    digest = hashlib.sha256(b"").hexdigest()
    path.write_text(path.read_text() + f"{digest} {trick}\n")
    reseal(root, sign, key)


def payload_link(root: Path, rng: random.Random, sign: Sign, key: str) -> None:
    victim = rng.choice(_payload(root))
    outside = root.parent / f"outside-{rng.randrange(10**6)}"
    outside.write_bytes(victim.read_bytes())
    victim.unlink()
    victim.symlink_to(outside)


def directory_link(root: Path, rng: random.Random, sign: Sign, key: str) -> None:
    victim = rng.choice(_payload(root)).parent
    moved = root.parent / f"moved-{rng.randrange(10**6)}"
    victim.rename(moved)
    victim.symlink_to(moved, target_is_directory=True)


def cut_slice(root: Path, rng: random.Random, sign: Sign, key: str) -> None:
    path = root / "metadata" / "audit.jsonl"
    _writable(path)
    lines = path.read_text().splitlines(keepends=True)
    choice = rng.randrange(3)
    if choice == 0:
        del lines[-1]  # no longer reaches the checkpoint
    elif choice == 1:
        del lines[rng.randrange(len(lines) - 1)]  # a hole in the run
    else:
        at = rng.randrange(len(lines))
        lines[at] = lines[at].replace('"outcome":"ok"', '"outcome":"no"', 1)
        if '"outcome":"no"' not in lines[at]:
            lines[at] = lines[at].replace('"actor":"', '"actor":"x', 1)
    path.write_text("".join(lines))
    reseal(root, sign, key)


def renamed_copy(root: Path, rng: random.Random, _s: Sign, _k: str) -> None:
    # The caller verifies the package under its new name (see `moved`).
    pass


SIGNATURE_REASONS = frozenset(
    {
        "package.signature_malformed",
        "package.bad_signature",
        "package.other_key",
        "package.key_unreadable",
    }
)
MUTATIONS: tuple[Mutation, ...] = (
    Mutation("flip_payload", flip_payload, frozenset({"package.payload_changed"})),
    Mutation("flip_tag", flip_tag, frozenset({"package.tag_changed"})),
    Mutation("flip_tag_manifest", flip_tag_manifest, frozenset({"package.tag_changed"})),
    Mutation("flip_signature", flip_signature, SIGNATURE_REASONS),
    Mutation("delete", delete, frozenset({"package.missing_file"})),
    Mutation("add", add, frozenset({"package.extra_file"})),
    Mutation("rename", rename, frozenset({"package.missing_file"})),
    Mutation("edit_manifest", edit_manifest, frozenset({"package.tag_changed"})),
    Mutation("edit_bag_info", edit_bag_info, frozenset({"package.tag_changed"})),
    Mutation("resign_other_key", resign_other_key, frozenset({"package.other_key"})),
    Mutation("path_trick", path_trick, frozenset({"package.unsafe_path"})),
    Mutation("payload_link", payload_link, frozenset({"package.link"})),
    Mutation("directory_link", directory_link, frozenset({"package.link"})),
    Mutation(
        "cut_slice",
        cut_slice,
        frozenset(
            {
                "package.slice_not_checkpoint",
                "package.slice_broken",
                "package.slice_changed",
                # The first line cut: the run still links, but a clip's archive event is gone.
                "package.slice_lacks_clip",
            }
        ),
    ),
    Mutation("renamed_copy", renamed_copy, frozenset({"package.renamed"})),
)


def moved(root: Path) -> Path:
    """The package under another name (a half-written copy's name, say)."""
    target = root.with_name(f".{root.name}.partial-0123456789ab")
    os.rename(root, target)
    return target
