"""Provides the scan-during-session tests: a badge scanned over someone's session is data.

STYLE 13 and DESIGN §6: a scanner types its code and Enter. Over a session left open, that
Enter must not press the focused button of the person who walked away; the badge signs them
off (audited, with a reason) and asks the newcomer for their PIN.
"""

from __future__ import annotations

import json

from textual.widgets import Button

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.sign_out import SignOutScreen


async def test_a_badge_scanned_over_a_session_signs_off_and_starts_the_next(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """1001 walks away with Sign out focused; 1002's badge signs 1001 off and asks 1002's PIN."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        app.screen.query_one("#sign-out", Button).focus()
        before = services.store.audit_log.count()

        await scan(pilot, "1002")

        # The Enter pressed nothing: no sign-out screen, and nobody signed in under 1001.
        assert isinstance(app.screen, PinDialog)
        assert app.screen.person.badge == "1002"
        assert app.actor is None
        assert [type(screen) for screen in app.screen_stack] == [IdleScreen, PinDialog]
        await scan(pilot, badges["1002"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        assert app.actor is not None and app.actor.actor_id == "1002"

    written = list(services.store.audit_log.iterate(after_seq=before))
    sign_offs = [e for e in written if e.action == "sign_off"]
    assert [(e.actor, json.loads(e.detail_json)) for e in sign_offs] == [
        ("1001", {"reason": "badge_scanned"})
    ]
    assert [(e.action, e.object_id, e.outcome) for e in written if e.action == "sign_in"] == [
        ("sign_in", "1002", "ok")
    ]
    assert not [e for e in written if e.action == "sign_out"]


async def test_a_scan_in_a_scan_field_stays_a_recorder_code(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Where a recorder is asked for, a scan goes into that field: it is read as a serial."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)
        app.screen.query_one("#back", Button).focus()
        await scan(pilot, "NOPE-1")
        # The Enter did not press Back; the code was read as a serial and refused in words.
        assert isinstance(app.screen, SignOutScreen)
        assert app.actor is not None and app.actor.actor_id == "1001"
        assert "NOPE-1" in notice_text(app)


async def test_an_unknown_badge_over_a_session_is_refused_and_the_session_goes_on(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """A code no one holds: one line on the screen, the refusal logged, 1001 still signed in."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        app.screen.query_one("#sign-off", Button).focus()
        await scan(pilot, "7777")
        assert isinstance(app.screen, OfficerHomeScreen)
        assert app.actor is not None and app.actor.actor_id == "1001"
        assert notice_text(app) == "Unknown badge."
    newest = services.store.audit_log.recent(1)[0]
    assert (newest.action, newest.object_id, newest.outcome) == ("sign_in", "7777", "refused")


async def test_typing_then_waiting_is_no_scan(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """A letter pressed long before Enter is not a scan: Enter presses the focused button."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        app.screen.query_one("#sign-out", Button).focus()
        await pilot.press("x")
        # The burst's clock is the events' own time: move it past the gap.
        app.scan_burst.feed("x", -10.0)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignOutScreen)
