"""The retention rule as a pure function: each condition, the floor, shared contents, the clock.

Invariant 4, DESIGN §11, Art. 12(3).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appliance.domain.holds import HeldClip, Hold, HoldKind, HoldScope, HoldTarget
from appliance.domain.retention import (
    ClockFault,
    RetentionClip,
    Verdict,
    check_clock,
    judge,
)

NOW = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)


def clip(
    clip_id: int,
    age_days: float,
    *,
    sha: str = "",
    handed: bool = True,
    evidence: bool = False,
    tombstoned: bool = False,
    cases: frozenset[str] = frozenset(),
) -> RetentionClip:
    archived = NOW - timedelta(days=age_days)
    return RetentionClip(
        clip_id, sha or f"{clip_id:064x}", 100, archived,
        HeldClip(clip_id, "1001", archived, cases), handed, evidence, tombstoned,
    )  # fmt: skip


def verdicts(
    clips: list[RetentionClip], holds: tuple[Hold, ...] = (), days: int = 180
) -> list[str]:
    plan = judge(clips, holds, days, NOW, NOW - timedelta(hours=1), 31)
    return [j.verdict.value for j in plan.judgements]


@pytest.mark.article("12(3)")
def test_each_condition_keeps_a_clip_and_only_all_together_let_it_go() -> None:
    case_hold = Hold(1, HoldKind.COMPLAINT, HoldTarget(HoldScope.CASE, case_number="C"), "n",
                     "2001", NOW)  # fmt: skip
    assert verdicts(
        [
            clip(1, 181),
            clip(2, 179),
            clip(3, 181, handed=False),
            clip(4, 181, evidence=True),
            clip(5, 181, cases=frozenset({"C"})),
            clip(6, 181, tombstoned=True),
        ],
        (case_hold,),
    ) == [
        "retention_expired", "too_young", "not_handed_over", "evidence", "held", "deleted",
    ]  # fmt: skip


@pytest.mark.article("12(3)")
def test_the_period_is_never_below_ninety_days_and_ends_exactly() -> None:
    # Art. 12(3): at least three months, whatever the configuration says.
    assert verdicts([clip(1, 89.99), clip(2, 90)], days=30) == ["too_young", "retention_expired"]
    assert verdicts([clip(1, 180 - 1e-6), clip(2, 180)]) == ["too_young", "retention_expired"]
    plan = judge([clip(1, 200)], [], 30, NOW, None, 31)
    assert plan.days == 90 and plan.judgements[0].inputs["days"] == 90


def test_a_shared_content_goes_only_when_every_clip_holding_it_may_go() -> None:
    shared = "ab" * 32
    assert verdicts([clip(1, 200, sha=shared), clip(2, 10, sha=shared)]) == [
        "content_kept_for_another_clip",
        "too_young",
    ]
    plan = judge([clip(1, 200, sha=shared), clip(2, 300, sha=shared)], [], 180, NOW, None, 31)
    assert list(plan.eligible_contents()) == [shared]
    assert [j.clip_id for j in plan.eligible_contents()[shared]] == [1, 2]


@pytest.mark.parametrize(
    ("now", "fault"),
    [
        (NOW - timedelta(microseconds=1), ClockFault.BEHIND),
        (NOW - timedelta(days=3652), ClockFault.BEHIND),
        (NOW, None),
        (NOW + timedelta(days=31), None),
        (NOW + timedelta(days=31, microseconds=1), ClockFault.LEAP),
        (NOW + timedelta(days=3652), ClockFault.LEAP),
    ],
)
def test_the_clock_is_trusted_only_from_the_newest_event_to_the_leap(
    now: datetime, fault: ClockFault | None
) -> None:
    check = check_clock(now, NOW, 31)
    assert check.fault is fault
    plan = judge([clip(1, 3000)], [], 180, now, NOW, 31)
    # An untrusted clock makes nothing eligible, whatever the clips (DESIGN §11).
    assert [j.clip_id for j in plan.eligible] == ([] if fault else [1])


def test_a_home_with_no_event_yet_trusts_its_clock() -> None:
    assert check_clock(NOW, None, 31).trusted
    assert judge([], [], 180, NOW, None, 31).eligible == ()
    assert Verdict.EXPIRED.value == "retention_expired"
