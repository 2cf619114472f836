"""Holds as pure rules: what each scope covers, and the lift rule's whole table (Art. 12(3))."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appliance.domain.errors import BadInput, Refused
from appliance.domain.holds import (
    LIFT_PAIRS,
    HeldClip,
    Hold,
    HoldKind,
    HoldScope,
    HoldTarget,
    check_lift,
    check_target,
    covers,
    holds_covering,
)
from appliance.domain.records import Person
from appliance.domain.roles import Role

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def hold(target: HoldTarget, hold_id: int = 1, lifted: bool = False) -> Hold:
    return Hold(
        hold_id,
        HoldKind.COMPLAINT,
        target,
        "Mr Li complained",
        "2001",
        T0,
        "2001" if lifted else None,
        "4001" if lifted else None,
        T0 + timedelta(days=1) if lifted else None,
    )


def clip(clip_id: int, holder: str | None = "1001", at: datetime = T0, *cases: str) -> HeldClip:
    return HeldClip(clip_id, holder, at, frozenset(cases))


def test_a_hold_on_clips_covers_exactly_those() -> None:
    on = hold(HoldTarget(HoldScope.CLIPS, clip_ids=frozenset({3, 5})))
    assert [c for c in range(1, 7) if covers(on, clip(c))] == [3, 5]


def test_a_hold_on_a_case_covers_clips_filed_there_whenever_they_are_filed() -> None:
    on = hold(HoldTarget(HoldScope.CASE, case_number="ZF-0012"))
    assert not covers(on, clip(1))
    # Filed after the hold was set: the rule is read against the clip as it is now.
    assert covers(on, clip(1, "1001", T0, "ZF-0012"))
    assert covers(on, clip(2, None, T0, "ZF-0001", "ZF-0012"))
    assert not covers(on, clip(3, "1001", T0, "ZF-00120"))


def test_a_hold_on_an_officer_covers_their_footage_in_the_range_only() -> None:
    start, end = T0, T0 + timedelta(days=2)
    on = hold(HoldTarget(HoldScope.OFFICER, officer_badge="1001", start=start, end=end))
    assert covers(on, clip(1, "1001", start))
    assert covers(on, clip(2, "1001", end - timedelta(microseconds=1)))
    assert not covers(on, clip(3, "1001", end))  # the end is excluded
    assert not covers(on, clip(4, "1001", start - timedelta(seconds=1)))
    assert not covers(on, clip(5, "1002", start))
    assert not covers(on, clip(6, None, start))


def test_a_lifted_hold_covers_nothing_and_an_active_one_never_expires() -> None:
    target = HoldTarget(HoldScope.CLIPS, clip_ids=frozenset({1}))
    assert not covers(hold(target, lifted=True), clip(1))
    # No expiry: a clip recorded ten years on is still kept by a hold on it.
    assert covers(hold(target), clip(1, "1001", T0 + timedelta(days=3650)))
    assert holds_covering([hold(target, 2), hold(target, 1), hold(target, 3, True)], clip(1)) == [
        1,
        2,
    ]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        (HoldTarget(HoldScope.CLIPS), "hold_scope_unclear"),
        (HoldTarget(HoldScope.CLIPS, frozenset({1}), "ZF-1"), "hold_scope_unclear"),
        (HoldTarget(HoldScope.CASE), "hold_scope_unclear"),
        (HoldTarget(HoldScope.CASE, case_number="ZF", officer_badge="1"), "hold_scope_unclear"),
        (HoldTarget(HoldScope.OFFICER), "hold_scope_unclear"),
        (HoldTarget(HoldScope.OFFICER, officer_badge="1001", start=T0), "hold_range_needed"),
        (
            HoldTarget(HoldScope.OFFICER, officer_badge="1001", start=T0, end=T0),
            "hold_range_backwards",
        ),
    ],
)
def test_a_target_names_exactly_what_its_scope_needs(target: HoldTarget, reason: str) -> None:
    with pytest.raises(BadInput) as bad:
        check_target(target)
    assert bad.value.reason == reason


def person(badge: str, role: Role, unit: str = "DEMO01", **state: bool) -> Person:
    return Person(badge, f"P{badge}", role, unit, **state)


H, B, C = Role.UNIT_HEAD, Role.BUREAU_HEAD, Role.INFO_COLLECTOR


def test_the_lift_table_is_two_of_head_bureau_collector_with_one_head() -> None:
    # DESIGN §6, §11: written out by hand; a change to the table must be deliberate.
    assert {
        (H, H),
        (H, B),
        (H, C),
        (B, H),
        (B, B),
        (B, C),
        (C, H),
        (C, B),
    } == LIFT_PAIRS


@pytest.mark.parametrize("first", list(Role))
@pytest.mark.parametrize("second", list(Role))
def test_check_lift_follows_the_table_for_every_pair(first: Role, second: Role) -> None:
    one, two = person("1", first), person("2", second)
    if (first, second) in LIFT_PAIRS:
        check_lift(one, "2", two, "DEMO01")
        return
    with pytest.raises(Refused) as refused:
        check_lift(one, "2", two, "DEMO01")
    expected = "hold_lift_needs_head" if second in (H, B, C) else "confirmer_not_allowed"
    assert refused.value.reason == expected


def test_check_lift_refuses_the_same_person_nobody_and_a_second_who_cannot_act() -> None:
    head = person("2001", H)
    for badge, second, reason in (
        (None, None, "second_person_required"),
        ("2001", head, "hold_lift_same_person"),
        ("4001", None, "confirmer_not_allowed"),
        ("4001", person("4001", B, "OTHER"), "confirmer_not_allowed"),
        ("4001", person("4001", B, active=False), "confirmer_not_allowed"),
        ("4001", person("4001", B, locked=True), "confirmer_not_allowed"),
    ):
        with pytest.raises(Refused) as refused:
            check_lift(head, badge, second, "DEMO01")
        assert refused.value.reason == reason
