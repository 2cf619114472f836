"""Provides the tests of the kiosk's look-ups (OverviewService) on a real demo home."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.domain.records import Actor

Demo = tuple[Services, dict[str, DemoBadge]]


def signed_in(demo: Demo, badge: str) -> Actor:
    services, badges = demo
    return services.auth.sign_in(badge, badges[badge].pin)


def lock(services: Services, badge: str) -> None:
    """Five wrong PINs (DESIGN §6)."""
    for _ in range(5):
        with pytest.raises(Refused):
            services.auth.sign_in(badge, "000000")


def test_an_officer_may_return_only_what_they_hold(demo: Demo) -> None:
    """Art. 7, 10: the holder returns their own recorder; another officer sees nothing."""
    services, _ = demo
    officer = signed_in(demo, "1001")
    session = services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    [row] = services.overview.returnable(officer)
    assert (row.recorder.serial, row.holder_badge, row.holder_name, row.since) == (
        "DSJ-A001",
        "1001",
        "张伟 Zhang Wei",
        session.started_at,
    )
    assert services.overview.returnable(signed_in(demo, "1002")) == []


def test_a_unit_head_may_return_every_signed_out_recorder(demo: Demo) -> None:
    """Art. 7: the unit head returns on an officer's behalf; available recorders are not listed."""
    services, _ = demo
    services.custody.sign_out(signed_in(demo, "1001"), "DSJ-A001", set(ALL_ITEMS))
    services.custody.sign_out(signed_in(demo, "1002"), "DSJ-B001", set(ALL_ITEMS))
    rows = services.overview.returnable(signed_in(demo, "2001"))
    assert sorted((row.recorder.serial, row.holder_badge) for row in rows) == [
        ("DSJ-A001", "1001"),
        ("DSJ-B001", "1002"),
    ]


def test_locked_badges_for_who_may_unlock_and_a_refusal_for_the_rest(demo: Demo) -> None:
    """DESIGN §6: the unit head and the admin see the locked badges; an officer is refused."""
    services, _ = demo
    lock(services, "1002")
    for badge in ("2001", "9001"):
        assert [p.badge for p in services.overview.locked_badges(signed_in(demo, badge))] == [
            "1002"
        ]
    with pytest.raises(Refused) as refused:
        services.overview.locked_badges(signed_in(demo, "1001"))
    assert refused.value.reason == "permission_denied"
    logged = services.store.audit_log.iterate()
    [denial] = [e for e in logged if e.outcome == "refused" and e.actor == "1001"]
    assert (denial.action, json.loads(denial.detail_json)["reason"]) == (
        "unlock_with_second",
        "permission_denied",
    )


def test_unit_overview_lists_locked_badges_only_for_the_unit_head(demo: Demo) -> None:
    """Art. 14: the bureau head sees the recorders too, but unlocking is the unit head's."""
    services, _ = demo
    lock(services, "1002")
    head = services.overview.unit_overview(signed_in(demo, "2001"))
    # The five of the unit; the demo's recorder of another unit is not the unit's (Art. 9).
    serials = [row.recorder.serial for row in head.rows]
    assert len(serials) == 5 and "DSJ-X001" not in serials
    assert [p.badge for p in head.locked] == ["1002"]
    bureau = services.overview.unit_overview(signed_in(demo, "4001"))
    assert [row.recorder.serial for row in bureau.rows] == serials and bureau.locked == ()
    with pytest.raises(Refused):
        services.overview.unit_overview(signed_in(demo, "1001"))


def test_the_job_of_a_session_is_the_one_begun_after_it(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """Art. 12(1): an offload from before the sign-out carries someone else's shift."""
    services, _ = demo
    card = tmp_path / "card"
    before = services.offload.run(create_simulator(card, "DSJ-A001"), clear=False)
    clock.advance(60)
    session = services.custody.sign_out(signed_in(demo, "1001"), "DSJ-A001", set(ALL_ITEMS))
    assert services.overview.session_job("DSJ-A001", session.started_at) is None
    earlier = before.started_at - timedelta(seconds=1)
    assert services.overview.session_job("DSJ-A001", earlier) is not None
    clock.advance(3600)
    after = services.offload.run(create_simulator(card, "DSJ-A001"), clear=False)
    job = services.overview.session_job("DSJ-A001", session.started_at)
    assert job is not None and job.id == after.id
    assert services.overview.session_job("DSJ-A002", session.started_at) is None


def test_dock_news_names_a_recorder_that_could_not_be_named(
    demo: Demo, clock: SettableClock
) -> None:
    """A docked card without identity fails at once; the waiting officer is told about it."""
    services, _ = demo
    since = clock.now()
    clock.advance(60)
    failed = services.offload.fail_unidentified("USB-1234", "no_identity", "/dev/sdb1")
    news = services.overview.dock_news("DSJ-A001", since, since)
    assert news.progress is None
    assert news.unidentified is not None and news.unidentified.id == failed.id
    clock.advance(1)
    assert services.overview.dock_news("DSJ-A001", since, clock.now()).unidentified is None
