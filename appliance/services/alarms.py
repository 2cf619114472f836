"""Provides alarms: raising one with its audit event, and the unit head's view (Art. 7, 14)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from appliance.domain.alarms import NOTE_LIMIT, Alarm, Quarantined
from appliance.domain.disclosure import check_text
from appliance.domain.errors import Refused
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

    def listing(self, everything: bool = False, limit: int = 200) -> list[Alarm]:
        """The open alarms, oldest first; or the newest `limit` of all, newest first.

        What an alarm is about is no secret at the box (the idle board counts them for
        everyone); seeing to one is the unit head's or IT's act (acknowledge).
        """
        if everything:
            return self._ctx.store.alarms.alarms(limit)
        return self._ctx.store.alarms.open_alarms()[:limit]

    def acknowledge(self, actor: Actor, alarm_id: int, note: str) -> Alarm:
        """Art. 14: the alarm seen to, by whom, when and how (the note); once per alarm."""
        ident = str(alarm_id)
        self._ctx.require(actor, Action.ACKNOWLEDGE_ALARM, "alarm", ident)
        with self._ctx.audited(actor, "alarm_acknowledged", "alarm", ident):
            said = check_text(note, NOTE_LIMIT, "alarm.bad_note")
            alarm = self._ctx.store.alarms.alarm(alarm_id)
            if alarm is None:
                raise Refused("alarm.unknown", alarm=alarm_id)
            if alarm.acknowledged_at is not None:
                raise Refused(
                    "alarm.already_acknowledged",
                    alarm=alarm_id,
                    by=alarm.acknowledged_by or "",
                    at=alarm.acknowledged_at.isoformat(timespec="minutes"),
                )
            now = self._ctx.clock.now()
            self._ctx.store.alarms.acknowledge(alarm_id, actor.actor_id, now, said)
            self._ctx.record(
                actor, "alarm_acknowledged", "alarm", ident, kind=alarm.kind, note=said
            )
        return replace(alarm, acknowledged_at=now, acknowledged_by=actor.actor_id, note=said)

    def quarantined(self, actor: Actor) -> list[Quarantined]:
        """Content found without a clip row, held for review (DESIGN §4)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "quarantine", "*")
        return self._ctx.store.alarms.quarantined()
