"""Provides the steps to the classes and disclosure-request screens that the walk and the
double press share."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from tests.conftest import DEMO_PINS
from tests.release.homes import seed
from tests.tui.helpers import notice_text, settle, sign_in
from tui.app import KioskApp


async def at_classify(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Two clips archived; the unit head at the classes screen, both ticked, privacy chosen."""
    seed(services, services.settings.home / "classify-card", 2, size=20_000)
    clock.advance(600)
    await sign_in(pilot, "2001", DEMO_PINS["2001"])
    await pilot.click("#classify")
    await settle(pilot)
    listing = pilot.app.screen.query_one("#classify-clips", SelectionList)
    listing.select_all()
    pilot.app.screen.query_one("#class-privacy", RadioButton).value = True
    await settle(pilot)


def classified_once(app: KioskApp) -> None:
    assert notice_text(app) == "2 clips are now personal privacy."


async def at_ask(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Two clips archived; the unit head asks for the newest, recipient and reason typed."""
    seed(services, services.settings.home / "ask-card", 2, size=20_000)
    clock.advance(600)
    await sign_in(pilot, "2001", DEMO_PINS["2001"])
    await pilot.click("#ask-disclosure")
    await settle(pilot)
    screen = pilot.app.screen
    listing = screen.query_one("#ask-clips", SelectionList)
    listing.select(listing.get_option_at_index(0).value)
    screen.query_one("#recipient", Input).value = "District court"
    screen.query_one("#reason", Input).value = "ZF-2026-0031 号案件"
    await settle(pilot)


def asked_once(app: KioskApp) -> None:
    assert notice_text(app) == "Request 1 made for 1 clip(s); a bureau head must approve it."
