"""Provides the unit head's view of alarms and quarantined content (Art. 7, 14)."""

from __future__ import annotations

from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.store import alarms
from appliance.store.alarms import Alarm, Quarantined


class AlarmService:
    """What needs a person: foreign recorders, missing or changed files, orphan content."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def open_alarms(self, actor: Actor, kind: str | None = None) -> list[Alarm]:
        """Unacknowledged alarms, oldest first; for those who check the unit daily (Art. 14)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "alarm", kind or "*")
        return alarms.open_alarms(kind)

    def quarantined(self, actor: Actor) -> list[Quarantined]:
        """Content found without a clip row, held for review (DESIGN §4)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "quarantine", "*")
        return alarms.quarantined()
