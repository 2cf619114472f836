"""Provides the kiosk-lock tests (STYLE 13): no key quits, suspends, or leaves the screen."""

from __future__ import annotations

import string
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.tui.helpers import scan, settle, sign_in
from tui.app import KioskApp, create_app
from tui.dialogs.pin import PinDialog
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.checklist import ChecklistScreen
from tui.screens.done import DoneScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.returns import ReturnScreen
from tui.screens.sign_out import SignOutScreen
from tui.screens.unit_head import UnitHeadScreen
from tui.screens.unlock import UnlockScreen

# Issue 2, item 7: Ctrl+Q, Ctrl+C, Ctrl+Z, Ctrl+\, Ctrl+P, F1-F12 and every other control key.
CONTROL_KEYS: tuple[str, ...] = (
    "ctrl+q",
    "ctrl+c",
    "ctrl+z",
    "ctrl+backslash",
    "ctrl+p",
    *(f"f{number}" for number in range(1, 13)),
    *(f"ctrl+{letter}" for letter in string.ascii_lowercase),
    "ctrl+right_square_bracket",
    "ctrl+underscore",
    "ctrl+at",
    "alt+f4",
    "alt+tab",
    "super+q",
    "ctrl+shift+c",
    "ctrl+shift+v",
)

UNIT_HEAD = "2001"
ADMIN = "9001"

Navigate = Callable[[Pilot[None], dict[str, DemoBadge]], Awaitable[None]]


async def stay_idle(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """The idle screen, as the kiosk starts."""


async def open_pin_dialog(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await scan(pilot, UNIT_HEAD)


async def open_home(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await sign_in(pilot, UNIT_HEAD, badges[UNIT_HEAD].pin)


async def open_sign_out(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await open_home(pilot, badges)
    await pilot.click("#sign-out")
    await settle(pilot)


async def open_checklist(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await open_sign_out(pilot, badges)
    await scan(pilot, "DSJ-A001")


async def open_done(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await open_checklist(pilot, badges)
    for box in pilot.app.screen.query("Checkbox"):
        box.focus()
        await pilot.press("space")
    await pilot.click("#confirm")
    await settle(pilot)


async def open_return(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await open_home(pilot, badges)
    await pilot.click("#return")
    await settle(pilot)


async def open_unit_head(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await open_home(pilot, badges)
    await pilot.click("#unit")
    await settle(pilot)


async def open_admin_unlock(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await sign_in(pilot, ADMIN, badges[ADMIN].pin)
    await pilot.click("#unlock-badge")
    await settle(pilot)


async def open_second_person(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """Lock an officer's badge at the PIN dialog, then the admin asks for a second person."""
    await scan(pilot, "1002")
    for _ in range(5):
        await scan(pilot, "999999")
    await pilot.click("#cancel")
    await settle(pilot)
    await open_admin_unlock(pilot, badges)
    await scan(pilot, "1002")


SCREENS: list[tuple[Navigate, type]] = [
    (stay_idle, IdleScreen),
    (open_pin_dialog, PinDialog),
    (open_home, OfficerHomeScreen),
    (open_sign_out, SignOutScreen),
    (open_checklist, ChecklistScreen),
    (open_done, DoneScreen),
    (open_return, ReturnScreen),
    (open_unit_head, UnitHeadScreen),
    (open_admin_unlock, UnlockScreen),
    (open_second_person, SecondPersonDialog),
]


def assert_locked_in(app: KioskApp, screen: object, depth: int) -> None:
    """Still running, on the same screen, with the same stack under it."""
    assert app.is_running
    assert app.return_code is None
    assert app.screen is screen
    assert len(app.screen_stack) == depth


@pytest.mark.parametrize(
    ("navigate", "screen_type"), SCREENS, ids=[kind.__name__ for _, kind in SCREENS]
)
async def test_control_keys_do_nothing(
    demo: tuple[Services, dict[str, DemoBadge]], navigate: Navigate, screen_type: type
) -> None:
    """Every control and function key, pressed on this screen, leaves the app on it."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await navigate(pilot, badges)
        assert isinstance(app.screen, screen_type)
        screen, depth = app.screen, len(app.screen_stack)
        for key in CONTROL_KEYS:
            # press() returns once the app is idle, so a quit or a new screen shows at once.
            await pilot.press(key)
            assert_locked_in(app, screen, depth)
        await settle(pilot)
        assert_locked_in(app, screen, depth)
        # Simulated keys take the same road as the terminal's.
        for key in ("ctrl+q", "ctrl+c", "ctrl+p"):
            app.simulate_key(key)
            await settle(pilot)
            assert_locked_in(app, screen, depth)


async def test_no_palette_no_selection_no_quit_action(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """STYLE 13: the switches are off, and the actions behind Textual's keys are empty."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    assert not app.ENABLE_COMMAND_PALETTE
    assert not app.ALLOW_SELECT
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for action in ("quit", "suspend_process", "command_palette", "screenshot", "help_quit"):
            await app.run_action(action)
            await settle(pilot)
            assert_locked_in(app, screen, 1)
