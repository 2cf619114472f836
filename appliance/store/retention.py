"""Provides what the retention rule reads from the store, and the tombstones it leaves."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from peewee import Table, fn

from appliance.domain.holds import HeldClip
from appliance.domain.retention import Judgement, RetentionClip
from appliance.store.holds import HoldRepository
from appliance.store.models import AuditEventRow, ClipRow
from appliance.store.models_holds import TombstoneRow
from appliance.store.models_release import PackageClipRow, PackageRow
from appliance.store.releases import ReleaseRepository
from appliance.store.repo import Repository
from appliance.store.timefmt import from_text, to_text

# The disc helper's table (issue 11 item 4): a clip on an evidence disc (DESIGN §12).
EVIDENCE_TABLE = "evidence_clip"
# The alarm a run raises when it does not trust its clock.
CLOCK_ALARM = "retention_clock"


class RetentionRepository(Repository):
    """The facts of every clip for the rule, and the tombstones (never changed, never removed)."""

    def facts(self, sha256: str | None = None) -> list[RetentionClip]:
        """Every clip row (or those holding one content) as the rule reads it."""
        query = ClipRow.select(ClipRow.id, ClipRow.sha256, ClipRow.size, ClipRow.archived_at)
        if sha256 is not None:
            query = query.where(ClipRow.sha256 == sha256)
        rows = list(self._rows(query.order_by(ClipRow.id).tuples()))
        # One content's few rows are read by id; the whole archive in one pass each.
        ids = None if sha256 is None else [int(row[0]) for row in rows]
        held = {clip.id: clip for clip in HoldRepository(self._db).held_clips(ids)}
        handed = self._handed_over(ids)
        evidence = self.evidence_clip_ids()
        gone = self._tombstoned(ids)
        return [
            RetentionClip(
                int(clip_id),
                str(sha),
                int(size),
                from_text(str(archived_at)),
                held.get(int(clip_id), HeldClip(int(clip_id), None, from_text(str(archived_at)))),
                int(clip_id) in handed,
                int(clip_id) in evidence,
                int(clip_id) in gone,
            )
            for clip_id, sha, size, archived_at in rows
        ]

    def evidence_clip_ids(self) -> set[int]:
        """Clips on an evidence disc: read from the disc's table once it exists (DESIGN §12)."""
        if not self._db.table_exists(EVIDENCE_TABLE):
            return set()
        # The disc helper's table has its model in their migration; until then, by name.
        table = Table(EVIDENCE_TABLE)
        return {int(row["clip_id"]) for row in self._rows(table.select(table.c.clip_id))}

    def newest_event_at(self) -> datetime | None:
        """The latest time an audit event carries, but for the clock guard's own refusals.

        A run refused for its clock writes its refusal and alarm at that clock's time: were
        they counted, a clock ten years ahead would be trusted by the next run (DESIGN §11).
        """
        event = AuditEventRow
        guard_refusal = (event.action == "retention_run") & (event.outcome == "refused")
        guard_alarm = (event.action == "alarm_raised") & (
            fn.json_extract(event.detail_json, "$.kind") == CLOCK_ALARM
        )
        # Newest first by the index on `at` (m0010): the scan stops at the first that counts.
        query = (
            event.select(event.at)
            .where(~guard_refusal & ~guard_alarm)
            .order_by(event.at.desc())
            .limit(1)
            .tuples()
        )
        row = self._first(query)
        return None if row is None or row[0] is None else from_text(str(row[0]))

    def tombstoned_clips(self, among: Iterable[int] | None = None) -> set[int]:
        """Every clip whose content the rule deleted (of those among, if given)."""
        return self._tombstoned(None if among is None else list(among))

    def _tombstoned(self, ids: list[int] | None) -> set[int]:
        query = TombstoneRow.select(TombstoneRow.clip_id)
        if ids is not None:
            query = query.where(TombstoneRow.clip_id.in_(ids))
        return {int(clip_id) for (clip_id,) in self._rows(query.tuples())}

    def _handed_over(self, ids: list[int] | None) -> set[int]:
        """Clips in a hand-over package with the collector's receipt (Art. 12(2))."""
        if ids is None:
            return ReleaseRepository(self._db).handed_over()
        received = PackageRow.select(PackageRow.id).where(
            (PackageRow.kind == "handover") & PackageRow.received_at.is_null(False)
        )
        query = PackageClipRow.select(PackageClipRow.clip_id).where(
            PackageClipRow.package_id.in_(received) & PackageClipRow.clip_id.in_(ids)
        )
        return {int(clip_id) for (clip_id,) in self._rows(query.tuples())}

    def gone_contents(self) -> dict[str, int]:
        """Contents every clip row of which is tombstoned, with their size: no file is due."""
        live = ClipRow.select(ClipRow.sha256).where(
            ClipRow.id.not_in(TombstoneRow.select(TombstoneRow.clip_id))
        )
        query = (
            TombstoneRow.select(TombstoneRow.sha256, TombstoneRow.size)
            .where(TombstoneRow.sha256.not_in(live))
            .distinct()
            .tuples()
        )
        return {str(sha256): int(size) for sha256, size in self._rows(query)}

    def add_tombstones(self, judgements: Iterable[Judgement], at: datetime, run: str) -> list[int]:
        """One tombstone per clip judged expired; the clip ids written."""
        listed = list(judgements)
        rows = [
            {
                "clip_id": j.clip_id,
                "sha256": j.sha256,
                "size": j.size,
                "reason": j.verdict.value,
                "deleted_at": to_text(at),
                "run": run,
                "inputs_json": json.dumps(j.inputs, sort_keys=True, separators=(",", ":")),
            }
            for j in listed
        ]
        if rows:
            self._run(TombstoneRow.insert_many(rows))
        return [j.clip_id for j in listed]

    def tombstones(self) -> list[dict[str, object]]:
        """Every tombstone as stored, by clip id."""
        query = TombstoneRow.select().order_by(TombstoneRow.clip_id).dicts()
        return list(self._rows(query))
