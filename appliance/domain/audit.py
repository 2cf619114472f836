"""Provides the audit hash chain: canonical form, event hashes, chain walk and checkpoints."""

from __future__ import annotations

import hashlib
import json
import json.encoder
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from appliance.domain.articles import enforces
from appliance.domain.errors import BadInput

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


@dataclass(frozen=True)
class ChainHead:
    """A head of the chain: the event's seq and hash (a walk's bookmark, DESIGN §5.2)."""

    seq: int
    hash: str


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# The string escaping that encoder uses (ensure_ascii=False), for event_hash's fast path.
_quoted = json.encoder.encode_basestring


def canonical_json(value: object) -> str:
    """Serialise to the one canonical JSON text (sorted keys, no spaces, UTF-8 kept)."""
    return _CANONICAL.encode(value)


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
    """sha256(prev_hash ‖ canonical_json(fields)); the stored detail text is hashed verbatim.

    The fields' canonical text is written out key by key in sorted order with the JSON
    encoder's own string escaping: the very text canonical_json(fields) gives (a test holds
    the two equal), without building a dict per event on a walk of millions.
    """
    text = (
        f'{{"action":{_quoted(action)},"actor":{_quoted(actor)},"at":{_quoted(at)},'
        f'"detail":{_quoted(detail_json)},"object_id":{_quoted(object_id)},'
        f'"object_type":{_quoted(object_type)},"outcome":{_quoted(outcome)},'
        f'"role":{_quoted(role)},"seq":{int(seq)!r}}}'
    )
    # surrogateescape: text read back from edited bytes hashes as those very bytes.
    payload = (prev_hash + text).encode("utf-8", "surrogateescape")
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
    # A code (SEQ_OUT_OF_ORDER, …); the expected seq is size + 1.
    problem: str = ""
    hash_at: dict[int, str] | None = None
    walked: int = 0

    @property
    def intact(self) -> bool:
        """True when every event links to the one before and hashes to itself."""
        return self.first_bad_seq is None


# Called with each intact event and its parsed detail (the state replay of DESIGN §5.1).
OnEvent = Callable[[AuditEvent, object], None]


@enforces("11", "16(2)")
def walk(
    events: Iterable[AuditEvent],
    keep_hashes_at: Iterable[int] = (),
    on_event: OnEvent | None = None,
    after: tuple[int, str] = (0, GENESIS_HASH),
) -> ChainReport:
    """Re-walk the chain in stored order and name the first event that breaks it.

    Catches edits (hash mismatch), deletions and insertions (seq gap or broken link) and
    reordering (seq out of order); truncation at the tail needs a checkpoint. `after` starts
    the walk behind an already verified head (seq, hash): the incremental checkpoint.
    """
    wanted = set(keep_hashes_at)
    kept: dict[int, str] = {}
    size, prev = after
    if size in wanted:
        kept[size] = prev
    walked = 0
    for event in events:
        bad, detail = _problem(event, size + 1, prev)
        if bad:
            return ChainReport(size, prev, event.seq, bad, kept, walked)
        if on_event is not None:
            on_event(event, detail)
        prev = event.hash
        size += 1
        walked += 1
        if size in wanted:
            kept[size] = event.hash
    return ChainReport(size, prev, None, "", kept, walked)


# What can break a chain, as codes the catalogue words ("chain.<code>").
SEQ_OUT_OF_ORDER = "seq_out_of_order"
PREV_HASH_MISMATCH = "prev_hash_mismatch"
HASH_MISMATCH = "hash_mismatch"
DETAIL_NOT_JSON = "detail_not_json"


def _problem(event: AuditEvent, expected_seq: int, prev: str) -> tuple[str, object]:
    if event.seq != expected_seq:
        return SEQ_OUT_OF_ORDER, None
    if event.prev_hash != prev:
        return PREV_HASH_MISMATCH, None
    if not _HEX64.fullmatch(event.hash) or recompute(event) != event.hash:
        return HASH_MISMATCH, None
    try:
        return "", json.loads(event.detail_json)
    except ValueError:
        return DETAIL_NOT_JSON, None


@dataclass(frozen=True)
class Problem:
    """Something a verification found wrong: a catalogue code and its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


def key_id(public_key_b64: str) -> str:
    """A short name of a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key_b64.strip().encode("ascii")).hexdigest()[:16]


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement that the chain had `size` events ending in `head_hash` (DESIGN §5).

    Version 2 names the key that signed it (§5.2); version 1 lines (no key) still parse.
    """

    unit_code: str
    size: int
    head_hash: str
    at: str
    signature_b64: str = ""
    key: str = ""

    def signed_text(self) -> str:
        """The exact text that the signature covers."""
        if not self.key:
            return (
                f"bwc-checkpoint/1 unit={self.unit_code} size={self.size}"
                f" head={self.head_hash} at={self.at}"
            )
        return (
            f"bwc-checkpoint/2 unit={self.unit_code} key={self.key} size={self.size}"
            f" head={self.head_hash} at={self.at}"
        )

    def line(self) -> str:
        """The one-line form printed by `bwc audit checkpoint`."""
        return f"{self.signed_text()} sig={self.signature_b64}"


_CHECKPOINT_LINE = re.compile(
    r"bwc-checkpoint/(?P<version>[12]) unit=(?P<unit>[A-Za-z0-9_-]{1,32})"
    r"(?: key=(?P<key>[0-9a-f]{16}))? size=(?P<size>[0-9]{1,12})"
    r" head=(?P<head>[0-9a-f]{64}) at=(?P<at>[0-9T:+.Z-]{10,40})"
    r" sig=(?P<sig>[A-Za-z0-9_=-]{40,200})"
)


def parse_checkpoint(text: str) -> Checkpoint | None:
    """Parse a checkpoint line; None when it is not one."""
    match = _CHECKPOINT_LINE.fullmatch(text.strip())
    if match is None or (match["version"] == "2") != (match["key"] is not None):
        return None
    return Checkpoint(
        unit_code=match["unit"],
        size=int(match["size"]),
        head_hash=match["head"],
        at=match["at"],
        signature_b64=match["sig"],
        key=match["key"] or "",
    )


# The most events one read shows: the rest is a narrower read away.
LOG_LIMIT_MAX = 5000


@dataclass(frozen=True)
class LogQuery:
    """Which events: from `since` (inclusive) to `until` (exclusive), by one actor, refusals."""

    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    refused_only: bool = False
    limit: int = 200


def day_bounds(
    first: str | None, last: str | None, zone: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """From the start of day `first` to the end of day `last` (YYYY-MM-DD on the unit's wall
    clock; either may be empty); BadInput naming a day that is not one."""
    bounds: list[datetime | None] = []
    for text, later in ((first, 0), (last, 1)):
        if not text:
            bounds.append(None)
            continue
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise BadInput("audit_log.bad_day", day=text) from None
        bounds.append(datetime.combine(day + timedelta(days=later), time(), zone))
    return bounds[0], bounds[1]
