"""Provides the Pilot tests of the way back from a lock-out: admin plus a second person (§6)."""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.errors import Refused
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tests.tui.test_sign_in import paste_scan
from tui.app import KioskApp, create_app
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.unlock import UnlockScreen

WRONG_PIN = "999999"
CANNOT_CONFIRM = (
    "Badge {badge} cannot confirm this: the second person is an active unit head or bureau"
    " head of this unit, neither the one asking nor the person concerned."
)


def unlock_events(services: Services) -> list[tuple[str, str, dict[str, object]]]:
    """Every unlock_badge event: (actor, outcome, detail)."""
    return [
        (event.actor, event.outcome, json.loads(event.detail_json))
        for event in services.store.audit_log.iterate()
        if event.action == "unlock_badge"
    ]


def on_top(app: KioskApp) -> object:
    """The screen on top now."""
    return app.screen


def locked(services: Services, badge: str) -> bool:
    person = services.registry.person(badge)
    assert person is not None
    return person.locked


async def confirm_as(pilot: Pilot[None], badge: str, pin: str) -> None:
    """The second person scans their badge (Enter moves on) and types their PIN."""
    await scan(pilot, badge)
    await scan(pilot, pin)


async def test_admin_and_bureau_head_unlock_the_only_unit_head(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Five wrong PINs lock the only unit head; the admin, with the bureau head, lifts it."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        # A stranger at the kiosk types wrong PINs at the unit head's badge.
        await scan(pilot, "2001")
        for _ in range(5):
            await scan(pilot, WRONG_PIN)
        assert locked(services, "2001")
        await pilot.click("#cancel")
        await settle(pilot)

        await sign_in(pilot, "9001", badges["9001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#unlock-badge")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        options = screen.query_one("#unlock-locked", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == ["2001"]
        await scan(pilot, "2001")
        dialog = app.screen
        assert isinstance(dialog, SecondPersonDialog)
        assert "Unlock badge 2001" in dialog.title_line

        # The admin cannot be their own second person, nor can an officer.
        for badge in ("9001", "1001"):
            await confirm_as(pilot, badge, badges[badge].pin)
            assert app.screen is dialog
            assert notice_text(app) == CANNOT_CONFIRM.format(badge=badge)
            assert dialog.query_one("#second-badge", Input).value == ""
        # The locked unit head cannot confirm their own unlock either.
        await confirm_as(pilot, "2001", badges["2001"].pin)
        assert notice_text(app) == (
            "Badge 2001 is locked after too many wrong PINs; a unit head must unlock it."
        )
        # A wrong PIN from the bureau head: one line, the dialog stays for the right one.
        await confirm_as(pilot, "4001", WRONG_PIN)
        assert app.screen is dialog
        assert notice_text(app) == "Wrong PIN. 4 tries left before the badge is locked."
        assert dialog.query_one("#second-pin", Input).value == ""
        assert locked(services, "2001")

        await scan(pilot, badges["4001"].pin)
        assert on_top(app) is screen  # mypy keeps app.screen narrowed to the dialog
        assert notice_text(app) == "Badge 2001 unlocked, confirmed by 陈静 Chen Jing."
        assert not locked(services, "2001")
        assert options.get_option_at_index(0).id is None  # "No badge is locked."

        # The head can sign in again.
        app.sign_off("user")
        await settle(pilot)
        await sign_in(pilot, "2001", badges["2001"].pin)
        assert app.actor is not None and app.actor.actor_id == "2001"

    refusals = [(a, o, d["reason"]) for a, o, d in unlock_events(services) if o == "refused"]
    assert refusals == [("9001", "refused", "confirmer_not_allowed")] * 2
    [(actor, outcome, detail)] = [e for e in unlock_events(services) if e[1] == "ok"]
    assert (actor, detail["by_name"], detail["confirmed_by"], detail["confirmer_name"]) == (
        "9001",
        "孙磊 Sun Lei",
        "4001",
        "陈静 Chen Jing",
    )
    wrong = [
        json.loads(e.detail_json)
        for e in services.store.audit_log.iterate()
        if e.action == "sign_in" and e.object_id == "4001" and e.outcome == "refused"
    ]
    assert [w["reason"] for w in wrong] == ["wrong_pin"]


async def test_cancel_and_a_badge_that_is_not_locked(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Cancel unlocks nothing; a badge that is not locked is said so before anyone confirms."""
    services, badges = demo
    for _ in range(5):
        with pytest.raises(Refused):
            services.auth.sign_in("1002", WRONG_PIN)
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "9001", badges["9001"].pin)
        await pilot.click("#unlock-badge")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        await scan(pilot, "1001")
        assert app.screen is screen
        assert notice_text(app) == "Badge 1001 is not locked."
        await paste_scan(pilot, "10\x1b[2J02")
        assert notice_text(app) == "Not a valid code."

        options = screen.query_one("#unlock-locked", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SecondPersonDialog)
        await pilot.click("#cancel")
        await settle(pilot)
        assert app.screen is screen
        assert locked(services, "1002")
    assert unlock_events(services) == []


async def test_only_the_admin_is_offered_the_unlock_with_a_second_person(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """The permission table decides the menu: officers and heads have no such button."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        for badge in ("1001", "2001", "4001"):
            await sign_in(pilot, badge, badges[badge].pin)
            assert isinstance(app.screen, OfficerHomeScreen)
            assert not app.screen.query("#unlock-badge")
            app.sign_off("user")
            await settle(pilot)
            assert isinstance(app.screen, IdleScreen)
