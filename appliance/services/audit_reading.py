"""Provides the auditor's reading of the log: events by time, person and outcome (Art. 15).

The audit office inspects the unit's use of its recorders; a bureau head may read too. Every
read is itself an event (DESIGN §8, `bwc audit log`): who read which part, and when.
"""

from __future__ import annotations

from appliance.domain.audit import LOG_LIMIT_MAX, AuditEvent, LogQuery
from appliance.domain.errors import BadInput
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.store.timefmt import to_text


class AuditReading:
    """The log as the audit office reads it, newest first; each read audited."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def log(self, actor: Actor, query: LogQuery) -> list[AuditEvent]:
        """The newest `query.limit` events that match, newest first (the read itself first)."""
        self._ctx.require(actor, Action.READ_AUDIT, "audit_log", "")
        if not 1 <= query.limit <= LOG_LIMIT_MAX:
            raise BadInput("audit_log.bad_limit", limit=LOG_LIMIT_MAX)
        if query.since is not None and query.until is not None and query.since >= query.until:
            raise BadInput("audit_log.bad_range")
        since = to_text(query.since) if query.since is not None else None
        until = to_text(query.until) if query.until is not None else None
        with self._ctx.store.transaction():
            # Recorded before the read: the read is in what it shows, as in the log.
            self._ctx.record(
                actor,
                "audit_log_read",
                "audit_log",
                "",
                since=since or "",
                until=until or "",
                of=query.actor or "",
                refused_only=query.refused_only,
                limit=query.limit,
            )
        return self._ctx.store.audit_log.search(
            since, until, query.actor, query.refused_only, query.limit
        )
