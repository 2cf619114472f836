"""Every role × class × use against the confidentiality table (Art. 3, DESIGN §10)."""

from __future__ import annotations

import pytest

from appliance.domain.confidentiality import (
    TABLE,
    Classification,
    Use,
    Verdict,
    may_disclose,
    verdict,
)
from appliance.domain.roles import Role

A, R, N, H, X = (
    Verdict.ALLOWED,
    Verdict.RESTRICTED,
    Verdict.IF_NAMED,
    Verdict.HIDDEN,
    Verdict.REFUSED,
)
ROLES = ("officer", "unit_head", "info_collector", "bureau_head", "auditor", "admin")
# Written out by hand from DESIGN §10, one row per class and use, one column per role above.
EXPECTED: dict[tuple[str, str], tuple[Verdict, ...]] = {
    ("normal", "list"): (A, A, A, A, A, A),
    # Listed to officers only as "restricted"; the admin handles devices, not footage.
    ("privacy", "list"): (R, A, A, A, A, R),
    ("trade_secret", "list"): (R, A, A, A, A, R),
    # Shown only to unit head, bureau head and auditor; the custodian counts it unseen.
    ("state_secret", "list"): (H, A, R, A, A, H),
    ("normal", "file"): (A, A, A, A, A, A),
    ("privacy", "file"): (A, A, A, A, A, A),
    ("trade_secret", "file"): (A, A, A, A, A, A),
    ("state_secret", "file"): (X, A, X, A, A, X),
    ("normal", "disclose"): (A, A, A, A, A, A),
    # Only when the approval names the class (Art. 3, 13).
    ("privacy", "disclose"): (N, N, N, N, N, N),
    ("trade_secret", "disclose"): (N, N, N, N, N, N),
    # Never exported by the kiosk.
    ("state_secret", "disclose"): (X, X, X, X, X, X),
    # Art. 12(2): everything goes to the collector, the custodian, whatever its class.
    **{
        (c, "hand_over"): (A, A, A, A, A, A)
        for c in ("normal", "privacy", "trade_secret", "state_secret")
    },  # fmt: skip
}


@pytest.mark.parametrize("use", list(Use))
@pytest.mark.parametrize("cls", list(Classification))
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.article("3")
def test_every_cell(role: Role, cls: Classification, use: Use) -> None:
    assert verdict(role, cls, use) is EXPECTED[(cls.value, use.value)][ROLES.index(role.value)]


def test_the_table_is_complete_and_nothing_else() -> None:
    assert set(TABLE) == {(r, c, u) for r in Role for c in Classification for u in Use}
    assert {r.value for r in Role} == set(ROLES)


@pytest.mark.parametrize(
    ("cls", "named", "allowed"),
    [
        ("normal", (), True),
        ("privacy", (), False),
        ("privacy", ("privacy",), True),
        ("privacy", ("trade_secret",), False),
        ("trade_secret", ("privacy", "trade_secret"), True),
        ("state_secret", ("privacy", "trade_secret", "state_secret"), False),
    ],
)
@pytest.mark.article("3", "13")
def test_an_approval_lets_out_only_the_classes_it_names(
    cls: str, named: tuple[str, ...], allowed: bool
) -> None:
    assert may_disclose(Classification(cls), frozenset(map(Classification, named))) is allowed
