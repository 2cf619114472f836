"""Provides the role-home tests: every role lands on a home of the acts its permissions allow.

Issue 9 item 3: checked against `domain/roles.py` PERMISSIONS itself; no role meets a dead end
("You hold no recorder." and nothing else): an act a later release brings says so.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.roles import PERMISSIONS, Action, Role
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.home import OPENS, OfficerHomeScreen
from tui.screens.home_menu import HOME_ENTRIES, EntryKind

BADGE_OF_ROLE = {
    Role.OFFICER: "1001",
    Role.UNIT_HEAD: "2001",
    Role.INFO_COLLECTOR: "3001",
    Role.BUREAU_HEAD: "4001",
    Role.AUDITOR: "5001",
    Role.ADMIN: "9001",
}

# What each role's home must offer at least (the list), by entry id.
PROMISED = {
    Role.OFFICER: {"sign-out", "return", "file-clips", "fault"},
    Role.UNIT_HEAD: {"unit", "day", "alarms", "return", "unlock-unit", "holds"},
    Role.INFO_COLLECTOR: {"handover", "holds"},
    Role.BUREAU_HEAD: {"approvals", "day"},
    Role.AUDITOR: {"audit-log", "reports", "day"},
    Role.ADMIN: {"people", "devices"},
}


def permitted_entries(role: Role) -> set[str]:
    """The entries whose actions the permission table gives this role (read directly)."""
    return {
        entry.id
        for entry in HOME_ENTRIES
        if any(role in PERMISSIONS[action] for action in entry.actions)
    }


def test_the_promised_entries_are_permitted_and_every_role_has_some() -> None:
    for role in Role:
        assert PROMISED[role] <= permitted_entries(role), role


@pytest.mark.parametrize("role", list(Role))
async def test_each_role_home_lists_only_what_it_may_do(
    demo: tuple[Services, dict[str, DemoBadge]], role: Role
) -> None:
    services, badges = demo
    badge = BADGE_OF_ROLE[role]
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, badge, badges[badge].pin)
        home = app.screen
        assert isinstance(home, OfficerHomeScreen)
        offered = [button.id for button in home.query("#home-menu Button").results(Button)]
        assert set(offered) == permitted_entries(role)
        assert len(offered) == len(set(offered))
        # No dead end: the first line says what the home is for, not only what is not held.
        holding = shown(app, "#holding")
        if role in PERMISSIONS[Action.SIGN_OUT]:
            assert holding == "You hold no recorder."
        else:
            assert holding and "You hold no recorder." not in holding
        # Focus starts on an entry (Sign out for whoever may), never nowhere.
        assert app.focused is not None and app.focused.id == offered[0]
        for entry in HOME_ENTRIES:
            if entry.id not in offered:
                continue
            await pilot.click(f"#{entry.id}")
            await settle(pilot)
            if entry.kind is EntryKind.SCREEN:
                # A real screen opened above the home; Back returns to it.
                assert app.screen is not home, entry.id
                await pilot.press("escape")
                await settle(pilot)
                assert app.screen is home, entry.id
            else:
                assert app.screen is home
                assert "later release" in notice_text(app), entry.id


def test_every_screen_entry_opens_a_screen_and_no_other_entry_does() -> None:
    """The home's table of screens matches the menu's SCREEN entries, no more, no less."""
    screens = {entry.id for entry in HOME_ENTRIES if entry.kind is EntryKind.SCREEN}
    assert set(OPENS) == screens
