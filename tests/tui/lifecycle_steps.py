"""Provides the double press's steps to the acts on people, a first PIN and a fault report.

Each step reaches its trigger by the shortest way the kiosk offers (the suite's time budget):
what the test does not press itself is done through the services beforehand.
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from tests.conftest import DEMO_PINS
from tests.tui.helpers import notice_text, scan, settle, shown, sign_in
from tui.app import KioskApp
from tui.dialogs.choose_pin import ChoosePinDialog
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.done import DoneScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.people import PeopleScreen
from tui.screens.person_add import AddPersonScreen

# The admin's first PIN for a new person, and the one they choose (DESIGN §6).
GIVEN_PIN, OWN_PIN = "246802", "135799"


def lock(services: Services, badge: str) -> None:
    """A stranger's five wrong PINs (DESIGN §6)."""
    for _ in range(5):
        with pytest.raises(Refused):
            services.auth.sign_in(badge, "000000")


async def open_people(pilot: Pilot[None], badge: str) -> None:
    """The admin at the people screen, the person of `badge` highlighted."""
    await sign_in(pilot, "9001", DEMO_PINS["9001"])
    await pilot.click("#people")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    screen.query_one("#people-list", OptionList).highlighted = list(screen.people).index(badge)


async def at_people(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Officer 1001 highlighted: deactivated alone (an officer's role needs one person)."""
    await open_people(pilot, "1001")


async def at_people_pin(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Officer 1001 highlighted, a new PIN typed for them."""
    await open_people(pilot, "1001")
    pilot.app.screen.query_one("#people-pin", Input).value = GIVEN_PIN


async def at_people_locked(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Badge 1002 locked out and highlighted: the admin unlocks only with a second person."""
    lock(services, "1002")
    await open_people(pilot, "1002")


def second_person_typed(app: App[None]) -> None:
    """The bureau head's badge and PIN typed in the second person's dialog on top."""
    dialog = app.screen
    assert isinstance(dialog, SecondPersonDialog)
    dialog.query_one("#second-badge", Input).value = "4001"
    dialog.query_one("#second-pin", Input).value = DEMO_PINS["4001"]


async def confirm_unlock(pilot: Pilot[None]) -> None:
    """The one dialog the double press opened: the bureau head confirms the unlock."""
    await settle(pilot)
    app = pilot.app
    assert sum(isinstance(screen, SecondPersonDialog) for screen in app.screen_stack) == 1
    second_person_typed(app)
    await pilot.click("#confirm")


async def at_unit(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The unit head at the unit's screen, badge 1002 locked out."""
    lock(services, "1002")
    await sign_in(pilot, "2001", DEMO_PINS["2001"])
    await pilot.click("#unit")
    await settle(pilot)


async def at_second_person(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The admin unlocks 1002 at the unlock screen; the bureau head's badge and PIN typed."""
    lock(services, "1002")
    await sign_in(pilot, "9001", DEMO_PINS["9001"])
    await pilot.click("#unlock-badge")
    await settle(pilot)
    await scan(pilot, "1002")
    second_person_typed(pilot.app)


async def at_add_person(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The add form filled for a new officer (the role left at its default)."""
    await sign_in(pilot, "9001", DEMO_PINS["9001"])
    await pilot.click("#people")
    await settle(pilot)
    await pilot.click("#add")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AddPersonScreen)
    for name, value in (("badge", "1003"), ("name", "Li Lei"), ("pin", GIVEN_PIN)):
        screen.query_one(f"#add-{name}", Input).value = value


def add_submitted_twice(app: KioskApp) -> None:
    """Enter twice on the PIN, the form's last field (Enter elsewhere moves to the next one)."""
    field = app.screen.query_one("#add-pin", Input)
    for _ in range(2):
        field.post_message(Input.Submitted(field, field.value))


async def at_choose_pin(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """A person added with a given PIN signs in: their own PIN typed twice (DESIGN §6)."""
    admin = services.auth.sign_in("9001", DEMO_PINS["9001"])
    services.registry.add_person(admin, "1003", "Li Lei", "officer", GIVEN_PIN, temporary_pin=True)
    await sign_in(pilot, "1003", GIVEN_PIN)
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoosePinDialog)
    for field in ("#new-pin", "#new-pin-again"):
        dialog.query_one(field, Input).value = OWN_PIN


async def at_fault(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Officer 1001 holds DSJ-A002 and reports its battery from the home (Art. 5(8))."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    await sign_in(pilot, "1001", DEMO_PINS["1001"])
    await pilot.click("#fault")
    await settle(pilot)
    pilot.app.screen.query_one("#fault-note", Input).value = "drains in an hour"


def people_said(app: KioskApp, start: str, end: str) -> None:
    """The people screen on top (over the home) saying the act's outcome."""
    assert isinstance(app.screen, PeopleScreen) and len(app.screen_stack) == 3
    line = notice_text(app)
    assert line.startswith(start) and line.endswith(end), line


def deactivated_once(app: KioskApp) -> None:
    people_said(app, "Badge 1001 (", ") is deactivated.")


def label_asked_once(app: KioskApp) -> None:
    """One request queued, and said once (DESIGN §6: the service signs it)."""
    people_said(app, "Label for 1001 asked for", "signs and writes it.")
    assert isinstance(app.screen, PeopleScreen) and len(app.screen.waiting) == 1


def reset_once(app: KioskApp) -> None:
    people_said(app, "New PIN set for badge 1001 (", "at their next sign-in.")


def unlocked_once(app: KioskApp) -> None:
    assert not any(isinstance(screen, SecondPersonDialog) for screen in app.screen_stack)
    people_said(app, "Badge 1002 (", ") is unlocked.")


def added_once(app: KioskApp) -> None:
    assert not any(isinstance(screen, AddPersonScreen) for screen in app.screen_stack)
    people_said(app, "Badge 1003 (Li Lei) added as officer", "at first sign-in.")


def own_pin_once(app: KioskApp) -> None:
    assert isinstance(app.screen, OfficerHomeScreen) and len(app.screen_stack) == 2
    assert app.actor is not None and app.actor.actor_id == "1003"


def fault_reported_once(app: KioskApp) -> None:
    assert isinstance(app.screen, DoneScreen) and len(app.screen_stack) == 3
    assert shown(app, "#done-line").startswith("Fault reported on recorder DSJ-A002 (battery)")
