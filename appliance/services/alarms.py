"""Provides alarms: raising one with its audit event, and the unit head's view (Art. 7, 14)."""

from __future__ import annotations

from collections.abc import Mapping

from appliance.domain.alarms import Alarm, Quarantined
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.context import Context


def raise_alarm(
    ctx: Context,
    actor: Actor,
    severity: str,
    kind: str,
    subject: str,
    /,
    *,
    detail: Mapping[str, object] | None = None,
    event: Mapping[str, object] | None = None,
) -> int:
    """Store an alarm and its `alarm_raised` event in one transaction (the caller's, if open).

    `detail` is kept on the alarm for the person who reads it; `event` is what the audit
    event says besides the kind (DESIGN §3.3: the alarm and its event commit together).
    """
    with ctx.store.transaction():
        alarm_id = ctx.store.alarms.raise_alarm(
            ctx.clock.now(), severity, kind, subject, **dict(detail or {})
        )
        ctx.record(actor, "alarm_raised", "alarm", str(alarm_id), kind=kind, **dict(event or {}))
    return alarm_id


class AlarmService:
    """What needs a person: foreign recorders, missing or changed files, orphan content."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def open_alarms(self, actor: Actor, kind: str | None = None) -> list[Alarm]:
        """Unacknowledged alarms, oldest first; for those who check the unit daily (Art. 14)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "alarm", kind or "*")
        return self._ctx.store.alarms.open_alarms(kind)

    def quarantined(self, actor: Actor) -> list[Quarantined]:
        """Content found without a clip row, held for review (DESIGN §4)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "quarantine", "*")
        return self._ctx.store.alarms.quarantined()
