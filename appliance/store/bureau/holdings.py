"""Provides the bureau's holdings: the packages taken in and the clips they brought."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from appliance.domain.bureau import BureauClip, BureauPackage, ClipQuery, NewClip
from appliance.store.bureau.models import (
    ClipCaseRow,
    ClipRow,
    PackageRow,
    UnitRow,
)
from appliance.store.bureau.repo_base import BATCH, BureauRepo, count_rows
from appliance.store.timefmt import from_text, to_text


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


class Holdings(BureauRepo):
    """Packages and clips, and a unit's figures over a period."""

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
        checkpoint_line: str,
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
                    checkpoint_line=checkpoint_line,
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
        return count_rows(self, PackageRow)

    # Clips ------------------------------------------------------------------------------

    def known_clips(self, unit_id: int, box_ids: Iterable[int]) -> dict[int, str]:
        """Of these box clip ids, the ones held already, with their sha256."""
        ids = sorted(set(box_ids))
        found: dict[int, str] = {}
        for start in range(0, len(ids), BATCH):
            query = (
                ClipRow.select(ClipRow.box_clip_id, ClipRow.sha256)
                .where(
                    (ClipRow.unit_id == unit_id)
                    & ClipRow.box_clip_id.in_(ids[start : start + BATCH])
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
        for start in range(0, len(cases), BATCH):
            self._run(ClipCaseRow.insert_many(cases[start : start + BATCH]))
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
        for start in range(0, len(wanted), BATCH):
            select = (
                ClipRow.select(ClipRow, UnitRow.code)
                .join(UnitRow, on=(ClipRow.unit_id == UnitRow.id))
                .where(ClipRow.id.in_(wanted[start : start + BATCH]))
                .order_by(ClipRow.id)
                .objects()
            )
            rows.extend(self._rows(select))
        return self._with_cases(rows)

    def _with_cases(self, rows: list[Any]) -> list[BureauClip]:
        ids = [int(r.id) for r in rows]
        cases: dict[int, list[str]] = {}
        for start in range(0, len(ids), BATCH):
            query = (
                ClipCaseRow.select(ClipCaseRow.clip_id, ClipCaseRow.case_no)
                .where(ClipCaseRow.clip_id.in_(ids[start : start + BATCH]))
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
        return count_rows(self, ClipRow)

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
        for begin in range(0, len(weeks), BATCH):
            rows = self._rows(
                PackageRow.select(PackageRow.period, PackageRow.ingested_at)
                .where(
                    (PackageRow.unit_id == unit_id)
                    & PackageRow.period.in_(list(weeks[begin : begin + BATCH]))
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
        row.checkpoint_line,
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
