"""Provides the home menu's entries: what each role can do at the kiosk, from the permissions.

One table, so the test can check every role's home against `domain/roles.py` PERMISSIONS: an
entry is offered when the person's role allows any of its actions. Acts that later releases
bring to the kiosk are entries already, so no role meets a dead end; pressing one says when.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.context import allowed


class EntryKind(StrEnum):
    """What pressing an entry does."""

    # Opens its screen.
    SCREEN = "screen"
    # Says that the act arrives at the kiosk with a later release (and what to do meanwhile).
    LATER = "later"


@dataclass(frozen=True)
class HomeEntry:
    """One button of the home menu."""

    id: str
    label_key: str
    # Offered when the role allows any of these (DESIGN §6).
    actions: tuple[Action, ...]
    kind: EntryKind = EntryKind.SCREEN
    # The sentence a LATER entry shows when pressed.
    says_key: str = ""

    def offered_to(self, actor: Actor) -> bool:
        """Whether the actor's role allows any of the entry's actions."""
        return any(allowed(actor, action) for action in self.actions)


HOME_ENTRIES: tuple[HomeEntry, ...] = (
    HomeEntry("sign-out", "ui.home.sign_out", (Action.SIGN_OUT,)),
    HomeEntry("return", "ui.home.return", (Action.RETURN_OWN, Action.RETURN_FOR_OTHER)),
    HomeEntry("file-clips", "ui.home.file", (Action.FILE_CLIP,)),
    # Art. 5(8): a fault is reported at once, by whoever finds it.
    HomeEntry("fault", "ui.home.fault", (Action.REPORT_FAULT,)),
    # Art. 10: a loss or damage, declared by the unit head with a second person.
    HomeEntry("loss", "ui.home.loss", (Action.DECLARE_LOST,)),
    HomeEntry("unit", "ui.home.unit", (Action.VIEW_UNIT_STATUS,)),
    # Art. 14: the unit head checks the day daily: findings with their next step.
    HomeEntry("day", "ui.home.day", (Action.VIEW_UNIT_STATUS,)),
    # Art. 7: the unit head unlocks alone, from the unit screen's list of locked badges.
    HomeEntry("unlock-unit", "ui.home.unlock", (Action.UNLOCK_BADGE,)),
    # DESIGN §6: the admin's way back, with a second person.
    HomeEntry("unlock-badge", "ui.home.unlock", (Action.UNLOCK_WITH_SECOND,)),
    # Art. 14: what waits for a person, acknowledged with a note of what was done.
    HomeEntry("alarms", "ui.home.alarms", (Action.ACKNOWLEDGE_ALARM,)),
    # Art. 12(3): a complaint or petition keeps footage; two people lift a hold.
    HomeEntry("holds", "ui.home.holds", (Action.SET_HOLD, Action.LIFT_HOLD)),
    # Art. 3: the unit head sets clips' confidentiality classes.
    HomeEntry("classify", "ui.home.classify", (Action.CLASSIFY_CLIP,)),
    # Art. 12(4): footage used as evidence is burned to disc with its record form.
    HomeEntry("disc", "ui.home.disc", (Action.BURN_EVIDENCE,)),
    # Art. 12(2): the information collector's weekly hand-over, on the registered drive.
    HomeEntry("handover", "ui.home.handover", (Action.RECEIVE_HANDOVER,)),
    # Art. 11: an officer (for their own clips), a unit head or bureau head asks for one.
    HomeEntry("ask-disclosure", "ui.home.ask_disclosure", (Action.REQUEST_DISCLOSURE,)),
    # Art. 11, 13: the bureau head decides disclosure requests at the kiosk.
    HomeEntry("approvals", "ui.home.approvals", (Action.APPROVE_DISCLOSURE,)),
    # Art. 11, 13: an approved request is exported once, onto the unit's registered drive.
    HomeEntry("export-disclosure", "ui.home.export_disclosure", (Action.EXPORT_DISCLOSURE,)),
    # Art. 15: the audit office reads the log, with filters; each read is audited.
    HomeEntry("audit-log", "ui.home.audit_log", (Action.READ_AUDIT,)),
    # Art. 15, 16: the audit office's period, its findings counted and charted.
    HomeEntry("reports", "ui.home.reports", (Action.READ_AUDIT,)),
    HomeEntry("people", "ui.home.people", (Action.MANAGE_PEOPLE,)),
    # DESIGN §6: the admin registers and retires recorders (retiring takes two people).
    HomeEntry("devices", "ui.home.devices", (Action.MANAGE_DEVICES,)),
)


def entries_for(actor: Actor) -> list[HomeEntry]:
    """The entries the actor's home offers, in menu order."""
    return [entry for entry in HOME_ENTRIES if entry.offered_to(actor)]
