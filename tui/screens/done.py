"""Provides the confirmation screen: what was done, then back to the menu or sign off."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from appliance.domain.records import Actor
from tui.messages import SignOff
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class DoneScreen(KioskScreen):
    """One sentence of record, e.g. "You are responsible for recorder S from 08:02" (Art. 10)."""

    BINDINGS = [Binding("escape", "menu", show=False)]

    def __init__(self, actor: Actor, line: str) -> None:
        super().__init__()
        self.actor = actor
        self.line = line

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.line), id="done-line")
            yield Notice(id="done-notice")
            with Horizontal(classes="buttons"):
                # Signing off is the likely next step: the officer walks away with the recorder.
                yield Button(self.words("ui.sign_off"), variant="primary", id="sign-off")
                yield Button(self.words("ui.done.menu"), id="menu")

    def on_mount(self) -> None:
        self.query_one("#sign-off", Button).focus()

    @on(Button.Pressed, "#menu")
    def action_menu(self) -> None:
        """Back to the menu."""
        self.go_back()

    @on(Button.Pressed, "#sign-off")
    def sign_off(self) -> None:
        """The app ends the session at once and logs it (DESIGN §6)."""
        self.app.post_message(SignOff("user"))
