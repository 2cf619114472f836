"""Provides the officer's home: what I hold, sign out, return, and the unit head's way in."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from appliance.domain.records import Actor
from appliance.domain.roles import Action
from tui.messages import HoldingLoaded, SignOff
from tui.screens.base import KioskScreen, may
from tui.screens.filing import FilingScreen
from tui.screens.returns import ReturnScreen
from tui.screens.sign_out import SignOutScreen
from tui.screens.unit_head import UnitHeadScreen
from tui.screens.unlock import UnlockScreen
from tui.text import clock_time, plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class OfficerHomeScreen(KioskScreen):
    """The menu of a signed-in person; the services still decide every action."""

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static("", id="holding", markup=False)
            with Vertical(id="home-menu"):
                if may(self.actor, Action.SIGN_OUT):
                    yield Button(self.words("ui.home.sign_out"), id="sign-out")
                if may(self.actor, Action.RETURN_OWN) or may(self.actor, Action.RETURN_FOR_OTHER):
                    yield Button(self.words("ui.home.return"), id="return")
                if may(self.actor, Action.FILE_CLIP):
                    yield Button(self.words("ui.home.file"), id="file-clips")
                if may(self.actor, Action.VIEW_UNIT_STATUS):
                    yield Button(self.words("ui.home.unit"), id="unit")
                if may(self.actor, Action.UNLOCK_WITH_SECOND):
                    yield Button(self.words("ui.home.unlock"), id="unlock-badge")
            yield Notice(id="home-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.sign_off"), variant="warning", id="sign-off")

    def on_screen_resume(self) -> None:
        """Each time the menu shows, say afresh what the person holds."""
        held_by = partial(self.services.custody.held_by, self.actor.actor_id)
        self.calls.query("holding", held_by, HoldingLoaded)

    def on_holding_loaded(self, message: HoldingLoaded) -> None:
        settings = self.services.settings
        lines = [
            self.words(
                "ui.home.holding",
                serial=session.serial,
                time=clock_time(session.started_at, settings),
            )
            for session in message.sessions
        ]
        text = "\n".join(lines) or self.words("ui.home.holding_none")
        self.query_one("#holding", Static).update(plain(text))

    @on(Button.Pressed, "#sign-out")
    def sign_out(self) -> None:
        self.notice.clear()
        self.open_screen(SignOutScreen(self.actor))

    @on(Button.Pressed, "#return")
    def return_recorder(self) -> None:
        self.notice.clear()
        self.open_screen(ReturnScreen(self.actor))

    @on(Button.Pressed, "#file-clips")
    def file_clips(self) -> None:
        """Art. 8: footage is organised case by case, by the officer who recorded it."""
        self.notice.clear()
        self.open_screen(FilingScreen(self.actor, self.actor.actor_id))

    @on(Button.Pressed, "#unit")
    def unit_status(self) -> None:
        self.notice.clear()
        self.open_screen(UnitHeadScreen(self.actor))

    @on(Button.Pressed, "#unlock-badge")
    def unlock_badge(self) -> None:
        """The admin's way back when every unit head is locked out (DESIGN §6)."""
        self.notice.clear()
        self.open_screen(UnlockScreen(self.actor))

    @on(Button.Pressed, "#sign-off")
    def sign_off(self) -> None:
        """The app ends the session at once and logs it (DESIGN §6)."""
        self.app.post_message(SignOff("user"))
