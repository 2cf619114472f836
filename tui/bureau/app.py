"""Provides BureauDeskApp: the collector's desk on one bureau home (issue 14)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from appliance.bureau_root import Bureau
from tui.bureau.screens import SignInScreen


class BureauDeskApp(App[None], inherit_bindings=False):
    """Sign in, then the desk; signing off returns to sign-in. Ctrl+Q quits the desk."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", show=False)]

    def __init__(self, bureau: Bureau, language: str) -> None:
        super().__init__()
        self.bureau = bureau
        self.language = language

    def on_mount(self) -> None:
        self.push_screen(SignInScreen(self.bureau, self.language))
