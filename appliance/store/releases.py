"""Provides the repository of classes, sealed packages, hand-over receipts and disclosures."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import Disclosure, DisclosureState
from appliance.store.models import AuditEventRow
from appliance.store.models_release import (
    ClipClassRow,
    DisclosureClipRow,
    DisclosureRow,
    PackageClipRow,
    PackageRow,
)
from appliance.store.repo import Repository, instant_or_none
from appliance.store.timefmt import from_text, to_text


@dataclass(frozen=True)
class PackageRecord:
    """A sealed package as the box remembers it (DESIGN §10)."""

    id: int
    kind: str
    name: str
    period: str
    signature_sha256: str
    clips: int
    bytes: int
    created_by: str
    created_at: datetime
    received_by: str | None
    received_at: datetime | None


def _package(row: PackageRow) -> PackageRecord:
    return PackageRecord(
        row.id,
        row.kind,
        row.name,
        row.period,
        row.signature_sha256,
        row.clips,
        row.bytes,
        row.created_by,
        from_text(row.created_at),
        row.received_by,
        instant_or_none(row.received_at),
    )


class ReleaseRepository(Repository):
    """What has left the box or may: classes, packages and their clips, disclosures."""

    def classes(self, clip_ids: Iterable[int] | None = None) -> dict[int, Classification]:
        """The class of each clip that has one set (the others are `normal`)."""
        query = ClipClassRow.select()
        if clip_ids is not None:
            query = query.where(ClipClassRow.clip_id.in_(sorted(set(clip_ids))))
        return {int(row.clip_id): Classification(row.classification) for row in self._rows(query)}

    def set_class(self, clip_id: int, cls: Classification, by: str, at: datetime) -> bool:
        """Set one clip's class; False when it already had that class."""
        current = self.classes([clip_id]).get(clip_id, Classification.NORMAL)
        if current is cls:
            return False
        self._run(
            ClipClassRow.insert(
                clip_id=clip_id, classification=cls.value, set_by=by, set_at=to_text(at)
            ).on_conflict_replace()
        )
        return True

    def add_package(
        self,
        kind: str,
        name: str,
        period: str,
        signature_sha256: str,
        clip_sizes: dict[int, int],
        by: str,
        at: datetime,
    ) -> int:
        """Record a package and the clips it holds; its id."""
        package_id = int(
            self._run(
                PackageRow.insert(
                    kind=kind,
                    name=name,
                    period=period,
                    signature_sha256=signature_sha256,
                    clips=len(clip_sizes),
                    bytes=sum(clip_sizes.values()),
                    created_by=by,
                    created_at=to_text(at),
                )
            )
        )
        for clip_id in sorted(clip_sizes):
            self._run(PackageClipRow.insert(package_id=package_id, clip_id=clip_id))
        return package_id

    def package_by_signature(self, signature_sha256: str) -> PackageRecord | None:
        """The package whose signature has this hash."""
        row = self._first(
            PackageRow.select().where(PackageRow.signature_sha256 == signature_sha256)
        )
        return None if row is None else _package(row)

    def package(self, package_id: int) -> PackageRecord | None:
        """One package by id."""
        row = self._first(PackageRow.select().where(PackageRow.id == package_id))
        return None if row is None else _package(row)

    def packages(self, kind: str) -> list[PackageRecord]:
        """Every package of a kind, oldest first."""
        query = PackageRow.select().where(PackageRow.kind == kind).order_by(PackageRow.id)
        return [_package(row) for row in self._rows(query)]

    def package_clips(self, package_id: int) -> list[int]:
        """The ids of the clips a package holds."""
        query = (
            PackageClipRow.select(PackageClipRow.clip_id)
            .where(PackageClipRow.package_id == package_id)
            .order_by(PackageClipRow.clip_id)
            .tuples()
        )
        return [int(clip_id) for (clip_id,) in self._rows(query)]

    def mark_received(self, package_id: int, by: str, at: datetime) -> None:
        """The collector's receipt of a hand-over package."""
        self._run(
            PackageRow.update(received_by=by, received_at=to_text(at)).where(
                PackageRow.id == package_id
            )
        )

    def handed_over(self) -> set[int]:
        """Every clip in a hand-over package with a receipt (Art. 12(2))."""
        received = PackageRow.select(PackageRow.id).where(
            (PackageRow.kind == "handover") & PackageRow.received_at.is_null(False)
        )
        query = (
            PackageClipRow.select(PackageClipRow.clip_id)
            .where(PackageClipRow.package_id.in_(received))
            .tuples()
        )
        return {int(clip_id) for (clip_id,) in self._rows(query)}

    def first_archive_seq(self, clip_ids: Iterable[int]) -> int | None:
        """The seq of the earliest `clip_archived` event of these clips (a package's slice)."""
        names = [str(clip_id) for clip_id in sorted(set(clip_ids))]
        row = self._first(
            AuditEventRow.select(AuditEventRow.seq)
            .where(
                (AuditEventRow.object_type == "clip")
                & (AuditEventRow.action == "clip_archived")
                & AuditEventRow.object_id.in_(names)
            )
            .order_by(AuditEventRow.seq)
        )
        return None if row is None else int(row.seq)

    def last_sealed_checkpoint(self, kind: str) -> int | None:
        """The checkpoint size the newest package of a kind was sealed at (its slice's end).

        A hand-over's slice reaches back to it, so the bureau can see the chain it holds
        extended, not merely a run of it (issue 14, Art. 12(2)).
        """
        newest = self._first(
            PackageRow.select(PackageRow.id)
            .where(PackageRow.kind == kind)
            .order_by(PackageRow.id.desc())
        )
        if newest is None:
            return None
        row = self._first(
            AuditEventRow.select(AuditEventRow.detail_json).where(
                (AuditEventRow.object_type == "package")
                & (AuditEventRow.object_id == str(newest.id))
                & (AuditEventRow.action == "package_sealed")
            )
        )
        if row is None:
            return None
        size = json.loads(row.detail_json).get("checkpoint_size")
        return size if isinstance(size, int) else None

    def add_disclosure(
        self,
        requested_by: str,
        at: datetime,
        recipient: str,
        reason: str,
        items_sha256: str,
        clip_ids: Iterable[int],
    ) -> int:
        """Record a pending request and the clips it names; its id."""
        request_id = int(
            self._run(
                DisclosureRow.insert(
                    requested_by=requested_by,
                    requested_at=to_text(at),
                    recipient=recipient,
                    reason=reason,
                    items_sha256=items_sha256,
                    state=DisclosureState.PENDING.value,
                    named_classes="",
                    decision_note="",
                )
            )
        )
        for clip_id in sorted(set(clip_ids)):
            self._run(DisclosureClipRow.insert(disclosure_id=request_id, clip_id=clip_id))
        return request_id

    def disclosure(self, request_id: int) -> Disclosure | None:
        """One request with its clips."""
        row = self._first(DisclosureRow.select().where(DisclosureRow.id == request_id))
        return None if row is None else self._disclosure(row)

    def exported_between(self, start: datetime, end: datetime) -> list[Disclosure]:
        """The disclosures exported in [start, end), oldest first (Art. 11, 13)."""
        query = (
            DisclosureRow.select()
            .where(
                (DisclosureRow.exported_at >= to_text(start))
                & (DisclosureRow.exported_at < to_text(end))
            )
            .order_by(DisclosureRow.exported_at, DisclosureRow.id)
        )
        return [self._disclosure(row) for row in self._rows(query)]

    def disclosures(self) -> list[Disclosure]:
        """Every request, newest first."""
        query = DisclosureRow.select().order_by(DisclosureRow.id.desc())
        return [self._disclosure(row) for row in self._rows(query)]

    def decide(
        self,
        request_id: int,
        state: DisclosureState,
        by: str,
        at: datetime,
        note: str = "",
        named: frozenset[Classification] = frozenset(),
        approved_items_sha256: str | None = None,
        expires_at: datetime | None = None,
    ) -> None:
        """Store the bureau head's decision."""
        self._run(
            DisclosureRow.update(
                state=state.value,
                decided_by=by,
                decided_at=to_text(at),
                decision_note=note,
                named_classes=",".join(sorted(c.value for c in named)),
                approved_items_sha256=approved_items_sha256,
                expires_at=None if expires_at is None else to_text(expires_at),
            ).where(DisclosureRow.id == request_id)
        )

    def mark_exported(self, request_id: int, package_id: int | None, at: datetime) -> None:
        """The approval is used: it is never used again."""
        self._run(
            DisclosureRow.update(
                state=DisclosureState.EXPORTED.value, exported_at=to_text(at), package_id=package_id
            ).where(DisclosureRow.id == request_id)
        )

    def _disclosure(self, row: DisclosureRow) -> Disclosure:
        query = (
            DisclosureClipRow.select(DisclosureClipRow.clip_id)
            .where(DisclosureClipRow.disclosure_id == row.id)
            .order_by(DisclosureClipRow.clip_id)
            .tuples()
        )
        ids = tuple(int(clip_id) for (clip_id,) in self._rows(query))
        named = frozenset(Classification(c) for c in row.named_classes.split(",") if c)
        return Disclosure(
            id=row.id,
            requested_by=row.requested_by,
            requested_at=from_text(row.requested_at),
            recipient=row.recipient,
            reason=row.reason,
            items_sha256=row.items_sha256,
            clip_ids=ids,
            state=DisclosureState(row.state),
            named_classes=named,
            decided_by=row.decided_by,
            decided_at=instant_or_none(row.decided_at),
            decision_note=row.decision_note,
            approved_items_sha256=row.approved_items_sha256,
            expires_at=instant_or_none(row.expires_at),
            exported_at=instant_or_none(row.exported_at),
            package_id=row.package_id,
        )
