"""Sign-out and return through the services, on real SQLite (Art. 4, 9, 10)."""

from __future__ import annotations

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from appliance.domain.errors import Refused


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
    assert closed.ended_at is not None and closed.returned_by == "1001"
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
