"""Provides the audit hash chain: canonical form, event hashes, chain walk and checkpoints."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS_HASH = "0" * 64
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit log, exactly as stored (DESIGN §5)."""

    seq: int
    at: str
    actor: str
    role: str
    action: str
    object_type: str
    object_id: str
    outcome: str
    detail_json: str
    prev_hash: str
    hash: str


def canonical_json(value: object) -> str:
    """Serialise to the one canonical JSON text (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    role: str,
    action: str,
    object_type: str,
    object_id: str,
    outcome: str,
    detail_json: str,
) -> str:
    """sha256(prev_hash ‖ canonical_json(fields)); the stored detail text is hashed verbatim."""
    fields = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "role": role,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "outcome": outcome,
        "detail": detail_json,
    }
    # surrogateescape: text read back from edited bytes hashes as those very bytes.
    payload = prev_hash.encode("utf-8", "surrogateescape") + canonical_json(fields).encode(
        "utf-8", "surrogateescape"
    )
    return hashlib.sha256(payload).hexdigest()


def recompute(event: AuditEvent) -> str:
    """The hash this event should carry, given its own prev_hash."""
    return event_hash(
        event.prev_hash,
        event.seq,
        event.at,
        event.actor,
        event.role,
        event.action,
        event.object_type,
        event.object_id,
        event.outcome,
        event.detail_json,
    )


@dataclass(frozen=True)
class ChainReport:
    """What a walk of the chain found: its size and head, or the first bad seq and why."""

    size: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""
    hash_at: dict[int, str] | None = None

    @property
    def intact(self) -> bool:
        """True when every event links to the one before and hashes to itself."""
        return self.first_bad_seq is None


def walk(events: Iterable[AuditEvent], keep_hashes_at: Iterable[int] = ()) -> ChainReport:
    """Re-walk the chain in stored order and name the first event that breaks it.

    Catches edits (hash mismatch), deletions and insertions (seq gap or broken link) and
    reordering (seq out of order); truncation at the tail needs a checkpoint.
    """
    wanted = set(keep_hashes_at)
    kept: dict[int, str] = {}
    prev = GENESIS_HASH
    expected_seq = 1
    size = 0
    for event in events:
        bad = _problem(event, expected_seq, prev)
        if bad:
            return ChainReport(size, prev, event.seq, bad, kept)
        prev = event.hash
        size += 1
        expected_seq += 1
        if size in wanted:
            kept[size] = event.hash
    return ChainReport(size, prev, None, "", kept)


def _problem(event: AuditEvent, expected_seq: int, prev: str) -> str:
    if event.seq != expected_seq:
        return f"expected seq {expected_seq}"
    if event.prev_hash != prev:
        return "prev_hash does not match the event before"
    if not _HEX64.fullmatch(event.hash) or recompute(event) != event.hash:
        return "hash does not match the event's content"
    try:
        json.loads(event.detail_json)
    except ValueError:
        return "detail is not valid JSON"
    return ""


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement that the chain had `size` events ending in `head_hash` (DESIGN §5)."""

    unit_code: str
    size: int
    head_hash: str
    at: str
    signature_b64: str = ""

    def signed_text(self) -> str:
        """The exact text that the signature covers."""
        return (
            f"bwc-checkpoint/1 unit={self.unit_code} size={self.size}"
            f" head={self.head_hash} at={self.at}"
        )

    def line(self) -> str:
        """The one-line form printed by `bwc audit checkpoint`."""
        return f"{self.signed_text()} sig={self.signature_b64}"


_CHECKPOINT_LINE = re.compile(
    r"bwc-checkpoint/1 unit=(?P<unit>[A-Za-z0-9_-]{1,32}) size=(?P<size>[0-9]{1,12})"
    r" head=(?P<head>[0-9a-f]{64}) at=(?P<at>[0-9T:+.Z-]{10,40})"
    r" sig=(?P<sig>[A-Za-z0-9_=-]{40,200})"
)


def parse_checkpoint(text: str) -> Checkpoint | None:
    """Parse a checkpoint line; None when it is not one."""
    match = _CHECKPOINT_LINE.fullmatch(text.strip())
    if match is None:
        return None
    return Checkpoint(
        unit_code=match["unit"],
        size=int(match["size"]),
        head_hash=match["head"],
        at=match["at"],
        signature_b64=match["sig"],
    )
