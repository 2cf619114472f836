"""Provides the Pilot tests of sign-in: the PIN lock, and scanner input that is not a code."""

from __future__ import annotations

import json

from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Button, Input

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.scan import MAX_SCAN_LENGTH, CodeKind
from tests.tui.helpers import notice_text, scan, settle
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.checklist import ChecklistScreen
from tui.screens.idle import IdleScreen
from tui.widgets.scan_field import ScanField

WRONG_PIN = "999999"
# The field takes one character more than a code may have, so an over-long scan is refused
# in words rather than cut to a length that might parse.
OVER_LONG = "B" * (MAX_SCAN_LENGTH + 1)


async def paste_scan(pilot: Pilot[None], payload: str) -> None:
    """Deliver a scan as one burst into the screen's scan field, then Enter."""
    pilot.app.screen.query_one(ScanField).post_message(Paste(payload))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


def locked(services: Services, badge: str) -> bool:
    """Whether the register says the badge is locked."""
    person = services.registry.person(badge)
    assert person is not None
    return person.locked


async def test_five_wrong_pins_lock_the_badge(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """DESIGN §6: each wrong PIN says how many tries are left; the fifth locks the badge."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "1002")
        assert isinstance(app.screen, PinDialog)
        for tries_left in (4, 3, 2, 1):
            await scan(pilot, WRONG_PIN)
            assert isinstance(app.screen, PinDialog)
            tries = "1 try" if tries_left == 1 else f"{tries_left} tries"
            assert notice_text(app) == f"Wrong PIN. {tries} left before the badge is locked."
            assert not locked(services, "1002")
        await scan(pilot, WRONG_PIN)
        assert locked(services, "1002")
        assert notice_text(app) == (
            "Badge 1002 is locked after too many wrong PINs; a unit head must unlock it."
        )
        assert app.screen.query_one("#pin", Input).disabled
        assert app.screen.query_one("#sign-in", Button).disabled
        assert app.actor is None

        # Cancel is the way out; the right PIN no longer opens the kiosk.
        await pilot.click("#cancel")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        await scan(pilot, "1002")
        assert isinstance(app.screen, PinDialog)
        assert "is locked" in notice_text(app)
        # The PIN field is shut; Enter presses Cancel, the one button left.
        await pilot.press(*badges["1002"].pin, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert app.actor is None
        assert locked(services, "1002")


async def test_right_pin_after_wrong_ones_resets_the_count(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Four misses then the right PIN signs in and clears the count (no lock creeps up)."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "1001")
        for _ in range(4):
            await scan(pilot, WRONG_PIN)
        await scan(pilot, badges["1001"].pin)
        assert app.actor is not None and app.actor.actor_id == "1001"
        person = services.registry.person("1001")
        assert person is not None and person.failed_pins == 0 and not person.locked


async def test_typed_escape_sequence_is_an_invalid_code(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """DESIGN §3.5: a scan holding ESC [ 3 1 m is refused in one line, and nothing happens."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        before = services.store.audit_log.count()
        # The scanner types ESC as a key; the kiosk lock lets it through only as navigation.
        await pilot.press("1", "0", "escape", "[", "3", "1", "m", "0", "1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert notice_text(app) == "Not a valid code."
        assert app.screen.query_one("#scan", Input).value == ""
        assert app.actor is None
        newest = services.store.audit_log.recent(1)[0]
        assert services.store.audit_log.count() == before + 1
        assert (newest.action, newest.outcome) == ("scan", "refused")
        # Only the length of untrusted text reaches the log, never the text.
        assert json.loads(newest.detail_json) == {"reason": "invalid_code", "length": 8}


async def test_pasted_control_characters_are_an_invalid_code(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Control characters that arrive in one burst (a paste) are data, refused, never shown."""
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        scan_field = app.screen.query_one("#scan", Input)
        for payload in ("\x1b[2J\x1b]0;pwned\x071001", "10\x0001", "1001\x1b[31m", OVER_LONG):
            await paste_scan(pilot, payload)
            assert isinstance(app.screen, IdleScreen), payload
            assert notice_text(app) == "Not a valid code.", payload
            assert scan_field.value == ""
        assert app.actor is None
        assert services.custody.held_by("1001") == []


async def test_signed_labels_are_read_and_forged_ones_refused(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    """Issue 2 item 6: a signed badge QR signs in; one edited character makes it a forgery."""
    services, badges = demo
    badge_label = services.labels.text(CodeKind.BADGE, "1001")
    forged = badge_label.replace(".1001.", ".1002.")
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        # Typing 100-odd characters a key at a time is slow under the Pilot: the forged and
        # the device labels arrive as one burst into the scan field instead.
        await paste_scan(pilot, forged)
        assert isinstance(app.screen, IdleScreen)
        assert notice_text(app) == (
            "This label's signature is not valid: it was not printed by this unit."
        )
        await scan(pilot, badge_label)
        assert isinstance(app.screen, PinDialog)
        assert app.screen.person.badge == "1001"
        await scan(pilot, badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        await paste_scan(pilot, services.labels.text(CodeKind.DEVICE, "DSJ-B002"))
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.serial == "DSJ-B002"
