"""Provides the idle-timeout tests: the injected clock moves, nobody sleeps (DESIGN §6)."""

from __future__ import annotations

import json

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.idle import IdleScreen
from tui.screens.sign_out import SignOutScreen
from tui.widgets.idle_warning import IdleWarning


async def test_idle_timeout_signs_off(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Someone walks away mid-flow: after the timeout the kiosk is at idle, and it is logged."""
    services, badges = demo
    timeout = services.settings.idle_timeout_seconds
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)

        clock.advance(timeout - 1)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)

        # A key press is someone at the kiosk: the count starts again.
        await pilot.press("backspace")
        clock.advance(timeout - 1)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)
        assert app.actor is not None

        clock.advance(1)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert len(app.screen_stack) == 1
        assert app.actor is None
        assert notice_text(app) == f"Signed off after {timeout} seconds without input."

    sign_offs = [e for e in services.store.audit_log.recent(10) if e.action == "sign_off"]
    assert len(sign_offs) == 1
    assert (sign_offs[0].actor, sign_offs[0].outcome) == ("1001", "ok")
    assert json.loads(sign_offs[0].detail_json) == {"reason": "idle"}


async def test_idle_timeout_does_nothing_at_idle(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """With nobody signed in there is nothing to sign off, and nothing is logged."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        before = services.store.audit_log.count()
        clock.advance(services.settings.idle_timeout_seconds * 10)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert services.store.audit_log.count() == before


async def test_sign_off_button_is_logged(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Signing off by hand is logged with its reason, and the next person starts at idle."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1002", badges["1002"].pin)
        await pilot.click("#sign-off")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert app.actor is None
    newest = services.store.audit_log.recent(1)[0]
    assert (newest.action, newest.actor, json.loads(newest.detail_json)) == (
        "sign_off",
        "1002",
        {"reason": "user"},
    )


async def test_idle_timeout_closes_an_abandoned_pin_dialog(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """A badge scanned and left at the PIN prompt goes away too; nobody was signed in."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "1001")
        assert isinstance(app.screen, PinDialog)
        before = services.store.audit_log.count()
        clock.advance(services.settings.idle_timeout_seconds)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert len(app.screen_stack) == 1
        assert services.store.audit_log.count() == before


async def test_a_countdown_warns_before_the_idle_sign_off(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """20 s before the sign-off a countdown shows; a key cancels it, and later the sign-off."""
    services, badges = demo
    timeout = services.settings.idle_timeout_seconds
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SignOutScreen)

        clock.advance(timeout - 21)
        app.check_idle_timeout()
        await pilot.pause()
        assert not screen.query(IdleWarning)

        clock.advance(1)
        app.check_idle_timeout()
        await pilot.pause()
        [warning] = screen.query(IdleWarning).results(IdleWarning)
        assert warning.line == (
            "No input for a while: you will be signed off in 20 seconds. Press any key to stay."
        )
        assert warning.region.area > 0
        clock.advance(19)
        app.check_idle_timeout()
        await pilot.pause()
        assert "signed off in 1 second." in warning.line

        # Any key: the warning goes, the session stays, and the key did nothing else.
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.query(IdleWarning)
        assert app.screen is screen and app.actor is not None

        clock.advance(timeout - 5)
        app.check_idle_timeout()
        await pilot.pause()
        assert "signed off in 5 seconds." in screen.query_one(IdleWarning).line
        clock.advance(5)
        app.check_idle_timeout()
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen) and app.actor is None
        assert not app.screen.query(IdleWarning)
    sign_offs = [e for e in services.store.audit_log.recent(10) if e.action == "sign_off"]
    assert [json.loads(e.detail_json) for e in sign_offs] == [{"reason": "idle"}]
