"""Provides the bureau archive's rules: who may do what there, and whether a unit's chain
still extends the one the bureau holds (Art. 8, 12(2), 15; issue 14).

Pure: the held chain and the package's slice are given. A unit's weekly hand-over carries
the run of its audit chain from the last hand-over's checkpoint to its own (DESIGN §10); the
bureau keeps every run it received, so the chain it holds for a unit is one unbroken run, and
each new package must extend it: same events where the two overlap, and longer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.audit import AuditEvent, Checkpoint
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import BadInput, Refused
from appliance.domain.roles import Role

# The bureau's own people: no officer or unit head works at the bureau's desk.
BUREAU_ROLES = (Role.INFO_COLLECTOR, Role.BUREAU_HEAD, Role.AUDITOR, Role.ADMIN)


class BureauAction(StrEnum):
    """What a person may ask the bureau archive to do."""

    ADD_PERSON = "add_person"
    CONFIRM = "confirm"
    REGISTER_UNIT = "register_unit"
    INGEST = "ingest"
    LIST_CLIPS = "list_clips"
    REQUEST_EXPORT = "request_export"
    APPROVE_EXPORT = "approve_export"
    EXPORT = "export"
    READ_REPORT = "read_report"
    ACKNOWLEDGE_ALARM = "acknowledge_alarm"


_C, _B, _A, _M = Role.INFO_COLLECTOR, Role.BUREAU_HEAD, Role.AUDITOR, Role.ADMIN

# Two people for what DESIGN §6 says: a unit's key is proposed by the collector or IT and
# confirmed by the bureau head; an export is asked by one and approved by a bureau head.
BUREAU_PERMISSIONS: dict[BureauAction, frozenset[Role]] = {
    BureauAction.ADD_PERSON: frozenset({_C, _B, _M}),
    BureauAction.CONFIRM: frozenset({_B}),
    BureauAction.REGISTER_UNIT: frozenset({_C, _M}),
    # Art. 12(2): the hand-overs come to the information collector.
    BureauAction.INGEST: frozenset({_C}),
    BureauAction.LIST_CLIPS: frozenset({_C, _B, _A}),
    BureauAction.REQUEST_EXPORT: frozenset({_C, _B}),
    # Art. 13: a bureau head approves any disclosure.
    BureauAction.APPROVE_EXPORT: frozenset({_B}),
    BureauAction.EXPORT: frozenset({_C, _B}),
    # Art. 15: the audit office inspects every unit.
    BureauAction.READ_REPORT: frozenset({_B, _A}),
    BureauAction.ACKNOWLEDGE_ALARM: frozenset({_C, _B}),
}


def bureau_allows(role: str, action: BureauAction) -> bool:
    """Whether the bureau's table lets this role do this."""
    return role in {r.value for r in BUREAU_PERMISSIONS[action]}


_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def check_code(code: str) -> str:
    """A unit's or the bureau's code as checkpoints spell it (letters, digits, - and _)."""
    if not _CODE.fullmatch(code):
        raise BadInput("bureau.bad_code", code=code)
    return code


class Break(StrEnum):
    """How a unit's new package fails to extend the chain the bureau holds."""

    # Signed with a key other than the unit's registered one.
    REKEYED = "rekeyed"
    # An event the bureau holds differs from the package's event of the same seq.
    FORKED = "forked"
    # The chain is shorter than the one held, and its checkpoint is newer: cut back.
    TRUNCATED = "truncated"
    # The chain is no longer than the one held, and its checkpoint is older: an old package.
    REPLAYED = "replayed"
    # The package's run starts after the held head: a package in between is missing.
    GAP = "gap"


@dataclass(frozen=True)
class HeldChain:
    """The end of the chain the bureau holds for one unit."""

    size: int
    head_hash: str
    checkpoint_at: str


@dataclass(frozen=True)
class ChainBreak:
    """Why a package was refused for its chain, and the seq where it parts from the held one."""

    kind: Break
    seq: int

    def refusal(self, unit: str, held: int) -> Refused:
        """The refusal people read: the unit, the seq, the held size."""
        return Refused(f"bureau.chain_{self.kind.value}", unit=unit, seq=self.seq, held=held)


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@enforces("12(2)", "16(4)")
def continuity(
    held: HeldChain | None,
    held_hash: Callable[[int], str | None],
    events: Sequence[AuditEvent],
    checkpoint: Checkpoint,
) -> ChainBreak | None:
    """None when the package's run extends the held chain (or nothing is held yet).

    `events` is the package's slice, already proven an unbroken run ending at the
    checkpoint (`slice_fault`); `held_hash(seq)` is the hash the bureau holds at seq, or None.
    The first package of a unit is taken as it is: its key was registered by two people.
    """
    if held is None:
        return None
    for event in events:
        kept = held_hash(event.seq)
        if kept is not None and kept != event.hash:
            return ChainBreak(Break.FORKED, event.seq)
    if checkpoint.size <= held.size:
        newer = _instant(checkpoint.at)
        before = _instant(held.checkpoint_at)
        if checkpoint.size < held.size and newer and before and newer > before:
            return ChainBreak(Break.TRUNCATED, checkpoint.size + 1)
        return ChainBreak(Break.REPLAYED, checkpoint.size)
    if not events or events[0].seq > held.size:
        return ChainBreak(Break.GAP, held.size + 1)
    return None


@dataclass(frozen=True)
class BureauClip:
    """One clip the bureau holds, with the facts its unit sealed into the package."""

    id: int
    unit: str
    box_clip_id: int
    sha256: str
    size: int
    officer: str | None
    day: str
    recorded_at: str | None
    archived_at: str
    recorder: str
    original_name: str
    duration_seconds: float | None
    classification: str
    cases: tuple[str, ...]
    package_id: int


@dataclass(frozen=True)
class BureauUnit:
    """A unit registered at the bureau: its key, and how far its chain is held."""

    id: int
    code: str
    name: str
    key: str
    public_key_b64: str
    added_by: str
    confirmed_by: str
    held: HeldChain | None


@dataclass(frozen=True)
class BureauPackage:
    """A hand-over package the bureau took in."""

    id: int
    unit: str
    name: str
    period: str
    signature_sha256: str
    checkpoint_size: int
    clips: int
    new_clips: int
    bytes: int
    ingested_by: str
    ingested_at: datetime
    # The unit's signed checkpoint line the package carried (its word on its chain's head).
    checkpoint_line: str


@dataclass(frozen=True)
class ClipQuery:
    """Which clips `clips list` shows; every field given narrows it."""

    unit: str | None = None
    officer: str | None = None
    case: str | None = None
    day_from: str | None = None
    day_to: str | None = None
    limit: int = 200


@dataclass(frozen=True)
class NewClip:
    """A clip to store: the facts of metadata/clips.json and the cases it is filed under."""

    box_clip_id: int
    sha256: str
    size: int
    officer: str | None
    day: str
    recorded_at: str | None
    archived_at: str
    recorder: str
    original_name: str
    duration_seconds: float | None
    classification: str
    cases: tuple[str, ...]


_SHA256 = re.compile(r"[0-9a-f]{64}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _text(entry: dict[str, object], key: str, optional: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 1000:
        raise Refused("bureau.clips_unreadable", field=key)
    return value


def clip_entries(entries: Sequence[dict[str, object]]) -> list[NewClip]:
    """metadata/clips.json's entries as clips to store; each field must be of the type the box
    writes (`bureau.clips_unreadable` naming the first that is not), the class one it knows."""
    clips = []
    for entry in entries:
        box_id, size = entry.get("id"), entry.get("size")
        if not isinstance(box_id, int) or isinstance(box_id, bool) or box_id < 1:
            raise Refused("bureau.clips_unreadable", field="id")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise Refused("bureau.clips_unreadable", field="size")
        sha = _text(entry, "sha256") or ""
        day = _text(entry, "day") or ""
        if not _SHA256.fullmatch(sha) or not _DAY.fullmatch(day):
            raise Refused(
                "bureau.clips_unreadable", field="sha256" if not _SHA256.fullmatch(sha) else "day"
            )
        duration = entry.get("duration_seconds")
        if duration is not None and (
            isinstance(duration, bool) or not isinstance(duration, int | float)
        ):
            raise Refused("bureau.clips_unreadable", field="duration_seconds")
        cases = entry.get("cases", [])
        if not isinstance(cases, list) or not all(
            isinstance(c, str) and len(c) <= 200 for c in cases
        ):
            raise Refused("bureau.clips_unreadable", field="cases")
        clips.append(
            NewClip(
                box_clip_id=box_id,
                sha256=sha,
                size=size,
                officer=_text(entry, "officer", optional=True),
                day=day,
                recorded_at=_text(entry, "recorded_at", optional=True),
                archived_at=_text(entry, "archived_at") or "",
                recorder=_text(entry, "recorder") or "",
                original_name=_text(entry, "original_name") or "",
                duration_seconds=None if duration is None else float(duration),
                classification=_classification(entry),
                cases=tuple(cases),
            )
        )
    return clips


def _classification(entry: dict[str, object]) -> str:
    text = _text(entry, "classification") or ""
    if text not in {c.value for c in Classification}:
        raise Refused("bureau.clips_unreadable", field="classification")
    return text
