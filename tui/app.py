"""Provides the kiosk app: who is signed in, the screen stack, the kiosk lock, the idle timeout.

Screens ask by message (tui/messages.py); the app moves the stack only while the screen that
asks is on top, so a doubled or late request never stacks a screen twice or pops another.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from functools import partial
from typing import Any

from textual import events, on, work
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from appliance.bootstrap import Services
from appliance.domain.errors import Refusal
from appliance.domain.records import Actor, CustodySession
from appliance.i18n import explain, t
from appliance.ports import Clock, DemoBadge, DemoHands
from tui.dialogs.choose_pin import ChoosePinDialog
from tui.dialogs.pin import PinDialog
from tui.lock import key_allowed, neutral_bindings
from tui.messages import (
    BadgeScanned,
    BadgeScanRefused,
    CloseScreen,
    OpenScreen,
    RecorderSignedOut,
    SessionStarted,
    ShowDock,
    ShowDone,
    SignOff,
)
from tui.scan_burst import ScanBurst
from tui.screens.base import is_code_character
from tui.screens.dock import DockScreen
from tui.screens.done import DoneScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.widgets.clip_pictures import PictureMode
from tui.widgets.idle_warning import IdleWarning
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField

# What counts as someone being at the kiosk.
_PRESENCE_EVENTS = (
    events.Key,
    events.Paste,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
)

# How often the idle timeout is checked; the timeout itself is in kiosk.toml.
IDLE_CHECK_SECONDS = 1.0
# How long before the idle sign-off a countdown warns whoever is still there (issue 9 item 2).
IDLE_WARNING_SECONDS = 20

log = logging.getLogger(__name__)


class KioskApp(App[None], inherit_bindings=False):
    """The bwc-kiosk UI on one home's services."""

    CSS_PATH = "app.tcss"
    # STYLE 13: no command palette, no text selection, no key that quits or suspends.
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = neutral_bindings()

    def __init__(
        self,
        services: Services,
        demo_badges: Sequence[DemoBadge] = (),
        clock: Clock | None = None,
        hands: DemoHands | None = None,
    ) -> None:
        super().__init__()
        # Demo only (the DemoHands port): recorders in and out of the simulated dock.
        self.hands = hands
        self.services = services
        self.language = services.settings.language
        self.clock = clock or services.ctx.clock
        self.demo_badges = tuple(demo_badges)
        self.actor: Actor | None = None
        self.last_input_at = self.clock.now()
        self.scan_burst = ScanBurst()
        self.idle_warning: IdleWarning | None = None
        # How clips' pictures are drawn (create_app's `pictures`).
        self.pictures = PictureMode.TEXT
        # Legible with the terminal's own 16 colours (STYLE 12).
        self.theme = "ansi-dark"

    def get_default_screen(self) -> Screen[Any]:
        return IdleScreen()

    def on_mount(self) -> None:
        self.title = t("ui.app_title", self.language)
        self.set_interval(IDLE_CHECK_SECONDS, self.check_idle_timeout)

    async def on_event(self, event: events.Event) -> None:
        """Note that someone is here; swallow every key the kiosk lock does not let through."""
        if isinstance(event, _PRESENCE_EVENTS):
            self.last_input_at = self.clock.now()
            if self.idle_warning is not None:
                # Whoever is still here stays signed in; the key that says so does nothing
                # else (it might otherwise press the focused button of an unread screen).
                self.clear_idle_warning()
                if isinstance(event, events.Key):
                    event.prevent_default()
                    event.stop()
                    return
        if isinstance(event, events.Key) and not key_allowed(event.key, event.character):
            event.prevent_default()
            event.stop()
            return
        if isinstance(event, events.Key) and self.take_scan_key(event):
            event.prevent_default()
            event.stop()
            return
        if isinstance(event, events.MouseDown):
            self.scan_burst.clear()
        await super().on_event(event)

    def scan_burst_applies(self) -> bool:
        """Whether keys now are a badge scan's: someone signed in, and no field takes them.

        A screen with a scan field sends a scan there itself (KioskScreen.on_key); a focused
        text field takes what is typed into it.
        """
        if self.actor is None or isinstance(self.focused, Input):
            return False
        # Even held (a command in flight), a scan field owns what is scanned on its screen: a
        # second read of a recorder's label is never taken for a badge.
        return not self.screen.query(ScanField)

    def take_scan_key(self, event: events.Key) -> bool:
        """Feed a key to the scan burst; True when it was the scan's, never the screen's."""
        if not self.scan_burst_applies():
            self.scan_burst.clear()
            return False
        if is_code_character(event):
            self.scan_burst.feed(event.character or "", event.time)
            return True
        if event.key == "enter":
            code = self.scan_burst.end(event.time)
            if code is None:
                return False
            self.identify_scanned(code)
            return True
        self.scan_burst.clear()
        return False

    @work(thread=True, exclusive=True, exit_on_error=False, group="badge-scan")
    def identify_scanned(self, raw: str) -> None:
        """Read a code scanned during a session as a badge (a query; the newest scan wins)."""
        try:
            person = self.services.auth.identify(raw)
        except Refusal as refusal:
            self.post_message(BadgeScanRefused(refusal))
        except Exception:
            # DESIGN §3.5: a scan never crashes the kiosk; the session goes on.
            log.exception("badge scan not read")
        else:
            self.post_message(BadgeScanned(person))

    @on(BadgeScanned)
    def badge_scanned(self, message: BadgeScanned) -> None:
        """Someone else's badge: whoever walked away is signed off, the newcomer signs in."""
        person = message.person
        if self.actor is None:
            return
        if person.badge == self.actor.actor_id:
            self.say_on_screen(t("ui.scan.already_you", self.language), refused=False)
            return
        self.sign_off("badge_scanned")
        self.push_screen(PinDialog(person), self.after_scanned_pin)

    def after_scanned_pin(self, actor: Actor | None) -> None:
        if actor is not None and self.actor is None:
            self.start_session(actor)

    @on(BadgeScanRefused)
    def badge_scan_refused(self, message: BadgeScanRefused) -> None:
        """Not a badge the kiosk knows: one line; the session in progress goes on."""
        self.say_on_screen(explain(message.refusal, self.language), refused=True)

    def say_on_screen(self, line: str, *, refused: bool) -> None:
        """A line on the top screen's notice, if it has one."""
        notices = self.screen.query(Notice)
        if notices:
            if refused:
                notices.first().refuse(line)
            else:
                notices.first().inform(line)

    def on_top(self, origin: Screen[Any]) -> bool:
        """Whether the screen that asks is the one on top (else its request is stale)."""
        return self.screen is origin

    @on(OpenScreen)
    def open_screen(self, message: OpenScreen) -> None:
        """Show the screen a screen asked for, above it."""
        if self.on_top(message.origin):
            self.push_screen(message.screen, message.callback)

    @on(CloseScreen)
    def close_screen(self, message: CloseScreen) -> None:
        """Close the screen that asked, back to the one under it."""
        if self.on_top(message.origin) and len(self.screen_stack) > 1:
            self.pop_screen()

    @on(SessionStarted)
    def session_started(self, message: SessionStarted) -> None:
        if self.on_top(message.origin) and self.actor is None:
            self.start_session(message.actor)

    @on(ShowDone)
    def done_shown(self, message: ShowDone) -> None:
        if self.on_top(message.origin):
            self.show_done(message.line)

    @on(ShowDock)
    def dock_shown(self, message: ShowDock) -> None:
        if self.on_top(message.origin):
            self.show_dock(message.session, message.line)

    @on(RecorderSignedOut)
    def recorder_signed_out(self, message: RecorderSignedOut) -> None:
        self.hand_out(message.session)

    @on(SignOff)
    def sign_off_asked(self, message: SignOff) -> None:
        """A Sign off button: a second press finds nobody signed in and does nothing."""
        if self.actor is not None:
            self.sign_off(message.reason)

    def start_session(self, actor: Actor) -> None:
        """The PIN matched: show the signed-in person's menu.

        DESIGN §6: a PIN somebody else typed (a new person, a reset) gives nothing but the
        step that replaces it; the menu follows only with the actor that chose their own.
        """
        if actor.person is not None and actor.person.must_change_pin:
            self.push_screen(ChoosePinDialog(actor), partial(self.after_chosen_pin, actor))
            return
        self.actor = actor
        self.last_input_at = self.clock.now()
        self.push_screen(OfficerHomeScreen(actor))

    def after_chosen_pin(self, signed_in: Actor, actor: Actor | None) -> None:
        """Their own PIN chosen: the session begins; cancelled: the sign-in ends here."""
        if self.actor is not None:
            return
        if actor is None:
            self.record_sign_off(signed_in, "pin_not_chosen")
        else:
            self.start_session(actor)

    def check_idle_timeout(self) -> None:
        """Sign off whoever walked away: no key or click for the configured time (DESIGN §6)."""
        timeout = self.services.settings.idle_timeout_seconds
        idle_for = (self.clock.now() - self.last_input_at).total_seconds()
        if idle_for < timeout:
            left = timeout - idle_for
            if self.actor is not None and left <= IDLE_WARNING_SECONDS:
                self.warn_idle(math.ceil(left))
            else:
                self.clear_idle_warning()
            return
        self.clear_idle_warning()
        if self.actor is not None:
            self.sign_off("idle")
            idle = self.screen
            if isinstance(idle, IdleScreen):
                idle.say(t("ui.idle.timed_out", self.language, seconds=timeout))
        else:
            # A badge scanned and left at the PIN prompt: the name must not stay on screen.
            while len(self.screen_stack) > 1:
                self.pop_screen()

    def warn_idle(self, seconds: int) -> None:
        """Show (or count down) the warning over the screen on top."""
        line = t("ui.idle.warning", self.language, count=seconds)
        warning = self.idle_warning
        if warning is not None and warning.is_attached and warning.screen is self.screen:
            warning.say(line)
            return
        self.clear_idle_warning()
        self.idle_warning = IdleWarning(line)
        self.screen.mount(self.idle_warning)

    def clear_idle_warning(self) -> None:
        """Take the warning away (someone is here, or the session is over)."""
        warning, self.idle_warning = self.idle_warning, None
        if warning is not None and warning.is_attached:
            warning.remove()

    def sign_off(self, reason: str) -> None:
        """End the session now and go back to the idle screen; the log entry follows."""
        actor, self.actor = self.actor, None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if actor is not None:
            self.record_sign_off(actor, reason)
            if reason != "idle" and isinstance(self.screen, IdleScreen):
                self.screen.say(t("ui.idle.signed_off", self.language))

    @work(thread=True, exit_on_error=False, group="sign-off")
    def record_sign_off(self, actor: Actor, reason: str) -> None:
        """Write the sign-off to the audit log off the UI thread: a command, never cancelled."""
        try:
            self.services.auth.sign_off(actor, reason)
        except Exception:
            # DESIGN §3.5: the session is over on screen either way; the log says why not here.
            log.exception("sign-off not recorded")

    def show_dock(self, session: CustodySession, line: str) -> None:
        """After a return: the dock screen follows the recorder's offload (Art. 12(1))."""
        if self.actor is None:
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, OfficerHomeScreen):
            self.pop_screen()
        since = session.started_at
        self.push_screen(DockScreen(self.actor, session.serial, session.holder_badge, since, line))
        if self.hands is not None:
            self.dock_demo_recorder(session)

    def hand_out(self, session: CustodySession) -> None:
        """Demo only: the officer lifts the signed-out recorder out of the dock."""
        if self.hands is not None:
            self.hands.take(session.serial)

    @work(thread=True, exit_on_error=False, group="demo-hands")
    def dock_demo_recorder(self, session: CustodySession) -> None:
        """Demo only: the officer's hands film the shift and put the recorder in the dock."""
        if self.hands is not None:
            self.hands.put_back(session.serial, session.started_at)

    def show_done(self, line: str) -> None:
        """Show what was done on a confirmation screen above the signed-in menu."""
        if self.actor is None:
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, OfficerHomeScreen):
            self.pop_screen()
        self.push_screen(DoneScreen(self.actor, line))

    # The kiosk lock, belt and braces: the actions behind Textual's default keys do nothing.
    def action_ignore(self) -> None:
        """Do nothing (the target of every neutralised key)."""

    async def action_quit(self) -> None:
        """Never quit from a key (STYLE 13); the demo has its own button."""

    def action_help_quit(self) -> None:
        """Do nothing."""

    def action_suspend_process(self) -> None:
        """Never suspend (STYLE 13)."""

    def action_command_palette(self) -> None:
        """No command palette (STYLE 13)."""

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """No screenshots (STYLE 13)."""

    def action_change_theme(self) -> None:
        """The theme is fixed."""

    def action_toggle_dark(self) -> None:
        """The theme is fixed."""

    def action_show_help_panel(self) -> None:
        """No key panel."""


def create_app(
    services: Services,
    demo_badges: Sequence[DemoBadge] | None = None,
    clock: Clock | None = None,
    hands: DemoHands | None = None,
    pictures: PictureMode = PictureMode.TEXT,
) -> KioskApp:
    """The one app factory, shared by `bwc-kiosk` and the tests.

    `pictures` is how clips' pictures are drawn: `bwc-kiosk` asks the terminal; tests draw words
    (or half cells), so their screens never depend on a terminal.
    """
    app = KioskApp(services, demo_badges or (), clock, hands)
    app.pictures = pictures
    return app
