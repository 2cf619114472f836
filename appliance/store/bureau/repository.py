"""Provides the bureau's repository: every table of the bureau database, as domain values.

The same code on SQLite and on PostgreSQL: peewee writes each dialect's SQL, and each query
runs on this store's database only (`execute(db)`), never on a model bound process-wide.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from appliance.domain.audit import GENESIS_HASH, AuditEvent, ChainHead, canonical_json, event_hash
from appliance.domain.bureau import BureauClip, BureauPackage, BureauUnit, ClipQuery, HeldChain
from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import Disclosure, DisclosureState
from appliance.store.bureau.db import BureauDatabase
from appliance.store.bureau.models import (
    BureauAlarmRow,
    BureauEventRow,
    ClipCaseRow,
    ClipRow,
    ExportRequestRow,
    PackageRow,
    PersonRow,
    UnitEventRow,
    UnitRow,
)
from appliance.store.timefmt import from_text, to_text

# Rows per INSERT: SQLite takes at most 32,766 parameters in one statement.
_BATCH = 500


@dataclass(frozen=True)
class BureauPerson:
    """One person of the bureau, as stored."""

    id: int
    badge: str
    name: str
    role: str
    pin_hash: str
    active: bool
    failed_pins: int
    locked: bool


@dataclass(frozen=True)
class BureauAlarm:
    """One alarm of the bureau."""

    id: int
    at: datetime
    severity: str
    kind: str
    unit: str
    seq: int | None
    detail: dict[str, object]
    acknowledged_by: str | None


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


@dataclass(frozen=True)
class UnitFigures:
    """One unit's counts over a period, for the audit office (Art. 15, 16)."""

    # Each week handed over, with when its first package came in.
    received: dict[str, datetime]
    clips: int
    bytes: int
    officers: int
    cases: int
    classes: dict[str, int]


class BureauStore:
    """The bureau's tables through one database (SQLite or PostgreSQL)."""

    def __init__(self, database: BureauDatabase) -> None:
        self.database = database
        self._db = database.db

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.database.dialect

    def transaction(self) -> Any:
        """One write transaction that holds the log's head (BureauDatabase.transaction)."""
        return self.database.transaction()

    def snapshot(self) -> Any:
        """A read transaction: one consistent view for a walk or a report."""
        return self._db.atomic()

    def close(self) -> None:
        """Close this thread's connection."""
        self.database.close()

    def _rows(self, query: Any) -> list[Any]:
        return list(query.execute(self._db))

    def _first(self, query: Any) -> Any:
        return query.first(self._db)

    def _run(self, query: Any) -> Any:
        return query.execute(self._db)

    # People -----------------------------------------------------------------------------

    def people_count(self) -> int:
        """How many people are registered."""
        return _count(self, PersonRow)

    def add_person(
        self,
        badge: str,
        name: str,
        role: str,
        pin_hash: str,
        by: str,
        confirmed: str | None,
        at: datetime,
    ) -> int:
        """Store a person; their id."""
        return int(
            self._run(
                PersonRow.insert(
                    badge=badge,
                    name=name,
                    role=role,
                    pin_hash=pin_hash,
                    active=1,
                    failed_pins=0,
                    locked=0,
                    added_by=by,
                    confirmed_by=confirmed,
                    added_at=to_text(at),
                )
            )
        )

    def person(self, badge: str) -> BureauPerson | None:
        """A person by badge."""
        row = self._first(PersonRow.select().where(PersonRow.badge == badge))
        return None if row is None else _person(row)

    def set_pin_state(self, badge: str, failed: int, locked: bool) -> None:
        """A person's count of wrong PINs in a row, and whether that locked the badge."""
        self._run(
            PersonRow.update(failed_pins=failed, locked=int(locked)).where(PersonRow.badge == badge)
        )

    def people(self) -> list[BureauPerson]:
        """Everyone, by badge."""
        return [_person(r) for r in self._rows(PersonRow.select().order_by(PersonRow.badge))]

    # Units ------------------------------------------------------------------------------

    def add_unit(
        self,
        code: str,
        name: str,
        public_key: str,
        key: str,
        by: str,
        confirmed: str,
        at: datetime,
    ) -> int:
        """Register a unit with its key; its id."""
        return int(
            self._run(
                UnitRow.insert(
                    code=code,
                    name=name,
                    public_key=public_key,
                    key_id=key,
                    added_by=by,
                    confirmed_by=confirmed,
                    added_at=to_text(at),
                )
            )
        )

    def unit(self, code: str) -> BureauUnit | None:
        """A unit by code."""
        row = self._first(UnitRow.select().where(UnitRow.code == code))
        return None if row is None else _unit(row)

    def unit_by_key(self, key: str) -> BureauUnit | None:
        """The unit whose key has this id."""
        row = self._first(UnitRow.select().where(UnitRow.key_id == key))
        return None if row is None else _unit(row)

    def units(self) -> list[BureauUnit]:
        """Every unit, by code."""
        return [_unit(r) for r in self._rows(UnitRow.select().order_by(UnitRow.code))]

    # A unit's chain ---------------------------------------------------------------------

    def held_hash(self, unit_id: int, seq: int) -> str | None:
        """The hash of the unit's event seq, as the bureau holds it."""
        row = self._first(
            UnitEventRow.select(UnitEventRow.hash).where(
                (UnitEventRow.unit_id == unit_id) & (UnitEventRow.seq == seq)
            )
        )
        return None if row is None else str(row.hash)

    def held_hashes(self, unit_id: int, first: int, last: int) -> dict[int, str]:
        """The hashes held for seqs first..last of a unit's chain."""
        query = (
            UnitEventRow.select(UnitEventRow.seq, UnitEventRow.hash)
            .where(
                (UnitEventRow.unit_id == unit_id)
                & (UnitEventRow.seq >= first)
                & (UnitEventRow.seq <= last)
            )
            .tuples()
        )
        return {int(seq): str(h) for seq, h in self._rows(query)}

    def extend_chain(self, unit_id: int, events: Sequence[AuditEvent], held: HeldChain) -> int:
        """Keep the events not held yet and move the unit's held head; how many were new."""
        known = self.held_hashes(unit_id, events[0].seq, events[-1].seq) if events else {}
        fresh = [
            {
                "unit_id": unit_id,
                "seq": e.seq,
                "hash": e.hash,
                "at": e.at,
                "action": e.action,
                "outcome": e.outcome,
            }
            for e in events
            if e.seq not in known
        ]
        for start in range(0, len(fresh), _BATCH):
            self._run(UnitEventRow.insert_many(fresh[start : start + _BATCH]))
        self._run(
            UnitRow.update(
                held_size=held.size,
                held_head=held.head_hash,
                held_checkpoint_at=held.checkpoint_at,
            ).where(UnitRow.id == unit_id)
        )
        return len(fresh)

    def unit_events_between(self, unit_id: int, start: str, end: str) -> dict[str, int]:
        """How many of a unit's events of each action fall in [start, end) (their own `at`)."""
        query = (
            UnitEventRow.select(UnitEventRow.action, fn.COUNT(UnitEventRow.seq))
            .where(
                (UnitEventRow.unit_id == unit_id)
                & (UnitEventRow.at >= start)
                & (UnitEventRow.at < end)
            )
            .group_by(UnitEventRow.action)
            .tuples()
        )
        return {str(a): int(n) for a, n in self._rows(query)}

    # Packages ---------------------------------------------------------------------------

    def package_by_signature(self, signature_sha256: str) -> BureauPackage | None:
        """The package taken in with this receipt, if any."""
        query = _package_query().where(PackageRow.signature_sha256 == signature_sha256)
        row = self._first(query)
        return None if row is None else _package(row)

    def add_package(
        self,
        unit_id: int,
        name: str,
        kind: str,
        period: str,
        signature_sha256: str,
        checkpoint_size: int,
        checkpoint_head: str,
        checkpoint_at: str,
        clips: int,
        new_clips: int,
        size: int,
        by: str,
        at: datetime,
    ) -> int:
        """Store a package taken in; its id."""
        return int(
            self._run(
                PackageRow.insert(
                    unit_id=unit_id,
                    name=name,
                    kind=kind,
                    period=period,
                    signature_sha256=signature_sha256,
                    checkpoint_size=checkpoint_size,
                    checkpoint_head=checkpoint_head,
                    checkpoint_at=checkpoint_at,
                    clips=clips,
                    new_clips=new_clips,
                    bytes=size,
                    ingested_by=by,
                    ingested_at=to_text(at),
                )
            )
        )

    def packages(self, unit: str | None = None) -> list[BureauPackage]:
        """Every package taken in (of one unit), oldest first."""
        query = _package_query()
        if unit is not None:
            query = query.where(UnitRow.code == unit)
        return [_package(r) for r in self._rows(query.order_by(PackageRow.id))]

    def package_count(self) -> int:
        """How many packages are held."""
        return _count(self, PackageRow)

    # Clips ------------------------------------------------------------------------------

    def known_clips(self, unit_id: int, box_ids: Iterable[int]) -> dict[int, str]:
        """Of these box clip ids, the ones held already, with their sha256."""
        ids = sorted(set(box_ids))
        found: dict[int, str] = {}
        for start in range(0, len(ids), _BATCH):
            query = (
                ClipRow.select(ClipRow.box_clip_id, ClipRow.sha256)
                .where(
                    (ClipRow.unit_id == unit_id)
                    & ClipRow.box_clip_id.in_(ids[start : start + _BATCH])
                )
                .tuples()
            )
            found.update({int(b): str(s) for b, s in self._rows(query)})
        return found

    def add_clips(self, unit_id: int, package_id: int, clips: Sequence[NewClip]) -> list[int]:
        """Store new clips and their cases; their ids, in order."""
        ids = []
        for clip in clips:
            clip_id = int(
                self._run(
                    ClipRow.insert(
                        unit_id=unit_id,
                        box_clip_id=clip.box_clip_id,
                        sha256=clip.sha256,
                        size=clip.size,
                        officer=clip.officer,
                        day=clip.day,
                        recorded_at=clip.recorded_at,
                        archived_at=clip.archived_at,
                        recorder=clip.recorder,
                        original_name=clip.original_name,
                        duration_seconds=clip.duration_seconds,
                        classification=clip.classification,
                        package_id=package_id,
                    )
                )
            )
            ids.append(clip_id)
        cases = [
            {"clip_id": clip_id, "case_no": case}
            for clip_id, clip in zip(ids, clips, strict=True)
            for case in sorted(set(clip.cases))
        ]
        for start in range(0, len(cases), _BATCH):
            self._run(ClipCaseRow.insert_many(cases[start : start + _BATCH]))
        return ids

    def clips(self, query: ClipQuery) -> list[BureauClip]:
        """The clips a query names, newest day first; at most query.limit."""
        select = ClipRow.select(ClipRow, UnitRow.code).join(
            UnitRow, on=(ClipRow.unit_id == UnitRow.id)
        )
        if query.unit:
            select = select.where(UnitRow.code == query.unit)
        if query.officer:
            select = select.where(ClipRow.officer == query.officer)
        if query.day_from:
            select = select.where(ClipRow.day >= query.day_from)
        if query.day_to:
            select = select.where(ClipRow.day <= query.day_to)
        if query.case:
            select = select.where(
                ClipRow.id.in_(
                    ClipCaseRow.select(ClipCaseRow.clip_id).where(ClipCaseRow.case_no == query.case)
                )
            )
        rows = self._rows(
            select.order_by(ClipRow.day.desc(), ClipRow.id.desc()).limit(query.limit).objects()
        )
        return self._with_cases(rows)

    def clips_by_ids(self, ids: Iterable[int]) -> list[BureauClip]:
        """The clips of these bureau ids, by id (unknown ids are left out)."""
        wanted = sorted(set(ids))
        rows: list[Any] = []
        for start in range(0, len(wanted), _BATCH):
            select = (
                ClipRow.select(ClipRow, UnitRow.code)
                .join(UnitRow, on=(ClipRow.unit_id == UnitRow.id))
                .where(ClipRow.id.in_(wanted[start : start + _BATCH]))
                .order_by(ClipRow.id)
                .objects()
            )
            rows.extend(self._rows(select))
        return self._with_cases(rows)

    def _with_cases(self, rows: list[Any]) -> list[BureauClip]:
        ids = [int(r.id) for r in rows]
        cases: dict[int, list[str]] = {}
        for start in range(0, len(ids), _BATCH):
            query = (
                ClipCaseRow.select(ClipCaseRow.clip_id, ClipCaseRow.case_no)
                .where(ClipCaseRow.clip_id.in_(ids[start : start + _BATCH]))
                .order_by(ClipCaseRow.case_no)
                .tuples()
            )
            for clip_id, case in self._rows(query):
                cases.setdefault(int(clip_id), []).append(str(case))
        return [_clip(r, tuple(cases.get(int(r.id), ()))) for r in rows]

    def content_named(self, sha256: str) -> bool:
        """Whether any clip names this content."""
        return self._first(ClipRow.select(ClipRow.id).where(ClipRow.sha256 == sha256)) is not None

    def clip_count(self) -> int:
        """How many clips are held."""
        return _count(self, ClipRow)

    def contents(self) -> Iterator[tuple[str, int]]:
        """Every distinct content the clips name, with its size, by sha256."""
        query = (
            ClipRow.select(ClipRow.sha256, fn.MAX(ClipRow.size))
            .group_by(ClipRow.sha256)
            .order_by(ClipRow.sha256)
            .tuples()
        )
        for sha, size in self._rows(query):
            yield str(sha), int(size)

    def figures(self, unit_id: int, start: str, end: str, weeks: Sequence[str]) -> UnitFigures:
        """A unit's hand-overs of these weeks, and its clips of days [start, end]."""
        received: dict[str, datetime] = {}
        for begin in range(0, len(weeks), _BATCH):
            rows = self._rows(
                PackageRow.select(PackageRow.period, PackageRow.ingested_at)
                .where(
                    (PackageRow.unit_id == unit_id)
                    & PackageRow.period.in_(list(weeks[begin : begin + _BATCH]))
                )
                .tuples()
            )
            for period, at in rows:
                when = from_text(str(at))
                if str(period) not in received or when < received[str(period)]:
                    received[str(period)] = when
        in_days = (ClipRow.unit_id == unit_id) & (ClipRow.day >= start) & (ClipRow.day <= end)
        count, size, officers = self._rows(
            ClipRow.select(
                fn.COUNT(ClipRow.id),
                fn.COALESCE(fn.SUM(ClipRow.size), 0),
                fn.COUNT(ClipRow.officer.distinct()),
            )
            .where(in_days)
            .tuples()
        )[0]
        cases = self._rows(
            ClipCaseRow.select(fn.COUNT(ClipCaseRow.case_no.distinct()))
            .join(ClipRow, on=(ClipCaseRow.clip_id == ClipRow.id))
            .where(in_days)
            .tuples()
        )[0][0]
        classes = {
            str(c): int(n)
            for c, n in self._rows(
                ClipRow.select(ClipRow.classification, fn.COUNT(ClipRow.id))
                .where(in_days)
                .group_by(ClipRow.classification)
                .tuples()
            )
        }
        return UnitFigures(received, int(count), int(size), int(officers), int(cases), classes)

    # Alarms -----------------------------------------------------------------------------

    def raise_alarm(
        self,
        at: datetime,
        severity: str,
        kind: str,
        unit: str,
        seq: int | None,
        **detail: object,
    ) -> int:
        """Store an alarm (inside the audit transaction); its id."""
        return int(
            self._run(
                BureauAlarmRow.insert(
                    at=to_text(at),
                    severity=severity,
                    kind=kind,
                    unit_code=unit,
                    seq=seq,
                    detail_json=json.dumps(detail, sort_keys=True, default=str),
                )
            )
        )

    def alarms(self, open_only: bool = True) -> list[BureauAlarm]:
        """The alarms (only those nobody acknowledged), oldest first."""
        query = BureauAlarmRow.select().order_by(BureauAlarmRow.id)
        if open_only:
            query = query.where(BureauAlarmRow.acknowledged_at.is_null())
        return [_alarm(r) for r in self._rows(query)]

    def alarm(self, alarm_id: int) -> BureauAlarm | None:
        """One alarm by id."""
        row = self._first(BureauAlarmRow.select().where(BureauAlarmRow.id == alarm_id))
        return None if row is None else _alarm(row)

    def acknowledge(self, alarm_id: int, by: str, at: datetime) -> None:
        """Mark an alarm seen."""
        self._run(
            BureauAlarmRow.update(acknowledged_by=by, acknowledged_at=to_text(at)).where(
                BureauAlarmRow.id == alarm_id
            )
        )

    def alarms_between(self, start: str, end: str) -> list[BureauAlarm]:
        """The alarms raised over days [start, end]."""
        query = (
            BureauAlarmRow.select()
            .where((BureauAlarmRow.at >= start) & (BureauAlarmRow.at < _after(end)))
            .order_by(BureauAlarmRow.id)
        )
        return [_alarm(r) for r in self._rows(query)]

    # Export requests --------------------------------------------------------------------

    def add_request(
        self,
        by: str,
        at: datetime,
        recipient: str,
        reason: str,
        items: str,
        clip_ids: Sequence[int],
    ) -> int:
        """Store a pending export request; its id."""
        return int(
            self._run(
                ExportRequestRow.insert(
                    requested_by=by,
                    requested_at=to_text(at),
                    recipient=recipient,
                    reason=reason,
                    items_sha256=items,
                    clip_ids=json.dumps(sorted(set(clip_ids))),
                    named_classes="[]",
                    state=DisclosureState.PENDING.value,
                    decision_note="",
                )
            )
        )

    def request(self, request_id: int) -> Disclosure | None:
        """One export request by id."""
        row = self._first(ExportRequestRow.select().where(ExportRequestRow.id == request_id))
        return None if row is None else _request(row)

    def requests(self) -> list[Disclosure]:
        """Every export request, newest first."""
        query = ExportRequestRow.select().order_by(ExportRequestRow.id.desc())
        return [_request(r) for r in self._rows(query)]

    def decide(
        self,
        request_id: int,
        state: DisclosureState,
        by: str,
        at: datetime,
        note: str,
        approved_items: str | None,
        expires: datetime | None,
        allowed: Iterable[Classification] = (),
    ) -> None:
        """Store a bureau head's decision, with the classes an approval lets go out."""
        self._run(
            ExportRequestRow.update(
                state=state.value,
                decided_by=by,
                decided_at=to_text(at),
                decision_note=note,
                approved_items_sha256=approved_items,
                expires_at=None if expires is None else to_text(expires),
                named_classes=json.dumps(sorted(c.value for c in allowed)),
            ).where(ExportRequestRow.id == request_id)
        )

    def mark_exported(self, request_id: int, at: datetime, signature_sha256: str) -> None:
        """An approval used: the request is exported, once."""
        self._run(
            ExportRequestRow.update(
                state=DisclosureState.EXPORTED.value,
                exported_at=to_text(at),
                signature_sha256=signature_sha256,
            ).where(ExportRequestRow.id == request_id)
        )

    # The bureau's own log ---------------------------------------------------------------

    def head(self) -> ChainHead:
        """The newest event's (seq, hash), or the genesis."""
        row = self._first(
            BureauEventRow.select(BureauEventRow.seq, BureauEventRow.hash)
            .order_by(BureauEventRow.seq.desc())
            .limit(1)
        )
        return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(int(row.seq), row.hash)

    def append(
        self,
        at: datetime,
        actor: str,
        role: str,
        action: str,
        object_type: str,
        object_id: str,
        outcome: str,
        detail: dict[str, object],
    ) -> AuditEvent:
        """Append one event to the chain (inside transaction(), which holds the head)."""
        head = self.head()
        seq = head.seq + 1
        when = to_text(at)
        detail_json = canonical_json(detail)
        digest = event_hash(
            head.hash,
            seq,
            when,
            actor,
            role,
            action,
            object_type,
            object_id,
            outcome,
            detail_json,
        )
        event = AuditEvent(
            seq,
            when,
            actor,
            role,
            action,
            object_type,
            object_id,
            outcome,
            detail_json,
            head.hash,
            digest,
        )
        self._run(BureauEventRow.insert(**_event_fields(event)))
        return event

    def iterate(self, after_seq: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
        """The bureau's events after a seq, in order, read in batches."""
        last = after_seq
        while True:
            query = (
                BureauEventRow.select()
                .where(BureauEventRow.seq > last)
                .order_by(BureauEventRow.seq)
                .limit(batch)
            )
            rows = self._rows(query)
            if not rows:
                return
            for row in rows:
                yield _event(row)
            last = int(rows[-1].seq)

    def first_event(self, object_type: str, object_ids: Iterable[str], action: str) -> int | None:
        """The seq of the earliest event of this action about any of these objects."""
        names = sorted(set(object_ids))
        best: int | None = None
        for start in range(0, len(names), _BATCH):
            row = self._first(
                BureauEventRow.select(fn.MIN(BureauEventRow.seq).alias("first")).where(
                    (BureauEventRow.object_type == object_type)
                    & (BureauEventRow.action == action)
                    & BureauEventRow.object_id.in_(names[start : start + _BATCH])
                )
            )
            if row is not None and row.first is not None:
                best = int(row.first) if best is None else min(best, int(row.first))
        return best

    def refused_between(self, start: str, end: str) -> list[AuditEvent]:
        """The bureau's refused events over days [start, end], oldest first."""
        query = (
            BureauEventRow.select()
            .where(
                (BureauEventRow.outcome == "refused")
                & (BureauEventRow.at >= start)
                & (BureauEventRow.at < _after(end))
            )
            .order_by(BureauEventRow.seq)
        )
        return [_event(r) for r in self._rows(query)]


def _after(day: str) -> str:
    """The text just past every instant of a day (instants are ISO text, UTC)."""
    return f"{day}\uffff"


def _count(store: BureauStore, model: Any) -> int:
    row = store._first(model.select(fn.COUNT(1).alias("n")))
    return 0 if row is None else int(row.n)


def _person(row: Any) -> BureauPerson:
    return BureauPerson(
        int(row.id),
        row.badge,
        row.name,
        row.role,
        row.pin_hash,
        bool(int(row.active)),
        int(row.failed_pins),
        bool(int(row.locked)),
    )


def _unit(row: Any) -> BureauUnit:
    held = None
    if row.held_size is not None:
        held = HeldChain(int(row.held_size), str(row.held_head), str(row.held_checkpoint_at))
    from appliance.domain.audit import key_id

    return BureauUnit(
        int(row.id),
        row.code,
        row.name,
        key_id(row.public_key),
        row.public_key,
        row.added_by,
        row.confirmed_by,
        held,
    )


def _package_query() -> Any:
    return (
        PackageRow.select(PackageRow, UnitRow.code)
        .join(UnitRow, on=(PackageRow.unit_id == UnitRow.id))
        .objects()
    )


def _package(row: Any) -> BureauPackage:
    return BureauPackage(
        int(row.id),
        str(row.code),
        row.name,
        row.period,
        row.signature_sha256,
        int(row.checkpoint_size),
        int(row.clips),
        int(row.new_clips),
        int(row.bytes),
        row.ingested_by,
        from_text(row.ingested_at),
    )


def _clip(row: Any, cases: tuple[str, ...]) -> BureauClip:
    return BureauClip(
        id=int(row.id),
        unit=str(row.code),
        box_clip_id=int(row.box_clip_id),
        sha256=row.sha256,
        size=int(row.size),
        officer=row.officer,
        day=row.day,
        recorded_at=row.recorded_at,
        archived_at=row.archived_at,
        recorder=row.recorder,
        original_name=row.original_name,
        duration_seconds=None if row.duration_seconds is None else float(row.duration_seconds),
        classification=row.classification,
        cases=cases,
        package_id=int(row.package_id),
    )


def _alarm(row: Any) -> BureauAlarm:
    return BureauAlarm(
        int(row.id),
        from_text(row.at),
        row.severity,
        row.kind,
        row.unit_code,
        None if row.seq is None else int(row.seq),
        json.loads(row.detail_json),
        row.acknowledged_by,
    )


def _request(row: Any) -> Disclosure:
    def instant(text: str | None) -> datetime | None:
        return None if text is None else from_text(text)

    return Disclosure(
        id=int(row.id),
        requested_by=row.requested_by,
        requested_at=from_text(row.requested_at),
        recipient=row.recipient,
        reason=row.reason,
        items_sha256=row.items_sha256,
        clip_ids=tuple(int(i) for i in json.loads(row.clip_ids)),
        state=DisclosureState(row.state),
        named_classes=frozenset(Classification(c) for c in json.loads(row.named_classes)),
        decided_by=row.decided_by,
        decided_at=instant(row.decided_at),
        decision_note=row.decision_note,
        approved_items_sha256=row.approved_items_sha256,
        expires_at=instant(row.expires_at),
        exported_at=instant(row.exported_at),
    )


def _event_fields(event: AuditEvent) -> dict[str, object]:
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


def _event(row: Any) -> AuditEvent:
    return AuditEvent(
        int(row.seq),
        row.at,
        row.actor,
        row.role,
        row.action,
        row.object_type,
        row.object_id,
        row.outcome,
        row.detail_json,
        row.prev_hash,
        row.hash,
    )
