"""Provides the record of what a recorder's listing passed over: one audit event per job."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from appliance.domain.footage import stored_name
from appliance.domain.records import Actor
from appliance.ports import SkippedEntry
from appliance.services.context import Context

# The event names this many entries; the counts always cover all (a hostile card may hold
# millions of pipes, and one event must stay a readable size).
NAMES_AUDITED = 1000


def record_skipped(
    ctx: Context, actor: Actor, job_id: int, skipped: Sequence[SkippedEntry]
) -> None:
    """Count the skipped entries on the job and audit them, in one transaction.

    DESIGN §3.5: a link, a pipe or a device node on a card is never read, but it is not
    hidden either: the unit head can see what the card held besides footage (Art. 16(2)).
    """
    if not skipped:
        return
    reasons = Counter(entry.reason.value for entry in skipped)
    with ctx.store.transaction():
        ctx.store.jobs.count_clip(job_id, ctx.clock.now(), "skipped", len(skipped))
        ctx.record(
            actor,
            "offload_skipped",
            "offload_job",
            str(job_id),
            count=len(skipped),
            reasons=dict(sorted(reasons.items())),
            entries=[
                {"name": stored_name(entry.name), "reason": entry.reason.value}
                for entry in skipped[:NAMES_AUDITED]
            ],
            names_left_out=max(0, len(skipped) - NAMES_AUDITED),
        )
