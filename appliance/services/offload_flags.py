"""Provides the flags and alarms an offload raises beside its clips: foreign, conflict, gaps."""

from __future__ import annotations

from collections.abc import Sequence

from appliance.domain.articles import enforces
from appliance.domain.footage import ArchivedClip, ClipFlag, stored_name
from appliance.domain.gaps import ClipTiming, coverage_gaps
from appliance.domain.records import Actor
from appliance.ports import ClipRef
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context
from appliance.services.ingest import RecorderFacts


@enforces("9")
def flag_foreign(ctx: Context, actor: Actor, job_id: int, facts: RecorderFacts) -> None:
    """Art. 9: a recorder of another unit, or none, is offloaded and flagged to the unit head."""
    unit = facts.unit_code or "unregistered"
    raise_alarm(
        ctx,
        actor,
        "warning",
        "foreign_unit",
        facts.serial,
        detail={"job": job_id, "unit": unit},
        event={"serial": facts.serial, "unit": unit},
    )


def archive_conflict(ctx: Context, actor: Actor, sha256: str, detail: str) -> None:
    """DESIGN §3.2: archived bytes that no longer match their name are a critical alarm."""
    raise_alarm(
        ctx,
        actor,
        "critical",
        "archive_conflict",
        sha256,
        detail={"detail": detail},
        event={"sha256": sha256},
    )


@enforces("5(4)", "16(2)")
def flag_coverage_gaps(
    ctx: Context,
    actor: Actor,
    listed: Sequence[ClipRef],
    committed: dict[str, tuple[int, bool]],
) -> None:
    """Art. 16(2): new clips whose times leave a hole in the recording are flagged `gap`.

    All of a job's gap flags are one transaction: they are found together, after the pass.
    """
    rows = ctx.store.clips.by_ids(clip_id for clip_id, new in committed.values() if new)
    by_name: dict[str, ArchivedClip] = {}
    for clip in listed:
        entry = committed.get(clip.name)
        if entry is None or not entry[1]:
            continue
        row = rows.get(entry[0])
        if row is not None:
            by_name[clip.name] = row
    timings = [
        ClipTiming(name, row.recorded_at, row.media.duration_seconds)
        for name, row in by_name.items()
    ]
    to_flag = [
        (name, by_name[name])
        for name in sorted(coverage_gaps(timings))
        if ClipFlag.GAP not in by_name[name].flags
    ]
    if not to_flag:
        return
    with ctx.store.transaction():
        for name, row in to_flag:
            ctx.store.clips.add_flag(row.id, ClipFlag.GAP)
            ctx.record(
                actor,
                "clip_flagged",
                "clip",
                str(row.id),
                flag="gap",
                source=stored_name(name),
                basis="time_coverage",
            )
