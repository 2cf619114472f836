"""Provides the tests that a failing or refusing service leaves one line and a way on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge, make_home
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from tests.conftest import DEMO_PINS
from tests.tui.helpers import notice_text, scan, settle, sign_in, state_of
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.sign_out import SignOutScreen


class BreakableClock:
    """A Clock port that fails on demand, as a dead RTC or a lost disk would."""

    def __init__(self, inner: SettableClock) -> None:
        self.inner = inner
        self.broken = False

    def now(self) -> datetime:
        """The time, unless broken."""
        if self.broken:
            raise OSError("clock unavailable")
        return self.inner.now()


async def test_unexpected_failure_is_one_line_and_no_traceback(
    tmp_path: Path, clock: SettableClock
) -> None:
    """DESIGN §3.5: a service that fails shows a generic line; the kiosk keeps running."""
    broken = BreakableClock(clock)
    services, badges = make_home(tmp_path / "home", language="en", clock=broken, pins=DEMO_PINS)
    app = create_app(services, badges, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "1001")
        assert isinstance(app.screen, PinDialog)
        broken.broken = True
        await scan(pilot, DEMO_PINS["1001"])
        assert app.is_running
        assert isinstance(app.screen, PinDialog)
        assert notice_text(app) == "The kiosk could not do that. Try again, or call IT."
        broken.broken = False
        await scan(pilot, DEMO_PINS["1001"])
        assert isinstance(app.screen, OfficerHomeScreen)


async def test_refusal_on_the_checklist_changes_nothing(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Art. 10: one recorder per officer; the refusal is one line and Back leads on."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        await scan(pilot, "DSJ-A002")
        # Refused before a single item is ticked: the checklist never opens.
        assert isinstance(app.screen, SignOutScreen)
        assert notice_text(app) == "You already hold recorder DSJ-A001; return it first (Art. 10)."
        assert state_of(services, "DSJ-A002") is RecorderState.AVAILABLE
        await pilot.press("escape")
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#sign-off")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)


async def test_unknown_badge_and_unknown_recorder_are_one_line(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """A badge nobody holds, and a serial nobody registered, are each refused in one line."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "7777")
        assert isinstance(app.screen, IdleScreen)
        assert notice_text(app) == "Unknown badge."
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#return")
        await settle(pilot)
        await scan(pilot, "NOPE-1")
        assert notice_text(app) == "Unknown recorder NOPE-1."
