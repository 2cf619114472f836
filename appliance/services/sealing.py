"""Provides the record of sealing: one audit event with the counts, an alarm when a seal failed.

DESIGN §11: archived files are made immutable where the file system allows. A file that could
be sealed and was not is an alarm for a person; it is never a lost clip (it stays 0440 and
verified). Counts are audited, not one event per file.
"""

from __future__ import annotations

from appliance.domain.records import Actor
from appliance.ports import SealReport
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context


def seal_outcome(report: SealReport) -> str:
    """The event's outcome: failed, unsupported (not sealable here), or ok."""
    if report.failed:
        return "failed"
    if report.unsupported:
        return "unsupported"
    return "ok"


class SealService:
    """Audits what a sealer did, for an offload job or for a sweep of the archive."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def record(
        self,
        actor: Actor,
        object_type: str,
        object_id: str,
        report: SealReport,
        /,
        **detail: object,
    ) -> None:
        """One event with the counts; a failure also raises a warning alarm, in the same commit."""
        with self._ctx.store.transaction():
            self._ctx.record(
                actor,
                "archive_seal",
                object_type,
                object_id,
                seal_outcome(report),
                sealed=report.sealed,
                already=report.already,
                unsupported=report.unsupported,
                failed=report.failed,
                reason=report.reason,
                **detail,
            )
            if report.failed:
                counts = {"failed": report.failed, "reason": report.reason}
                raise_alarm(
                    self._ctx,
                    actor,
                    "warning",
                    "seal_failed",
                    f"{object_type} {object_id}",
                    detail=counts,
                    event=counts,
                )

    def refuse(self, actor: Actor, reason: str) -> None:
        """Audit a sweep that was refused (not root): every refusal is in the log."""
        with self._ctx.store.transaction():
            self._ctx.record(
                actor, "archive_seal", "archive", "sha256", "refused", reason=reason, params={}
            )
