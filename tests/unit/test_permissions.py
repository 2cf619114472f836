"""The whole permission matrix of DESIGN §6, cell by cell."""

from __future__ import annotations

import pytest

from appliance.domain.roles import (
    PERMISSIONS,
    PRIVILEGED_ROLES,
    TWO_PERSON_ACTIONS,
    Action,
    Role,
    is_allowed,
)

OF, H, C, B, A, M = "officer", "unit_head", "info_collector", "bureau_head", "auditor", "admin"

# Written out independently of the table under test: a change to either must be deliberate.
EXPECTED: dict[str, set[str]] = {
    "sign_out": {OF, H},
    "return_own": {OF, H},
    "return_for_other": {H},
    "report_fault": {OF, H},
    "file_clip": {OF, H},
    "file_clip_for_other": {H},
    "view_own": {OF, H, C, B, A},
    "view_unit_status": {H, B, A},
    "unlock_badge": {H},
    "unlock_with_second": {M},
    # Art. 12(3): one person sets a hold; two lift it, one a unit or bureau head.
    "set_hold": {H, B, C},
    "lift_hold": {H, B, C},
    "declare_lost": {H},
    "mark_repaired": {H},
    "retire_device": {M, H},
    "manage_people": {M},
    "grant_role": {M},
    "confirm_grant": {H, B},
    "deactivate_person": {M, H},
    "reset_pin": {M, H},
    "manage_devices": {M, H},
    "change_config": {M},
    "request_disclosure": {OF, H, C, B},
    # Art. 11, 13: the approved export is written by a privileged person; Art. 3: classes.
    "export_disclosure": {H, C, B},
    "classify_clip": {H},
    "approve_disclosure": {B},
    "receive_handover": {C},
    "burn_evidence": {H, C},
    # Art. 14: the unit head, and IT for the box's own alarms.
    "acknowledge_alarm": {H, M},
    "read_audit": {A, B},
    "verify_audit": {A, B},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_every_cell(role: Role, action: Action) -> None:
    assert is_allowed(role, action) is (role.value in EXPECTED[action.value])


def test_table_covers_every_action() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert set(EXPECTED) == {a.value for a in Action}


def test_separation_of_duties() -> None:
    # DESIGN §6: admin neither approves disclosures nor touches the audit log.
    for action in (Action.APPROVE_DISCLOSURE, Action.READ_AUDIT, Action.VERIFY_AUDIT):
        assert not is_allowed(Role.ADMIN, action)
    # Art. 13: only the bureau's principal leader approves public use.
    assert PERMISSIONS[Action.APPROVE_DISCLOSURE] == {Role.BUREAU_HEAD}
    assert {
        Action.APPROVE_DISCLOSURE,
        Action.LIFT_HOLD,
        Action.DECLARE_LOST,
        Action.RETIRE_DEVICE,
        Action.GRANT_ROLE,
        Action.UNLOCK_WITH_SECOND,
    } == TWO_PERSON_ACTIONS


def test_the_proposer_and_the_confirmer_are_never_the_same_role() -> None:
    """DESIGN §6: the admin proposes, a unit head or the bureau head confirms: two people."""
    proposers = PERMISSIONS[Action.GRANT_ROLE] | PERMISSIONS[Action.UNLOCK_WITH_SECOND]
    assert not proposers & PERMISSIONS[Action.CONFIRM_GRANT]
    assert PRIVILEGED_ROLES == set(Role) - {Role.OFFICER}
