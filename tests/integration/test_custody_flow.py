"""Sign-out and return through the services, on real SQLite (Art. 4, 9, 10)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import timedelta

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from tests.conftest import START


def test_sign_out_then_return(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    session = services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    assert session.holder_badge == "1001"
    assert services.registry.recorder("DSJ-A001").state is RecorderState.SIGNED_OUT  # type: ignore[union-attr]
    clock.advance(8 * 3600)
    closed = services.custody.return_recorder(officer, "DSJ-A001")
    assert (closed.started_at, closed.ended_at) == (START, START + timedelta(hours=8))
    assert (closed.holder_badge, closed.returned_by) == ("1001", "1001")
    assert services.registry.recorder("DSJ-A001").state is RecorderState.AVAILABLE  # type: ignore[union-attr]


def test_refusal_changes_nothing_and_is_audited(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    before = services.store.audit_log.count()
    with pytest.raises(Refused) as refused:
        services.custody.sign_out(officer, "DSJ-A001", set())  # Art. 4: check not done
    assert refused.value.reason == "check_incomplete"
    assert services.registry.recorder("DSJ-A001").state is RecorderState.AVAILABLE  # type: ignore[union-attr]
    assert services.custody.held_by("1001") == []
    newest = services.store.audit_log.recent(1)[0]
    assert services.store.audit_log.count() == before + 1
    assert (newest.action, newest.outcome) == ("sign_out", "refused")


def test_prepare_refuses_before_the_check(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    """Art. 10: an officer who already holds a recorder hears so before ticking any item."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    lines = services.custody.prepare_sign_out(officer, "DSJ-A001")
    assert [line.item for line in lines] == list(ALL_ITEMS)
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    with pytest.raises(Refused) as refused:
        services.custody.prepare_sign_out(officer, "DSJ-A002")
    assert refused.value.reason == "already_holding"
    newest = services.store.audit_log.recent(1)[0]
    assert (newest.action, newest.object_id, newest.outcome) == ("sign_out", "DSJ-A002", "refused")


def _custody_rows(services: Services) -> list[tuple[object, ...]]:
    with sqlite3.connect(services.settings.db_path) as raw:
        recorder = raw.execute("SELECT * FROM recorder WHERE serial = 'DSJ-A001'").fetchall()
        sessions = raw.execute("SELECT * FROM custody_session ORDER BY id").fetchall()
    return recorder + sessions


@pytest.mark.parametrize("state", list(RecorderState))
def test_an_event_the_state_does_not_allow_is_refused_and_changes_nothing(
    demo: tuple[Services, dict[str, DemoBadge]], state: RecorderState
) -> None:
    """STYLE 2 at the service: sign-out only from available, return only from signed out."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    if state is RecorderState.SIGNED_OUT:
        other = services.auth.sign_in("1002", badges["1002"].pin)
        services.custody.sign_out(other, "DSJ-A001", set(ALL_ITEMS))
    elif state is not RecorderState.AVAILABLE:
        # Repair, loss and retirement have no service yet: the row is put there as one would be.
        seed = Actor("test:seed", "system", services.settings.unit_code)
        with services.store.transaction():
            assert services.store.recorders.set_state("DSJ-A001", RecorderState.AVAILABLE, state)
            services.ctx.record(seed, "recorder_state", "recorder", "DSJ-A001", state=state.value)
    attempts: dict[str, tuple[Callable[[], object], RecorderState, str]] = {
        "sign_out": (
            lambda: services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS)),
            RecorderState.AVAILABLE,
            "recorder_not_available",
        ),
        "return": (
            lambda: services.custody.return_recorder(officer, "DSJ-A001"),
            RecorderState.SIGNED_OUT,
            "recorder_not_signed_out",
        ),
    }
    for action, (attempt, legal_from, reason) in attempts.items():
        if state is legal_from:
            continue
        before, count = _custody_rows(services), services.store.audit_log.count()
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.reason == reason, action
        assert _custody_rows(services) == before, action
        assert services.registry.recorder("DSJ-A001").state is state  # type: ignore[union-attr]
        assert services.store.audit_log.count() == count + 1
        event = services.store.audit_log.recent(1)[0]
        assert (event.action, event.object_id, event.outcome) == (action, "DSJ-A001", "refused")
        assert json.loads(event.detail_json)["reason"] == reason
