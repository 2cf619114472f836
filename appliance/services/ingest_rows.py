"""Provides DESIGN §4 step 6 for one clip: its row and its audit event, in the caller's transaction.

The ingest pipeline writes a batch of clips in one transaction (one commit, one WAL fsync, for
the lot: issue 8); each clip still gets its own row and its own event (Art. 12(3)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo

from appliance.domain.attribution import corrected_time, day_of, drift_before, session_at
from appliance.domain.footage import ClipFlag, MediaInfo, NewClip, stored_name
from appliance.domain.records import Actor, CustodySession
from appliance.ports import ClipRef
from appliance.services.context import Context


@dataclass(frozen=True)
class RecorderFacts:
    """What the ingest needs to know of the recorder beyond its files."""

    serial: str
    unit_code: str
    foreign: bool
    sessions: Sequence[CustodySession]
    zone: tzinfo
    gap_names: frozenset[str] = frozenset()


# One clip to write: its reference, content hash, size and probe (None: archived already).
ClipToWrite = tuple[ClipRef, str, int, MediaInfo | None]


class ProbeMissing(LookupError):
    """A clip's row vanished after its probe was skipped for it: probe it, then write again."""


class ClipWriter:
    """Writes one pass's clips of one recorder and job; its drift ledger read once."""

    def __init__(self, ctx: Context, actor: Actor, facts: RecorderFacts, job_id: int) -> None:
        self._ctx = ctx
        self._actor = actor
        self._facts = facts
        self._job_id = job_id
        # The dock measured the drift before the offload began; nothing adds to it meanwhile.
        self._drifts = ctx.store.readings.drifts(facts.serial)
        self._quarantine = True

    def begin(self) -> None:
        """Called first in each transaction: whether any quarantined content waits for a row
        (only the start-up reconciliation adds any, so a batch need not ask per clip)."""
        self._quarantine = self._ctx.store.alarms.any_open_quarantine()

    def write(
        self, clip: ClipRef, sha256: str, size: int, probed: MediaInfo | None
    ) -> tuple[int, bool]:
        """One clip's row and event (as write_batch); (id, new). In a transaction."""
        return self.write_batch([(clip, sha256, size, probed)])[0]

    def write_batch(self, items: Sequence[ClipToWrite]) -> list[tuple[int, bool]]:
        """Insert (or find) each clip's row and record its event; (id, new) each, in order.
        In the caller's transaction.

        Each clip's event carries its own rows (Art. 12(3)); the job's counters are written
        once, summed, just before the last event, which carries them (DESIGN §5.1): they
        commit with the clips they count, never before. `probed` is None when the clip's row
        existed at probe time; ProbeMissing if it is gone.
        """
        counts = {"new": 0, "existing": 0}
        written = []
        for index, (clip, sha256, size, probed) in enumerate(items):
            clip_id, new, action, detail = self._row(clip, sha256, size, probed)
            counts["new" if new else "existing"] += 1
            if index == len(items) - 1:
                self._ctx.store.jobs.count_clips(self._job_id, self._ctx.clock.now(), counts)
            self._ctx.record(self._actor, action, "clip", str(clip_id), **detail)
            written.append((clip_id, new))
        return written

    def _row(
        self, clip: ClipRef, sha256: str, size: int, probed: MediaInfo | None
    ) -> tuple[int, bool, str, dict[str, object]]:
        """The clip's row, inserted or found: (id, new, and the event to record for it)."""
        ctx, facts, job_id = self._ctx, self._facts, self._job_id
        name = stored_name(clip.name)
        if probed is None:
            existing = ctx.store.clips.find(facts.serial, name, sha256)
            if existing is None:
                raise ProbeMissing(name)
            return existing, False, "clip_seen_again", {"job": job_id}
        # An existing row (another job, or a seen-again clip) is found by the insert itself.
        row = self.new_clip(clip, sha256, size, probed)
        clip_id, new = ctx.store.clips.insert_or_find(row)
        if not new:
            return clip_id, False, "clip_seen_again", {"job": job_id}
        now = ctx.clock.now()
        resolved = self._quarantine and ctx.store.alarms.resolve_quarantine(sha256, clip_id, now)
        return (
            clip_id,
            True,
            "clip_archived",
            {
                "sha256": sha256,
                "size": size,
                "serial": facts.serial,
                "source": name,
                "job": job_id,
                "holder": row.holder_badge,
                "flags": sorted(f.value for f in row.flags),
                "resolved_quarantine": resolved,
            },
        )

    def new_clip(self, clip: ClipRef, sha256: str, size: int, probed: MediaInfo) -> NewClip:
        """The clip's row: what the probe read, attributed to the session and day it was shot."""
        facts = self._facts
        # The recorder's own clock: the file's metadata, else its modified time.
        media = replace(probed, recorded_at=probed.recorded_at or clip.modified_at)
        device_time = media.recorded_at
        recorded = None
        if device_time is not None:
            recorded = corrected_time(device_time, drift_before(self._drifts, device_time))
        session = session_at(facts.sessions, recorded) if recorded else None
        flags = set(media.flags)
        if clip.name in facts.gap_names:
            flags.add(ClipFlag.GAP)
        if facts.foreign:
            flags.add(ClipFlag.FOREIGN_UNIT)
        return NewClip(
            sha256=sha256,
            size=size,
            serial=facts.serial,
            unit_code=facts.unit_code,
            source_name=stored_name(clip.name),
            job_id=self._job_id,
            archived_at=self._ctx.clock.now(),
            recorded_at=recorded,
            day=day_of(recorded, facts.zone) if recorded else "",
            session_id=session.id if session else None,
            holder_badge=session.holder_badge if session else None,
            media=media,
            flags=frozenset(flags),
        )
