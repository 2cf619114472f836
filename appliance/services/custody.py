"""Provides sign-out and return of recorders: who holds which recorder since when (Art. 10)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from appliance.domain import custody as rules
from appliance.domain.articles import enforces
from appliance.domain.checks import ALL_ITEMS, CheckItem, open_items
from appliance.domain.custody import CustodyEvent, RecorderState
from appliance.domain.errors import Refused
from appliance.domain.records import (
    Actor,
    CustodySession,
    PreshiftCheck,
    Recorder,
    RecorderStatus,
)
from appliance.domain.roles import Action
from appliance.services.context import Context
from appliance.services.selfcheck import SelfCheckService
from appliance.store.recorders import RecorderRepository


@dataclass(frozen=True)
class ChecklistLine:
    """One item of the pre-shift check: measured (True/False) or to be confirmed (None)."""

    item: CheckItem
    measured_ok: bool | None = None
    reading: str = ""
    # What the item needs to pass (e.g. "80%"), shown beside a failed reading (Art. 4).
    threshold: str = ""


class CustodyService:
    """Signs recorders out and back in, under the rules of Art. 4, 9 and 10."""

    def __init__(self, ctx: Context, selfcheck: SelfCheckService) -> None:
        self._ctx = ctx
        self._selfcheck = selfcheck

    def checklist(self, serial: str) -> list[ChecklistLine]:
        """The pre-shift check for a recorder; items no fresh reading covers must be confirmed."""
        measured = {m.item: m for m in self._selfcheck.measured(serial)}
        lines = []
        for item in ALL_ITEMS:
            judged = measured.get(item)
            if judged is None:
                lines.append(ChecklistLine(item))
            else:
                lines.append(ChecklistLine(item, judged.passed, judged.figure, judged.threshold))
        return lines

    def prepare_sign_out(self, actor: Actor, serial: str) -> list[ChecklistLine]:
        """The checklist for a sign-out the rules allow so far; refuses early, before any tick.

        Every rule but the check itself is applied now, so an officer who already holds a
        recorder hears it before checking five items; sign_out applies them all again.
        """
        with self._ctx.audited(actor, "sign_out", "recorder", serial):
            person = self._ctx.store.people.get(actor.actor_id)
            if person is None:
                raise Refused("unknown_badge")
            recorder = _known(self._ctx.store.recorders, serial)
            held = [s.serial for s in self._ctx.store.custody.open_for_holder(person.badge)]
            lines = self.checklist(serial)
            # Art. 4: a failed reading is said now, before any box is ticked; the officer
            # chooses another recorder (or reports a fault) instead of checking in vain.
            home = self._ctx.settings.unit_code
            rules.check_sign_out(person, recorder, held, [], _failed(lines), home)
        return lines

    @enforces("4", "5(1)", "9")
    def sign_out(
        self, actor: Actor, serial: str, confirmed: Collection[CheckItem]
    ) -> CustodySession:
        """Hand a recorder to the signed-in person, or raise Refused and change nothing."""
        with self._ctx.audited(actor, "sign_out", "recorder", serial):
            person = self._ctx.store.people.get(actor.actor_id)
            recorder = self._ctx.store.recorders.get(serial)
            if person is None:
                raise Refused("unknown_badge")
            if recorder is None:
                raise Refused("unknown_recorder", serial=serial)
            lines = self.checklist(serial)
            measured = {ln.item: ln.measured_ok for ln in lines if ln.measured_ok is not None}
            still_open = open_items(measured, confirmed)
            held = [s.serial for s in self._ctx.store.custody.open_for_holder(person.badge)]
            now = self._ctx.clock.now()
            unconfirmed = [i.value for i in still_open if measured.get(i) is None]
            home = self._ctx.settings.unit_code
            rules.check_sign_out(person, recorder, held, unconfirmed, _failed(lines), home)
            new_state = rules.next_state(recorder.state, CustodyEvent.SIGN_OUT)
            items = {item.value: _item_result(item, measured, confirmed) for item in ALL_ITEMS}
            check = PreshiftCheck(serial, person.badge, now, True, items)
            check_id = self._ctx.store.custody.record_check(check)
            if not self._ctx.store.recorders.set_state(serial, recorder.state, new_state):
                raise Refused("recorder_not_available", serial=serial, state="changed")
            session = self._ctx.store.custody.open_session(serial, person.badge, now, check_id)
            self._ctx.record(actor, "sign_out", "recorder", serial, session=session.id, check=items)
            return session

    @enforces("10")
    def return_recorder(self, actor: Actor, serial: str) -> CustodySession:
        """Close the custody session: by the holder, or by a unit head on their behalf (Art. 7)."""
        with self._ctx.audited(actor, "return", "recorder", serial):
            recorder = _known(self._ctx.store.recorders, serial)
            person = self._ctx.store.people.get(actor.actor_id)
            if person is None:
                raise Refused("unknown_badge")
            session = self._ctx.store.custody.open_for_recorder(serial)
            holder = session.holder_badge if session else ""
            used = rules.check_return(person, holder, recorder)
            if session is None:
                raise Refused("recorder_not_signed_out", serial=serial)
            new_state = rules.next_state(recorder.state, CustodyEvent.RETURN)
            now = self._ctx.clock.now()
            self._ctx.store.recorders.set_state(serial, recorder.state, new_state)
            self._ctx.store.custody.close_session(session.id, now, person.badge)
            self._ctx.record(
                actor,
                "return",
                "recorder",
                serial,
                session=session.id,
                holder=holder,
                on_behalf=used is Action.RETURN_FOR_OTHER,
            )
            return CustodySession(
                session.id,
                serial,
                holder,
                session.started_at,
                now,
                person.badge,
                session.check_id,
            )

    def held_by(self, badge: str) -> list[CustodySession]:
        """What a person holds now."""
        return self._ctx.store.custody.open_for_holder(badge)

    def session_of(self, serial: str) -> CustodySession | None:
        """The custody session in force for a recorder."""
        return self._ctx.store.custody.open_for_recorder(serial)

    def unit_status(self, actor: Actor) -> list[RecorderStatus]:
        """Every recorder of this unit with its holder and since when (Art. 7, 14).

        Another unit's recorder is not the unit's to answer for (Art. 9): the alarm raised
        when it docked is where the unit head meets it.
        """
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "unit", actor.unit_code)
        home = self._ctx.settings.unit_code
        return [s for s in self._ctx.store.custody.unit_status() if s.recorder.unit_code == home]

    def available(self, actor: Actor) -> list[Recorder]:
        """The recorders of this unit that can be signed out now (Art. 9: none of another)."""
        home = self._ctx.settings.unit_code
        return [
            r
            for r in self._ctx.store.recorders.all_recorders()
            if r.state is RecorderState.AVAILABLE and r.unit_code == home
        ]


def _failed(lines: list[ChecklistLine]) -> list[rules.FailedReading]:
    """The measured items that failed, each with its reading and threshold."""
    return [
        rules.FailedReading(line.item.value, line.reading, line.threshold)
        for line in lines
        if line.measured_ok is False
    ]


def _known(recorders: RecorderRepository, serial: str) -> Recorder:
    recorder = recorders.get(serial)
    if recorder is None:
        raise Refused("unknown_recorder", serial=serial)
    return recorder


def _item_result(
    item: CheckItem, measured: dict[CheckItem, bool], confirmed: Collection[CheckItem]
) -> str:
    if item in measured:
        return "measured_ok" if measured[item] else "measured_fail"
    return "confirmed" if item in confirmed else "open"
