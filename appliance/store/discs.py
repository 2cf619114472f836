"""Provides the repository of evidence discs and the clips that are evidence (DESIGN §12)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from peewee import fn

from appliance.domain.discs import DiscRecord
from appliance.store.models_disc import DiscRow, EvidenceClipRow
from appliance.store.repo import Repository
from appliance.store.timefmt import from_text, to_text


def _disc(row: DiscRow) -> DiscRecord:
    return DiscRecord(
        id=row.id,
        case_number=row.case_number,
        package_id=row.package_id,
        image_name=row.image_name,
        image_sha256=row.image_sha256,
        image_bytes=row.image_bytes,
        volume_id=row.volume_id,
        form_sha256=row.form_sha256,
        files=row.files,
        burned_to=row.burned_to,
        place=row.place,
        recorded_by=row.recorded_by,
        made_by=row.made_by,
        made_at=from_text(row.made_at),
    )


class DiscRepository(Repository):
    """The discs made on this box and the clips on them."""

    def add_disc(self, disc: DiscRecord, clip_ids: Iterable[int]) -> int:
        """Record a disc and mark its clips evidence; the disc's id (disc.id is ignored)."""
        disc_id = int(
            self._run(
                DiscRow.insert(
                    case_number=disc.case_number,
                    package_id=disc.package_id,
                    image_name=disc.image_name,
                    image_sha256=disc.image_sha256,
                    image_bytes=disc.image_bytes,
                    volume_id=disc.volume_id,
                    form_sha256=disc.form_sha256,
                    files=disc.files,
                    burned_to=disc.burned_to,
                    place=disc.place,
                    recorded_by=disc.recorded_by,
                    made_by=disc.made_by,
                    made_at=to_text(disc.made_at),
                )
            )
        )
        for clip_id in sorted(set(clip_ids)):
            self._run(
                EvidenceClipRow.insert(
                    clip_id=clip_id, disc_id=disc_id, marked_at=to_text(disc.made_at)
                )
            )
        return disc_id

    def get(self, disc_id: int) -> DiscRecord | None:
        """One disc by id."""
        row = self._first(DiscRow.select().where(DiscRow.id == disc_id))
        return None if row is None else _disc(row)

    def of_case(self, case_number: str) -> list[DiscRecord]:
        """Every disc made for a case, oldest first."""
        query = DiscRow.select().where(DiscRow.case_number == case_number).order_by(DiscRow.id)
        return [_disc(row) for row in self._rows(query)]

    def made_between(self, start: datetime, end: datetime) -> list[DiscRecord]:
        """The evidence discs made in [start, end), oldest first (Art. 12(4))."""
        query = (
            DiscRow.select()
            .where((DiscRow.made_at >= to_text(start)) & (DiscRow.made_at < to_text(end)))
            .order_by(DiscRow.made_at, DiscRow.id)
        )
        return [_disc(row) for row in self._rows(query)]

    def discs_per_case(self) -> dict[str, int]:
        """How many discs were made of each case that has one."""
        query = (
            DiscRow.select(DiscRow.case_number, fn.COUNT(DiscRow.id))
            .group_by(DiscRow.case_number)
            .tuples()
        )
        return {str(number): int(count) for number, count in self._rows(query)}

    def evidence_clip_ids(self) -> set[int]:
        """Every clip on any evidence disc: retention never deletes one (DESIGN §11)."""
        query = EvidenceClipRow.select(EvidenceClipRow.clip_id).distinct().tuples()
        return {int(clip_id) for (clip_id,) in self._rows(query)}

    def clips_of(self, disc_id: int) -> list[int]:
        """The clips on one disc, by id."""
        query = (
            EvidenceClipRow.select(EvidenceClipRow.clip_id)
            .where(EvidenceClipRow.disc_id == disc_id)
            .order_by(EvidenceClipRow.clip_id)
            .tuples()
        )
        return [int(clip_id) for (clip_id,) in self._rows(query)]
