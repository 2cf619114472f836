"""Provides the roles, the actions and the one permission table that maps them (DESIGN §6)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who a person is to the kiosk."""

    OFFICER = "officer"
    UNIT_HEAD = "unit_head"
    INFO_COLLECTOR = "info_collector"
    BUREAU_HEAD = "bureau_head"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Action(StrEnum):
    """What a person may ask the kiosk to do."""

    SIGN_OUT = "sign_out"
    RETURN_OWN = "return_own"
    RETURN_FOR_OTHER = "return_for_other"
    REPORT_FAULT = "report_fault"
    FILE_CLIP = "file_clip"
    FILE_CLIP_FOR_OTHER = "file_clip_for_other"
    VIEW_OWN = "view_own"
    VIEW_UNIT_STATUS = "view_unit_status"
    UNLOCK_BADGE = "unlock_badge"
    UNLOCK_WITH_SECOND = "unlock_with_second"
    SET_HOLD = "set_hold"
    LIFT_HOLD = "lift_hold"
    DECLARE_LOST = "declare_lost"
    MARK_REPAIRED = "mark_repaired"
    RETIRE_DEVICE = "retire_device"
    MANAGE_PEOPLE = "manage_people"
    GRANT_ROLE = "grant_role"
    CONFIRM_GRANT = "confirm_grant"
    DEACTIVATE_PERSON = "deactivate_person"
    RESET_PIN = "reset_pin"
    MANAGE_DEVICES = "manage_devices"
    CHANGE_CONFIG = "change_config"
    REQUEST_DISCLOSURE = "request_disclosure"
    EXPORT_DISCLOSURE = "export_disclosure"
    CLASSIFY_CLIP = "classify_clip"
    APPROVE_DISCLOSURE = "approve_disclosure"
    RECEIVE_HANDOVER = "receive_handover"
    BURN_EVIDENCE = "burn_evidence"
    ACKNOWLEDGE_ALARM = "acknowledge_alarm"
    READ_AUDIT = "read_audit"
    VERIFY_AUDIT = "verify_audit"


_O, _H, _C, _B, _A, _M = (
    Role.OFFICER,
    Role.UNIT_HEAD,
    Role.INFO_COLLECTOR,
    Role.BUREAU_HEAD,
    Role.AUDITOR,
    Role.ADMIN,
)

# The whole table. Admin manages people and devices but can neither approve a disclosure nor
# touch the audit log: separation of duties (DESIGN §6).
PERMISSIONS: dict[Action, frozenset[Role]] = {
    # Art. 5(1): whoever goes on patrol draws a recorder; unit heads patrol too.
    Action.SIGN_OUT: frozenset({_O, _H}),
    Action.RETURN_OWN: frozenset({_O, _H}),
    # Art. 7: the unit head is first responsible for custody, so may close a session for others.
    Action.RETURN_FOR_OTHER: frozenset({_H}),
    # Art. 5(8): a fault is reported at once, by whoever finds it.
    Action.REPORT_FAULT: frozenset({_O, _H}),
    # Art. 8: footage is filed case by case by the officer who holds it.
    Action.FILE_CLIP: frozenset({_O, _H}),
    Action.FILE_CLIP_FOR_OTHER: frozenset({_H}),
    Action.VIEW_OWN: frozenset({_O, _H, _C, _B, _A}),
    # Art. 14: the unit head checks the unit's recorder use daily.
    Action.VIEW_UNIT_STATUS: frozenset({_H, _B, _A}),
    Action.UNLOCK_BADGE: frozenset({_H}),
    # The way back when every unit head is locked out: the admin, with a second person who
    # holds CONFIRM_GRANT (strangers typing wrong PINs must not shut the unit out).
    Action.UNLOCK_WITH_SECOND: frozenset({_M}),
    # Art. 12(3): a complaint or petition keeps footage; whoever takes it in sets the hold.
    Action.SET_HOLD: frozenset({_H, _B, _C}),
    # Two of these lift one, at least one a unit head or the bureau head (domain/holds.py).
    Action.LIFT_HOLD: frozenset({_H, _B, _C}),
    Action.DECLARE_LOST: frozenset({_H}),
    # Art. 7, 9: the unit head, first responsible for the unit's recorders, takes a repaired
    # one back into the pool (after a passing check).
    Action.MARK_REPAIRED: frozenset({_H}),
    # A recorder leaves service for good only by two people: the admin or a unit head, and
    # a second person who holds CONFIRM_GRANT.
    Action.RETIRE_DEVICE: frozenset({_M, _H}),
    Action.MANAGE_PEOPLE: frozenset({_M}),
    # DESIGN §6: the admin proposes a privileged role; a unit head or the bureau head
    # confirms it with their PIN (and is the second person of every act on people).
    Action.GRANT_ROLE: frozenset({_M}),
    Action.CONFIRM_GRANT: frozenset({_H, _B}),
    # Art. 7: the unit head answers for the unit's people as the admin manages them.
    Action.DEACTIVATE_PERSON: frozenset({_M, _H}),
    Action.RESET_PIN: frozenset({_M, _H}),
    Action.MANAGE_DEVICES: frozenset({_M, _H}),
    Action.CHANGE_CONFIG: frozenset({_M}),
    # Art. 11: a bureau head may ask too; another bureau head then decides (Art. 13).
    Action.REQUEST_DISCLOSURE: frozenset({_O, _H, _C, _B}),
    # Art. 13: public use needs the bureau's principal leader.
    Action.APPROVE_DISCLOSURE: frozenset({_B}),
    # Art. 11, 13: an approved disclosure is written out by a privileged person, not an officer.
    Action.EXPORT_DISCLOSURE: frozenset({_H, _C, _B}),
    # Art. 3: the unit head sets a clip's confidentiality class.
    Action.CLASSIFY_CLIP: frozenset({_H}),
    # Art. 12(2): the weekly hand-over goes to the information collector.
    Action.RECEIVE_HANDOVER: frozenset({_C}),
    # Art. 12(4): evidence discs are burned and signed by the officer and the unit leader.
    Action.BURN_EVIDENCE: frozenset({_H, _C}),
    # Art. 14: the unit head corrects what the day shows wrong; IT sees to the box's own
    # alarms (a file system, a seal). Each says what was done.
    Action.ACKNOWLEDGE_ALARM: frozenset({_H, _M}),
    # Art. 15: the accountability and assessment office inspects.
    Action.READ_AUDIT: frozenset({_A, _B}),
    Action.VERIFY_AUDIT: frozenset({_A, _B}),
}

# Roles that only two people together may give (DESIGN §6).
PRIVILEGED_ROLES: frozenset[Role] = frozenset(
    {Role.UNIT_HEAD, Role.INFO_COLLECTOR, Role.BUREAU_HEAD, Role.AUDITOR, Role.ADMIN}
)

# Acts that need a second, different person to approve (DESIGN §6). Deactivating a person
# and resetting a PIN need one too when the person concerned holds a privileged role: taking
# a privileged badge over is worth as much as being given it.
TWO_PERSON_ACTIONS: frozenset[Action] = frozenset(
    {
        Action.APPROVE_DISCLOSURE,
        Action.LIFT_HOLD,
        Action.DECLARE_LOST,
        Action.RETIRE_DEVICE,
        Action.GRANT_ROLE,
        Action.UNLOCK_WITH_SECOND,
    }
)


def is_allowed(role: Role, action: Action) -> bool:
    """Tell whether the role may perform the action."""
    return role in PERMISSIONS[action]
