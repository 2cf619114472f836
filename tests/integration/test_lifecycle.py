"""A recorder's whole life at the service level: every edge of the extended table (issue 12).

Art. 5(8), 9: faults and repairs; Art. 10: losses tied to the holder, declared by two people;
DESIGN §6: the two-person rules of declaring lost, retiring and granting a privileged role.
The edges are generated from `domain.custody.TRANSITIONS`, not listed by hand.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import TRANSITIONS, CustodyEvent, RecorderState
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.i18n import explain
from appliance.services.auth import actor_of

Demo = tuple[Services, dict[str, DemoBadge]]
E = CustodyEvent


def who(services: Services, badge: str) -> Actor:
    person = services.registry.person(badge)
    assert person is not None
    return actor_of(person)


@dataclass
class Walk:
    """One home, a fresh recorder per edge, a fresh officer per sign-out."""

    services: Services
    root: Path
    made: itertools.count[int]
    spare: Actor | None = None

    def recorder(self) -> str:
        serial = f"DSJ-W{next(self.made):03d}"
        self.services.registry.add_recorder(who(self.services, "9001"), serial, "Hikvision", "M")
        return serial

    def prepare(self, name: str, serial: str) -> None:
        """What a call needs beforehand, so a refused call is the only thing that happens."""
        if name == "sign_out":
            self.spare = self.officer()
        elif name == "found":
            self.offloaded(serial)

    def officer(self) -> Actor:
        badge = f"7{next(self.made):03d}"
        self.services.registry.add_person(
            who(self.services, "9001"), badge, "W", "officer", "1" * 6
        )
        return who(self.services, badge)

    def offloaded(self, serial: str) -> None:
        """An (empty) offload, as the dock runs it when a found recorder comes back."""
        driver = create_simulator(self.root / serial, serial, "Hikvision", "M")
        self.services.offload.run(driver, serial)

    def state(self, serial: str) -> RecorderState:
        recorder = self.services.registry.recorder(serial)
        assert recorder is not None
        return recorder.state


def _sign_out(w: Walk, serial: str) -> object:
    assert w.spare is not None
    return w.services.custody.sign_out(w.spare, serial, set(ALL_ITEMS))


def _return(w: Walk, serial: str) -> object:
    session = w.services.custody.session_of(serial)
    holder = who(w.services, session.holder_badge) if session else who(w.services, "1001")
    return w.services.custody.return_recorder(holder, serial)


def _fault(w: Walk, serial: str) -> object:
    return w.services.lifecycle.report_fault(who(w.services, "2001"), serial, "lens", "cracked")


def _repaired(w: Walk, serial: str) -> object:
    return w.services.lifecycle.repaired(who(w.services, "2001"), serial, set(ALL_ITEMS))


def _lost(w: Walk, serial: str) -> object:
    head, second = who(w.services, "2001"), who(w.services, "4001")
    return w.services.lifecycle.declare_incident(
        head, serial, "lost", "left on a bus", "negligence", "", second
    )


def _found(w: Walk, serial: str) -> object:
    return w.services.lifecycle.found(who(w.services, "2001"), serial, set(ALL_ITEMS))


def _retire(w: Walk, serial: str) -> object:
    return w.services.lifecycle.retire(who(w.services, "9001"), serial, who(w.services, "2001"))


# Each service call and the events of the table it can take (the fault picks its own).
CALLS: dict[str, tuple[Callable[[Walk, str], object], frozenset[CustodyEvent]]] = {
    "sign_out": (_sign_out, frozenset({E.SIGN_OUT})),
    "return": (_return, frozenset({E.RETURN})),
    "report_fault": (_fault, frozenset({E.RETURN_FAULTY, E.SEND_TO_REPAIR})),
    "repaired": (_repaired, frozenset({E.REPAIRED})),
    "declare_lost": (_lost, frozenset({E.DECLARE_LOST})),
    "found": (_found, frozenset({E.FOUND})),
    "retire": (_retire, frozenset({E.RETIRE})),
}


# How a state is reached from `available` by legal steps: the shortest path in the table.
def _path_to(target: RecorderState) -> list[str]:
    by_event = {event: name for name, (_, events) in CALLS.items() for event in events}
    frontier: list[tuple[RecorderState, list[str]]] = [(RecorderState.AVAILABLE, [])]
    seen = {RecorderState.AVAILABLE}
    while frontier:
        state, path = frontier.pop(0)
        if state is target:
            return path
        for (start, event), end in TRANSITIONS.items():
            if start is state and end not in seen:
                seen.add(end)
                frontier.append((end, [*path, by_event[event]]))
    raise AssertionError(f"{target} cannot be reached")


# Refusals of an illegal step, by call: the custody rules say it in their own words.
_ILLEGAL_REASON = {"sign_out": "recorder_not_available", "return": "recorder_not_signed_out"}
_TABLES = ("recorder", "custody_session", "fault", "incident", "preshift_check")


def _rows(services: Services) -> dict[str, list[tuple[object, ...]]]:
    connection = services.store.database.connection()  # type: ignore[no-untyped-call]
    return {
        table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()  # noqa: S608
        for table in _TABLES
    }


def test_the_calls_cover_every_event_of_the_table() -> None:
    covered = set().union(*(events for _, events in CALLS.values()))
    assert covered == set(CustodyEvent)


def test_every_legal_and_illegal_edge_at_the_service_level(demo: Demo, tmp_path: Path) -> None:
    services, _ = demo
    walk = Walk(services, tmp_path, itertools.count(1))
    legal = illegal = 0
    for state, name in itertools.product(RecorderState, CALLS):
        call, events = CALLS[name]
        serial = walk.recorder()
        for step in _path_to(state):
            walk.prepare(step, serial)
            CALLS[step][0](walk, serial)
        walk.prepare(name, serial)
        assert walk.state(serial) is state
        targets = {TRANSITIONS[(state, e)] for e in events if (state, e) in TRANSITIONS}
        if targets:
            call(walk, serial)
            assert {walk.state(serial)} == targets, (state, name)
            legal += 1
            continue
        before, events_before = _rows(services), services.store.audit_log.count()
        with pytest.raises(Refused) as refused:
            call(walk, serial)
        reason = _ILLEGAL_REASON.get(name, "recorder_step_refused")
        assert refused.value.reason == reason, (state, name, refused.value)
        line = explain(refused.value, "en")
        assert "\n" not in line and "_" not in line, line  # one line, words not identifiers
        assert walk.state(serial) is state and _rows(services) == before
        # Exactly one event: the refusal, carrying no rows.
        assert services.store.audit_log.count() == events_before + 1
        newest = services.store.audit_log.recent(1)[0]
        detail = json.loads(newest.detail_json)
        assert (newest.outcome, detail["reason"], "changes" in detail) == ("refused", reason, False)
        illegal += 1
    assert legal == len(
        {(s, n) for (s, e) in TRANSITIONS for n, (_, ev) in CALLS.items() if e in ev}
    )
    assert legal + illegal == len(RecorderState) * len(CALLS)
    assert services.audit.verify(Actor("test", "system", "DEMO01")).clean


def test_a_fault_returns_the_recorder_and_ties_to_the_session(demo: Demo) -> None:
    """Art. 5(8): the holder reports at once; the recorder leaves the pool with the reason."""
    services, _ = demo
    officer = who(services, "1001")
    session = services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    fault = services.lifecycle.report_fault(officer, "DSJ-A001", "microphone", "no sound")
    assert (fault.session_id, fault.holder_badge, fault.reported_by) == (session.id, "1001", "1001")
    assert services.custody.session_of("DSJ-A001") is None
    assert "DSJ-A001" not in [r.serial for r in services.custody.available(officer)]
    # Another officer may not report for a recorder somebody else holds.
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    with pytest.raises(Refused) as refused:
        services.lifecycle.report_fault(who(services, "1002"), "DSJ-A002", "lens")
    assert refused.value.reason == "not_your_recorder"
    # One clock instant: sessions, then faults, in the order the history reads them.
    kinds = [line.kind for line in services.history.of_recorder("DSJ-A001")]
    assert kinds == ["signed_out", "returned", "fault"]


Refuse = Callable[[Services, Actor | None], object]


def _declare(services: Services, second: Actor | None) -> object:
    return services.lifecycle.declare_incident(
        who(services, "2001"), "DSJ-B001", "lost", "gone", "no_fault", "", second
    )


def _retire_b001(services: Services, second: Actor | None) -> object:
    return services.lifecycle.retire(who(services, "9001"), "DSJ-B001", second)


def _grant(services: Services, second: Actor | None) -> object:
    return services.registry.add_person(
        who(services, "9001"), "2002", "New Head", "unit_head", "2" * 6, second
    )


@pytest.mark.parametrize(
    ("act", "same"),
    [(_declare, "2001"), (_retire_b001, "9001"), (_grant, "9001")],
    ids=["declare_lost", "retire", "grant_role"],
)
def test_the_two_person_rules_refuse_the_wrong_second_person(
    demo: Demo, act: Refuse, same: str
) -> None:
    """DESIGN §6: same person twice, a person without the role, a deactivated person."""
    services, _ = demo
    # A second unit head, then deactivated (with the bureau head confirming): not a second.
    services.registry.add_person(
        who(services, "9001"), "2009", "Gone Head", "unit_head", "9" * 6, who(services, "4001")
    )
    services.personnel.deactivate(who(services, "9001"), "2009", who(services, "4001"))
    for second, reason in (
        (None, "second_person_required"),
        (who(services, same), "confirmer_not_allowed"),
        (who(services, "1002"), "confirmer_not_allowed"),
        (who(services, "2009"), "confirmer_not_allowed"),
    ):
        before = _rows(services)
        with pytest.raises(Refused) as refused:
            act(services, second)
        assert refused.value.reason == reason
        assert _rows(services) == before
        newest = services.store.audit_log.recent(1)[0]
        assert (newest.outcome, json.loads(newest.detail_json)["reason"]) == ("refused", reason)
