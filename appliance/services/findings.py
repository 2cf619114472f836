"""Provides the findings over a window of time: DESIGN §13's rules read over the store's records.

Art. 14 has the unit head check the day; Art. 15 has the audit office inspect a period. Each
record kind is read over the window by one indexed time column (migration 14), and each rule of
domain/findings is applied to what was read: a finding is computed, never typed in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from appliance.config import local_zone
from appliance.domain import findings as rules
from appliance.domain.findings import Finding
from appliance.domain.records import Actor, PreshiftCheck
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.store.timefmt import from_text


@dataclass(frozen=True)
class Window:
    """[start, end) of instants; a day is its local midnight to the next."""

    start: datetime
    end: datetime


class FindingsService:
    """What breaks the rules in a window (Art. 14-16)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def day(self, day: date) -> Window:
        """The local day, midnight to midnight in the unit's zone."""
        zone = local_zone(self._ctx.settings)
        start = datetime.combine(day, time(0), zone)
        return Window(start, datetime.combine(day + timedelta(days=1), time(0), zone))

    def today(self) -> date:
        """The unit's local date now."""
        return self._ctx.clock.now().astimezone(local_zone(self._ctx.settings)).date()

    def between(self, actor: Actor, window: Window) -> list[Finding]:
        """Every finding of the window, in time order (then kind)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "findings", _ident(window))
        return self.compute(window)

    def compute(self, window: Window) -> list[Finding]:
        """Every finding of the window, for a service that checked the reader already (or
        the console, whose user holds the files: DESIGN §6)."""
        store, start, end = self._ctx.store, window.start, window.end
        now = self._ctx.clock.now()
        sessions = store.custody.sessions_started(start, end)
        carried = store.clips.of_sessions(s.id for s in sessions)
        archived = store.clips.archived_between(start, end)
        found = [
            *rules.no_footage(sessions, carried),
            *rules.gaps(archived),
            *rules.late(sessions, carried, now, local_zone(self._ctx.settings)),
            *rules.no_audio(archived),
            *rules.unfiled(archived, now),
            *rules.from_alarms(store.alarms.raised_between(start, end)),
            *rules.quarantined(store.alarms.quarantined_between(start, end)),
            *rules.checks(sessions, self._failed_checks(window)),
            *rules.faults_and_losses(
                store.lifecycle.faults_between(start, end),
                store.lifecycle.incidents_between(start, end),
            ),
            *rules.releases(
                store.releases.exported_between(start, end), store.discs.made_between(start, end)
            ),
        ]
        return sorted(found, key=lambda f: (f.at, f.kind.value, f.subject))

    def _failed_checks(self, window: Window) -> list[PreshiftCheck]:
        """Art. 4: the checks that failed. A failed reading refuses the sign-out, and a
        refusal changes nothing (DESIGN §5): what is left of it is its audit event, whose
        parameters name the failed items; a check recorded as failed counts as well."""
        store = self._ctx.store
        found = store.custody.failed_checks(window.start, window.end)
        for event in store.audit_log.refused_between("sign_out", window.start, window.end):
            detail = json.loads(event.detail_json)
            if not isinstance(detail, dict) or detail.get("reason") != "reading_failed":
                continue
            params = detail.get("params") if isinstance(detail.get("params"), dict) else {}
            items = str(params.get("items", "")) if params else ""
            found.append(
                PreshiftCheck(
                    event.object_id,
                    event.actor,
                    from_text(event.at),
                    False,
                    {item: "failed" for item in items.split(";") if item},
                    event.seq,
                )
            )
        return found


def _ident(window: Window) -> str:
    return f"{window.start.isoformat()}/{window.end.isoformat()}"
