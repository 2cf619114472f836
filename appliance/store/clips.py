"""Provides the repository of archived clips and their filing by case (Art. 8)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from peewee import fn

from appliance.domain.footage import (
    ArchivedClip,
    ClipFlag,
    MediaInfo,
    NewClip,
    StoredContent,
    flags_from_text,
    flags_text,
)
from appliance.store.db import EvidenceDatabase
from appliance.store.models import ClipCaseRow, ClipRow
from appliance.store.prepared import Prepared, slot
from appliance.store.repo import Repository, instant_or_none, text_or_none
from appliance.store.timefmt import from_text, to_text


def _media(row: ClipRow, flags: frozenset[ClipFlag]) -> MediaInfo:
    # Readable and damaged are kept as the clip's flags (DESIGN §4 step 5).
    return MediaInfo(
        readable=ClipFlag.UNREADABLE not in flags,
        damaged=ClipFlag.DAMAGED in flags,
        duration_seconds=row.duration_seconds,
        container=row.container,
        video_codec=row.video_codec,
        audio_codec=row.audio_codec,
        width=row.width,
        height=row.height,
        has_audio=bool(row.has_audio),
        recorded_at=instant_or_none(row.device_recorded_at),
        error=row.probe_error,
    )


def _clip(row: ClipRow, cases: tuple[str, ...]) -> ArchivedClip:
    flags = flags_from_text(row.flags)
    return ArchivedClip(
        id=row.id,
        sha256=row.sha256,
        size=row.size,
        serial=row.serial,
        unit_code=row.unit_code,
        source_name=row.source_name,
        job_id=row.job_id,
        archived_at=from_text(row.archived_at),
        recorded_at=instant_or_none(row.recorded_at),
        day=row.day,
        holder_badge=row.holder_badge,
        session_id=row.session_id,
        media=_media(row, flags),
        flags=flags,
        cases=cases,
        cleared_at=instant_or_none(row.cleared_at),
    )


# What the ingest writes of a new clip: every column but the id and the clearing.
_NEW_COLUMNS = tuple(
    # By name: a field's == builds an expression, so `in` would match any field.
    f
    for f in ClipRow._meta.sorted_fields
    if f.name not in ("id", "cleared_at")
)


class ClipRepository(Repository):
    """The clip rows and the cases they are filed under."""

    def __init__(self, database: EvidenceDatabase) -> None:
        super().__init__(database)
        # Asked and written once per clip by the offload: built by peewee once (issue 8).
        self._find = Prepared(
            database,
            ClipRow.select(ClipRow.id)
            .where(
                (ClipRow.serial == slot(ClipRow.serial))
                & (ClipRow.source_name == slot(ClipRow.source_name))
                & (ClipRow.sha256 == slot(ClipRow.sha256))
            )
            .limit(1),
        )
        self._insert = Prepared(
            database, ClipRow.insert({f: slot(f) for f in _NEW_COLUMNS}).on_conflict_ignore()
        )

    def find(self, serial: str, source_name: str, sha256: str) -> int | None:
        """The id of the row for this file of this recorder with this content, if committed."""
        row = self._find.cursor(serial=serial, source_name=source_name, sha256=sha256).fetchone()
        return None if row is None else int(row[0])

    def add_flag(self, clip_id: int, flag: ClipFlag) -> None:
        """Add one flag to a committed clip."""
        row = self._first(ClipRow.select(ClipRow.flags).where(ClipRow.id == clip_id))
        if row is None:
            return
        flags = set(flags_from_text(row.flags)) | {flag}
        self._run(ClipRow.update(flags=flags_text(frozenset(flags))).where(ClipRow.id == clip_id))

    def mark_cleared(self, clip_id: int, at: datetime) -> None:
        """Record that the recorder's copy was deleted (DESIGN §4 step 7)."""
        self._run(
            ClipRow.update(cleared_at=to_text(at)).where(
                (ClipRow.id == clip_id) & (ClipRow.cleared_at.is_null())
            )
        )

    def get(self, clip_id: int) -> ArchivedClip | None:
        """One clip with its cases."""
        row = self._first(ClipRow.select().where(ClipRow.id == clip_id))
        return None if row is None else _clip(row, self._cases(clip_id))

    def by_ids(self, clip_ids: Iterable[int]) -> dict[int, ArchivedClip]:
        """Many clips at once, by id (without their cases): one query per 500, not per clip."""
        wanted = sorted(set(clip_ids))
        found: dict[int, ArchivedClip] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in self._rows(ClipRow.select().where(ClipRow.id.in_(chunk))):
                found[int(row.id)] = _clip(row, ())
        return found

    def hashes_of(self, clip_ids: Iterable[int]) -> set[str]:
        """The content hashes of many clips, by id (one query per 500).

        Sealing a job needs its hashes only: building each clip of a 1,000-clip job costs
        more than the seal itself (issue 8)."""
        wanted = sorted(set(clip_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            query = ClipRow.select(ClipRow.sha256).where(
                ClipRow.id.in_(wanted[start : start + 500])
            )
            found.update(str(sha256) for (sha256,) in self._cursor(query))
        return found

    def listing(
        self,
        day: str | None = None,
        holder_badge: str | None = None,
        case_number: str | None = None,
        job_id: int | None = None,
        limit: int = 10_000,
    ) -> list[ArchivedClip]:
        """Clips matching every given filter, by recording time then name."""
        query = ClipRow.select()
        if day:
            query = query.where(ClipRow.day == day)
        if holder_badge:
            query = query.where(ClipRow.holder_badge == holder_badge)
        if case_number:
            filed = ClipCaseRow.select(ClipCaseRow.clip_id).where(
                ClipCaseRow.case_number == case_number
            )
            query = query.where(ClipRow.id.in_(filed))
        if job_id is not None:
            query = query.where(ClipRow.job_id == job_id)
        query = query.order_by(
            fn.coalesce(ClipRow.recorded_at, ClipRow.archived_at), ClipRow.source_name
        ).limit(limit)
        return [_clip(row, self._cases(row.id)) for row in self._rows(query)]

    def newest(self, limit: int, holder_badge: str | None = None) -> list[ArchivedClip]:
        """The clips recorded last (of one holder, if given), newest first, then by name
        (without their cases)."""
        when = fn.coalesce(ClipRow.recorded_at, ClipRow.archived_at)
        query = ClipRow.select()
        if holder_badge is not None:
            query = query.where(ClipRow.holder_badge == holder_badge)
        query = query.order_by(when.desc(), ClipRow.source_name.desc(), ClipRow.id.desc()).limit(
            limit
        )
        return [_clip(row, ()) for row in self._rows(query)]

    def archived_between(self, start: datetime, end: datetime) -> list[ArchivedClip]:
        """The clips archived in [start, end), by id, with their cases (index clip_archived)."""
        query = (
            ClipRow.select()
            .where((ClipRow.archived_at >= to_text(start)) & (ClipRow.archived_at < to_text(end)))
            .order_by(ClipRow.id)
        )
        return self._with_cases(self._rows(query))

    def of_sessions(self, session_ids: Iterable[int]) -> list[ArchivedClip]:
        """The clips offloaded from these custody sessions, by id (index clip_session)."""
        wanted = sorted(set(session_ids))
        rows: list[ClipRow] = []
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            rows += self._rows(ClipRow.select().where(ClipRow.session_id.in_(chunk)))
        return self._with_cases(sorted(rows, key=lambda row: row.id))

    def _with_cases(self, rows: list[ClipRow]) -> list[ArchivedClip]:
        cases: dict[int, list[str]] = {}
        ids = [row.id for row in rows]
        for at in range(0, len(ids), 500):
            query = (
                ClipCaseRow.select(ClipCaseRow.clip_id, ClipCaseRow.case_number)
                .where(ClipCaseRow.clip_id.in_(ids[at : at + 500]))
                .order_by(ClipCaseRow.case_number)
                .tuples()
            )
            for clip_id, number in self._rows(query):
                cases.setdefault(int(clip_id), []).append(str(number))
        return [_clip(row, tuple(cases.get(row.id, ()))) for row in rows]

    def of_recorder(self, serial: str) -> list[ArchivedClip]:
        """Every clip taken from one recorder (without their cases)."""
        query = ClipRow.select().where(ClipRow.serial == serial).order_by(ClipRow.id)
        return [_clip(row, ()) for row in self._rows(query)]

    def all_hashes(self) -> set[str]:
        """Every content hash some clip row refers to."""
        query = ClipRow.select(ClipRow.sha256).distinct().tuples()
        return {str(sha256) for (sha256,) in self._cursor(query)}

    def sizes_by_hash(self) -> dict[str, set[int]]:
        """Every content hash some clip row names, with the sizes those rows give."""
        found: dict[str, set[int]] = {}
        # Raw values: a size edited into text must show as a finding, not stop the check.
        query = ClipRow.select(ClipRow.sha256, ClipRow.size).distinct()
        for sha256, size in self._cursor(query):
            found.setdefault(str(sha256), set()).add(size if isinstance(size, int) else -1)
        return found

    def sample_hashes(self, limit: int | None) -> list[StoredContent]:
        """Distinct contents: all (by hash), or a random sample of `limit`."""
        distinct = ClipRow.select(ClipRow.sha256, ClipRow.size).distinct()
        if limit is None:
            query = distinct.order_by(ClipRow.sha256)
        else:
            sample = distinct.alias("content")
            query = (
                ClipRow.select(sample.c.sha256, sample.c.size)
                .from_(sample)
                .order_by(fn.random())
                .limit(limit)
            )
        return [StoredContent(str(sha), int(size)) for sha, size in self._cursor(query)]

    def file_case(self, clip_id: int, case_number: str, by_badge: str, at: datetime) -> bool:
        """File a clip under a case; False when it already was."""
        inserted = self._run(
            ClipCaseRow.insert(
                clip_id=clip_id, case_number=case_number, filed_by=by_badge, filed_at=to_text(at)
            )
            .on_conflict_ignore()
            .as_rowcount()
        )
        return bool(inserted == 1)

    def filed_cases(self) -> dict[str, list[tuple[int, int]]]:
        """Every case number with the clips filed under it, as (clip id, size), by id."""
        query = (
            ClipCaseRow.select(ClipCaseRow.case_number, ClipRow.id, ClipRow.size)
            .join(ClipRow, on=(ClipRow.id == ClipCaseRow.clip_id))
            .order_by(ClipCaseRow.case_number, ClipRow.id)
            .tuples()
        )
        found: dict[str, list[tuple[int, int]]] = {}
        for number, clip_id, size in self._rows(query):
            found.setdefault(str(number), []).append((int(clip_id), int(size)))
        return found

    def _cases(self, clip_id: int) -> tuple[str, ...]:
        query = (
            ClipCaseRow.select(ClipCaseRow.case_number)
            .where(ClipCaseRow.clip_id == clip_id)
            .order_by(ClipCaseRow.case_number)
            .tuples()
        )
        return tuple(str(number) for (number,) in self._rows(query))

    def insert_or_find(self, clip: NewClip) -> tuple[int, bool]:
        """Insert the row unless this recorder's file with this content is already committed.

        Returns (id, True) for a new row, (id, False) for one another job committed first.
        """
        media = clip.media
        # One statement's row count and new id, both: only the cursor has them.
        cursor = self._insert.cursor(
            sha256=clip.sha256,
            size=clip.size,
            serial=clip.serial,
            unit_code=clip.unit_code,
            source_name=clip.source_name,
            job_id=clip.job_id,
            archived_at=to_text(clip.archived_at),
            device_recorded_at=text_or_none(media.recorded_at),
            recorded_at=text_or_none(clip.recorded_at),
            day=clip.day,
            session_id=clip.session_id,
            holder_badge=clip.holder_badge,
            duration_seconds=media.duration_seconds,
            container=media.container,
            video_codec=media.video_codec,
            audio_codec=media.audio_codec,
            width=media.width,
            height=media.height,
            has_audio=media.has_audio,
            flags=flags_text(clip.flags),
            probe_error=media.error,
        )
        if cursor.rowcount == 1:
            return int(cursor.lastrowid), True
        existing = self.find(clip.serial, clip.source_name, clip.sha256)
        if existing is None:
            raise LookupError("clip row vanished")
        return existing, False
