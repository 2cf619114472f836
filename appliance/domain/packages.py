"""Provides the pure rules of sealed packages: payload names, manifests, the chain slice."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from appliance.domain.articles import enforces
from appliance.domain.audit import AuditEvent, Checkpoint, recompute

# The tag files a sealed package holds besides those its tag manifest names (DESIGN §10).
BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "signature.txt"
CLIPS_JSON = "metadata/clips.json"
AUDIT_JSONL = "metadata/audit.jsonl"
CHECKPOINT_TXT = "metadata/checkpoint.txt"
# Every file a package must have; the payload and nothing else comes on top.
REQUIRED_TAG_FILES = (BAGIT_TXT, BAG_INFO, MANIFEST, CLIPS_JSON, AUDIT_JSONL, CHECKPOINT_TXT)
SIGNATURE_PREFIX = "bwc-package-signature/1"
# bag-info.txt names the directory it was sealed under: a half-written copy left under its
# staging name, complete or not, never verifies (DESIGN §10).
NAME_FIELD = "Bwc-Package-Name"

_HEX64 = re.compile(r"[0-9a-f]{64}")
_NAME_LIMIT = 80


class PackageFault(ValueError):
    """Something wrong with a package: a catalogue code (`package.*`) and its parameters."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def safe_component(text: str, fallback: str) -> str:
    """One path component made safe for any file system: letters, digits, `._-` only.

    CJK letters stay (they are letters); anything else becomes `_`; no leading dot, never
    empty, never `..`, at most 80 characters. The original is kept in the metadata.
    """
    normal = unicodedata.normalize("NFC", text)
    kept = "".join(_safe_char(ch) for ch in normal)
    kept = kept.lstrip(".")[:_NAME_LIMIT]
    return kept or fallback


def _safe_char(ch: str) -> str:
    return ch if (ch.isalnum() or ch in "._-") and ch.isprintable() else "_"


@enforces("8")
def payload_path(clip_id: int, day: str, officer: str | None, source_name: str) -> str:
    """`data/<day>/<officer>/<id>-<safe name>`: the id keeps two equal names apart."""
    base = source_name.replace("\\", "/").rsplit("/", 1)[-1]
    return "/".join(
        (
            "data",
            safe_component(day, "no-day"),
            safe_component(officer or "", "no-officer"),
            f"{clip_id}-{safe_component(base, 'clip')}",
        )
    )


def path_fault(path: str) -> PackageFault | None:
    """Why a path named in a manifest may not be followed: `..`, absolute, odd characters."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return PackageFault("package.unsafe_path", path=path)
    if re.match(r"^[A-Za-z]:", path):
        return PackageFault("package.unsafe_path", path=path)
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return PackageFault("package.unsafe_path", path=path)
    return None


def parse_manifest(text: str, name: str) -> dict[str, str]:
    """A BagIt sha256 manifest as {path: digest}; a bad line or a repeated path is a fault."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, _, path = line.partition(" ")
        path = path.lstrip(" ").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        if not _HEX64.fullmatch(digest) or not path:
            raise PackageFault("package.manifest_malformed", file=name)
        fault = path_fault(path)
        if fault is not None:
            raise fault
        if path in entries:
            raise PackageFault("package.manifest_malformed", file=name)
        entries[path] = digest
    return entries


def parse_bag_info(text: str) -> dict[str, str]:
    """bag-info.txt's `Label: value` lines (continuations joined); the first value wins."""
    info: dict[str, str] = {}
    last = ""
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and last:
            info[last] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep:
            raise PackageFault("package.bag_info_malformed")
        last = label.strip()
        info.setdefault(last, value.strip())
    return info


def signature_text(tag_manifest_sha256: str, key: str) -> str:
    """What `signature.txt` signs: the tag manifest's digest and the key's id."""
    return f"{SIGNATURE_PREFIX} key={key} tagmanifest-sha256={tag_manifest_sha256}"


@dataclass(frozen=True)
class SignatureLine:
    """signature.txt parsed: the key id, the tag manifest digest and the signature."""

    key: str
    tag_manifest_sha256: str
    signature_b64: str
    public_key_b64: str

    def signed_text(self) -> str:
        """The exact text the signature covers."""
        return signature_text(self.tag_manifest_sha256, self.key)


_SIGNATURE_LINE = re.compile(
    re.escape(SIGNATURE_PREFIX)
    + r" key=(?P<key>[0-9a-f]{16}) tagmanifest-sha256=(?P<digest>[0-9a-f]{64})"
    r" sig=(?P<sig>[A-Za-z0-9_=-]{40,200}) public-key=(?P<pub>[A-Za-z0-9+/=]{40,100})"
)


def parse_signature(text: str) -> SignatureLine:
    """The one line of signature.txt, ended by one newline; anything else is a fault."""
    match = _SIGNATURE_LINE.fullmatch(text.removesuffix("\n"))
    if not text.endswith("\n"):
        match = None
    if match is None:
        raise PackageFault("package.signature_malformed")
    return SignatureLine(match["key"], match["digest"], match["sig"], match["pub"])


def _event(record: object) -> AuditEvent:
    if not isinstance(record, dict):
        raise TypeError("not an object")
    return AuditEvent(
        seq=int(record["seq"]),
        at=str(record["at"]),
        actor=str(record["actor"]),
        role=str(record["role"]),
        action=str(record["action"]),
        object_type=str(record["object_type"]),
        object_id=str(record["object_id"]),
        outcome=str(record["outcome"]),
        detail_json=str(record["detail_json"]),
        prev_hash=str(record["prev_hash"]),
        hash=str(record["hash"]),
    )


def event_record(event: AuditEvent) -> dict[str, object]:
    """One line of metadata/audit.jsonl: the event exactly as stored."""
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "role": event.role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "outcome": event.outcome,
        "detail_json": event.detail_json,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def parse_slice(text: str) -> list[AuditEvent]:
    """metadata/audit.jsonl as events; a line that is not one is a fault."""
    events = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            events.append(_event(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            raise PackageFault("package.slice_malformed", line=number) from None
    return events


def slice_fault(
    events: Sequence[AuditEvent], checkpoint: Checkpoint, clip_ids: Sequence[int]
) -> PackageFault | None:
    """Whether the slice is an unbroken run of the chain ending at the checkpoint's head.

    Every event is re-hashed, each links to the one before, the last is the checkpoint's
    head, and every clip of the package has its `clip_archived` event in the run (§5).
    """
    if not events:
        return PackageFault("package.slice_empty")
    for before, event in zip([None, *events], events, strict=False):
        if recompute(event) != event.hash:
            return PackageFault("package.slice_changed", seq=event.seq)
        if before is not None and (event.seq != before.seq + 1 or event.prev_hash != before.hash):
            return PackageFault("package.slice_broken", seq=event.seq)
    last = events[-1]
    if last.seq != checkpoint.size or last.hash != checkpoint.head_hash:
        return PackageFault("package.slice_not_checkpoint", seq=last.seq, size=checkpoint.size)
    archived = {
        e.object_id for e in events if e.object_type == "clip" and e.action == "clip_archived"
    }
    for clip_id in clip_ids:
        if str(clip_id) not in archived:
            return PackageFault("package.slice_lacks_clip", clip=clip_id)
    return None


@dataclass(frozen=True)
class PackageReport:
    """What `package verify` proved about a sound package."""

    name: str
    kind: str
    unit: str
    period: str
    files: int
    payload_bytes: int
    key: str
    key_given: bool
    checkpoint_size: int
    slice_events: int
    classes: dict[str, int] = field(default_factory=dict)


_WEEK = re.compile(r"(?P<year>[0-9]{4})-W(?P<week>[0-9]{2})")


def parse_week(text: str) -> tuple[date, date]:
    """An ISO week `YYYY-Www` as (its Monday, the Monday after): a half-open range of days."""
    match = _WEEK.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year, week = int(match["year"]), int(match["week"])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(text) from None
    return monday, monday + timedelta(days=7)


def week_of(day: date) -> str:
    """The ISO week a day falls in, as `YYYY-Www`."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


@enforces("12(2)")
def handover_is_late(week_end: date, today: date) -> bool:
    """Art. 12(2): a week's footage goes over on the Monday after it; later is late."""
    return today > week_end


@dataclass(frozen=True)
class PayloadFile:
    """One file of the payload: where in data/ it goes, its archived hash and size."""

    path: str  # "data/<day>/<officer>/<name>"
    sha256: str
    size: int


@dataclass(frozen=True)
class BagPlan:
    """Everything a package holds besides the payload's bytes."""

    name: str
    payload: tuple[PayloadFile, ...]
    bag_info: dict[str, str]
    clips_json: object
    audit_lines: Iterable[str]
    checkpoint_line: str
    key_id: str
    public_key_b64: str


@dataclass(frozen=True)
class VerifiedPackage:
    """A package proven sound, with what a receiver takes from it (the bureau, issue 14).

    `receipt` is the sha256 of signature.txt, the package's one name the box knows too;
    `clips` are the entries of metadata/clips.json, each a dict as the box wrote it.
    """

    report: PackageReport
    receipt: str
    checkpoint: Checkpoint
    events: tuple[AuditEvent, ...]
    clips: tuple[dict[str, object], ...]
    payload: dict[str, str]
