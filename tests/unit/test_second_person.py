"""The two-person rule for acts on people, as a pure rule (DESIGN §6)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from appliance.domain.errors import Refused
from appliance.domain.records import Person
from appliance.domain.roles import Role
from appliance.domain.second_person import (
    check_second_person,
    grant_is_bootstrap,
    needs_second_person,
)

HEAD = Person("2001", "Li", Role.UNIT_HEAD, "U01")
BUREAU = Person("4001", "Chen", Role.BUREAU_HEAD, "U01")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_but_officer_takes_two(role: Role) -> None:
    assert needs_second_person(role) is (role is not Role.OFFICER)


def test_only_the_first_unit_head_given_alone_is_the_bootstrap() -> None:
    assert grant_is_bootstrap(Role.UNIT_HEAD, has_confirmer=False, unit_has_head=False)
    assert not grant_is_bootstrap(Role.UNIT_HEAD, has_confirmer=False, unit_has_head=True)
    assert not grant_is_bootstrap(Role.UNIT_HEAD, has_confirmer=True, unit_has_head=False)
    assert not grant_is_bootstrap(Role.ADMIN, has_confirmer=False, unit_has_head=False)


def test_a_unit_head_or_the_bureau_head_of_the_unit_confirms() -> None:
    check_second_person("2001", HEAD, "U01", {"9001", "3001"})
    check_second_person("4001", BUREAU, "U01", {"9001", "3001"})


def test_nobody_is_no_second_person() -> None:
    with pytest.raises(Refused) as refused:
        check_second_person(None, None, "U01", {"9001"})
    assert refused.value.reason == "second_person_required"


@pytest.mark.parametrize(
    ("badge", "second", "excluded"),
    [
        ("1001", Person("1001", "Zhang", Role.OFFICER, "U01"), {"9001"}),
        ("9002", Person("9002", "Sun", Role.ADMIN, "U01"), {"9001"}),
        ("5001", Person("5001", "Zhao", Role.AUDITOR, "U01"), {"9001"}),
        ("2001", replace(HEAD, unit_code="U02"), {"9001"}),
        ("2001", replace(HEAD, active=False), {"9001"}),
        ("2001", replace(HEAD, locked=True), {"9001"}),
        ("2001", HEAD, {"9001", "2001"}),  # the person concerned confirms for themselves
        ("2001", HEAD, {"2001"}),  # the one asking confirms their own request
        ("2009", None, {"9001"}),  # an unknown badge
    ],
    ids=[
        "officer",
        "admin",
        "auditor",
        "other-unit",
        "inactive",
        "locked",
        "concerned",
        "asker",
        "unknown",
    ],
)
def test_anyone_else_cannot_confirm(badge: str, second: Person | None, excluded: set[str]) -> None:
    with pytest.raises(Refused) as refused:
        check_second_person(badge, second, "U01", excluded)
    assert (refused.value.reason, refused.value.params) == (
        "confirmer_not_allowed",
        {"badge": badge},
    )
