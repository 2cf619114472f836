"""Provides the clearing of a recorder after its offload: DESIGN §4 step 7, one file at a time."""

from __future__ import annotations

from collections.abc import Sequence

from appliance.domain.footage import stored_name
from appliance.domain.lifecycle import ClipEvent, ClipStage, next_clip_stage
from appliance.domain.records import Actor
from appliance.ports import Archive, ClipRef, RecorderDriver
from appliance.services.context import Context


def clear_recorder(
    ctx: Context,
    archive: Archive,
    actor: Actor,
    job_id: int,
    driver: RecorderDriver,
    listed: Sequence[ClipRef],
    committed: dict[str, tuple[int, bool]],
) -> str:
    """Delete every listed clip from the recorder; '' on success, else the reason it stopped.

    DESIGN §3.1: a clip leaves the recorder only when every clip of the recorder has a
    committed row and a file in the archive; each deletion is audited before and after.
    """
    rows = {}
    for clip in listed:
        entry = committed.get(clip.name)
        row = ctx.store.clips.get(entry[0]) if entry else None
        if row is None or not archive.exists(row.sha256):
            return f"clear_refused: {stored_name(clip.name)} is not archived"
        # The table is the rule: only a committed clip may be cleared.
        next_clip_stage(ClipStage.COMMITTED, ClipEvent.CLEAR)
        rows[clip.name] = row
    try:
        on_recorder = {clip.name: clip for clip in driver.clips()}
    except OSError as exc:
        return f"clear_failed: {exc.strerror}"
    for clip in listed:
        now_there = on_recorder.get(clip.name)
        if now_there is None:
            continue
        if (now_there.size, now_there.modified_at) != (clip.size, clip.modified_at):
            # The file changed since it was copied: what would be deleted was never verified.
            return f"source_changed: {stored_name(clip.name)}"
        row = rows[clip.name]
        with ctx.store.transaction():
            ctx.record(
                actor,
                "clip_clear",
                "clip",
                str(row.id),
                "started",
                serial=row.serial,
                source=row.source_name,
                sha256=row.sha256,
            )
        try:
            driver.delete(clip)
        except OSError as exc:
            with ctx.store.transaction():
                ctx.record(
                    actor,
                    "clip_clear",
                    "clip",
                    str(row.id),
                    "failed",
                    serial=row.serial,
                    source=row.source_name,
                    error=str(exc.strerror),
                )
            return f"clear_failed: {exc.strerror}"
        with ctx.store.transaction():
            ctx.store.clips.mark_cleared(row.id, ctx.clock.now())
            ctx.store.jobs.count_clip(job_id, ctx.clock.now(), "cleared")
            ctx.record(
                actor,
                "clip_cleared",
                "clip",
                str(row.id),
                serial=row.serial,
                source=row.source_name,
                sha256=row.sha256,
                job=job_id,
            )
    return ""
