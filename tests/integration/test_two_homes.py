"""Two homes open in one process at once: each Services has its own database (STYLE rule 8).

Both are demo homes of the same unit code, with the same badges and serials, so a query
that reached the other home would find rows that look right and give a wrong answer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from appliance.bootstrap import Services
from appliance.demo import make_home
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.store.db import UnboundChange
from appliance.store.models import UnitRow
from tests.conftest import DEMO_PINS

AUDITOR = Actor("test:two-homes", "system", "DEMO01")
CYCLES = 6


def sessions(home: Path) -> list[tuple[str, str, bool]]:
    """(serial, holder, still open) of every custody session, read from the file itself."""
    connection = sqlite3.connect(home / "bwc.db")
    try:
        rows = connection.execute(
            "SELECT serial, holder_badge, ended_at IS NULL FROM custody_session ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return [(str(serial), str(holder), bool(open_)) for serial, holder, open_ in rows]


def sign_out(services: Services, badge: str, serial: str) -> None:
    officer = services.auth.sign_in(badge, DEMO_PINS[badge])
    services.custody.sign_out(officer, serial, set(ALL_ITEMS))


def test_two_homes_interleaved_each_sees_only_its_own_rows(tmp_path: Path) -> None:
    first, _ = make_home(tmp_path / "first", language="en", pins=DEMO_PINS)
    second, _ = make_home(tmp_path / "second", language="en", pins=DEMO_PINS)
    sign_out(first, "1001", "DSJ-A001")
    # In the second home 1001 holds nothing yet: were the query to reach the first home,
    # Art. 10 would refuse this (one recorder per holder).
    sign_out(second, "1001", "DSJ-A002")
    sign_out(first, "1002", "DSJ-A002")
    # DSJ-A001 is free here, though it is signed out in the first home.
    sign_out(second, "1002", "DSJ-A001")
    with pytest.raises(Refused) as refused:
        sign_out(first, "1001", "DSJ-B001")
    assert refused.value.reason == "already_holding"
    assert sessions(first.settings.home) == [("DSJ-A001", "1001", True), ("DSJ-A002", "1002", True)]
    assert sessions(second.settings.home) == [
        ("DSJ-A002", "1001", True),
        ("DSJ-A001", "1002", True),
    ]
    held = (first.custody.session_of("DSJ-A001"), second.custody.session_of("DSJ-A001"))
    assert [s.holder_badge if s else None for s in held] == ["1001", "1002"]
    # The refusal went to the first home's log only.
    refusals = [
        [e.object_id for e in services.store.audit_log.iterate() if e.outcome == "refused"]
        for services in (first, second)
    ]
    assert refusals == [["DSJ-B001"], []]
    for services in (first, second):
        assert services.audit.verify(AUDITOR).clean


def test_two_homes_side_by_side_in_threads_and_one_closed(tmp_path: Path) -> None:
    homes = [make_home(tmp_path / name, language="en", pins=DEMO_PINS)[0] for name in "ab"]
    before = [services.store.audit_log.count() for services in homes]
    errors: list[BaseException] = []

    def shift(services: Services, serial: str) -> None:
        try:
            officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
            for _ in range(CYCLES):
                services.custody.sign_out(officer, serial, set(ALL_ITEMS))
                services.custody.return_recorder(officer, serial)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [
        threading.Thread(target=shift, args=(services, serial))
        for services, serial in zip(homes, ("DSJ-A001", "DSJ-A002"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # One sign-in, then a sign-out and a return per cycle, each in its own home's chain.
    counts = [services.store.audit_log.count() for services in homes]
    assert [after - start for after, start in zip(counts, before, strict=True)] == [
        1 + 2 * CYCLES
    ] * 2
    assert [{serial for serial, _, _ in sessions(s.settings.home)} for s in homes] == [
        {"DSJ-A001"},
        {"DSJ-A002"},
    ]
    homes[0].close()
    assert homes[1].registry.unit().code == "DEMO01"
    for services in homes:
        assert services.audit.verify(AUDITOR).clean


def _changed(services: Services) -> list[object]:
    """The (table, key) pairs the newest event of a home carries (DESIGN §5.1)."""
    [event] = services.store.audit_log.recent(1)
    return [change[:2] for change in json.loads(event.detail_json).get("changes", [])]


def test_the_capture_and_the_commit_guard_are_each_stores_own(tmp_path: Path) -> None:
    first, _ = make_home(tmp_path / "first", language="en", pins=DEMO_PINS)
    second, _ = make_home(tmp_path / "second", language="en", pins=DEMO_PINS)
    # A write left pending on the first home's connection (no transaction yet) ...
    first.store.people.set_pin_state("1001", 2, False)
    # ... never travels in the second home's event, which carries its own row only.
    with second.store.transaction():
        second.store.people.set_pin_state("1002", 1, False)
        second.ctx.record(AUDITOR, "test_write", "person", "1002")
    assert _changed(second) == [["person", ["1002"]]]
    with first.store.transaction():
        first.ctx.record(AUDITOR, "test_write", "person", "1001")
    assert _changed(first) == [["person", ["1001"]]]
    # A change without an event is refused at commit, in that home, and rolled back.
    with pytest.raises(UnboundChange):
        with second.store.transaction():
            second.store.people.set_active("1001", False)
    person = second.registry.person("1001")
    assert person is not None and person.active
    with second.store.transaction():
        second.ctx.record(AUDITOR, "test_write", "unit", "DEMO01")
    assert _changed(second) == []
    for services in (first, second):
        assert services.audit.verify(AUDITOR).clean


def test_a_query_bound_to_no_store_fails_rather_than_guess() -> None:
    with pytest.raises(Exception, match="must be bound to a database"):
        UnitRow.select().first()
