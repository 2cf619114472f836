"""Provides the bureau's alarms: a unit whose chain did not extend, a held clip come back
changed (Art. 16(2)); the collector or a bureau head acknowledges each, in the log."""

from __future__ import annotations

from appliance.domain.bureau import BureauAction
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.services.bureau_context import BureauContext
from appliance.store.bureau.repository import BureauAlarm

NOTE_LIMIT = 500


class BureauAlarms:
    """The alarms, and their acknowledgement with a note."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def alarms(self, open_only: bool = True) -> list[BureauAlarm]:
        """The alarms (only those nobody acknowledged), oldest first."""
        return self._ctx.store.alarms(open_only)

    def acknowledge(self, actor: Actor, alarm_id: int, note: str) -> BureauAlarm:
        """Acknowledge an alarm, saying what was done about it (the alarm itself stays)."""
        ctx = self._ctx
        ctx.require(actor, BureauAction.ACKNOWLEDGE_ALARM, "alarm", str(alarm_id))
        with ctx.audited(actor, "alarm_ack", "alarm", str(alarm_id)):
            cleaned = " ".join(note.split())
            if not cleaned or len(cleaned) > NOTE_LIMIT or not cleaned.isprintable():
                raise Refused("bureau.bad_note", limit=NOTE_LIMIT)
            alarm = ctx.store.alarm(alarm_id)
            if alarm is None:
                raise Refused("bureau.unknown_alarm", alarm=alarm_id)
            if alarm.acknowledged_by is not None:
                raise Refused("bureau.alarm_acknowledged", alarm=alarm_id, by=alarm.acknowledged_by)
            with ctx.store.transaction():
                ctx.store.acknowledge(alarm_id, actor.actor_id, ctx.clock.now())
                ctx.record(
                    actor,
                    "alarm_ack",
                    "alarm",
                    str(alarm_id),
                    kind=alarm.kind,
                    unit=alarm.unit,
                    seq=alarm.seq,
                    note=cleaned,
                )
        found = ctx.store.alarm(alarm_id)
        assert found is not None  # noqa: S101 -- just written
        return found
