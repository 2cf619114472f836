"""Provides the idle screen: scan your badge (and, in the demo, the demo badges to try)."""

from __future__ import annotations

from functools import partial

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor
from tui.dialogs.pin import PinDialog
from tui.messages import Identified, SessionStarted
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar


class IdleScreen(KioskScreen):
    """Waits for a badge: the scanner types it and presses Enter."""

    def compose(self) -> ComposeResult:
        settings = self.services.settings
        title = f"{self.words('ui.app_title')} · {settings.unit_name or settings.unit_code}"
        if settings.demo:
            title += f" · {self.words('ui.demo_tag')}"
        yield TitleBar(title)
        with Vertical(id="idle-body", classes="body"):
            yield Static(plain(self.words("ui.idle.prompt")), classes="prompt")
            yield ScanField(self.words("ui.idle.placeholder"), id="scan")
            yield Notice(id="idle-notice")
            if self.kiosk.demo_badges:
                yield Static(plain(self.words("ui.idle.demo_title")), classes="demo-title")
                yield Static(self._demo_table(), id="demo-badges")
                with Horizontal(classes="buttons"):
                    yield Button(self.words("ui.idle.quit_demo"), id="quit-demo")

    def _demo_table(self) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        for key in ("col_badge", "col_name", "col_role", "col_pin"):
            table.add_column(plain(self.words(f"ui.idle.{key}")))
        for badge in self.kiosk.demo_badges:
            table.add_row(
                plain(badge.badge),
                plain(badge.name),
                plain(self.words(f"role.{badge.role}")),
                plain(badge.pin),
            )
        return table

    def on_screen_resume(self) -> None:
        """Back at idle: an empty field, focused for the next scan."""
        scan = self.query_one("#scan", Input)
        scan.value = ""
        scan.focus()

    def say(self, line: str) -> None:
        """Leave a neutral line for whoever comes next (e.g. why they were signed off)."""
        self.notice.inform(line)

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A badge was scanned or typed: identify it; the raw text goes only to the service."""
        raw = event.value
        event.input.value = ""
        # A stray Enter keeps the line left for whoever comes next (why they were signed off).
        if raw.strip():
            self.notice.clear()
            self.calls.query("identify", partial(self.services.auth.identify, raw), Identified)

    def on_identified(self, message: Identified) -> None:
        """Ask for the PIN of the person the badge names."""
        self.open_screen(PinDialog(message.person), self._after_pin)

    def _after_pin(self, actor: Actor | None) -> None:
        if actor is not None:
            self.app.post_message(SessionStarted(self, actor))

    @on(Button.Pressed, "#quit-demo")
    def quit_demo(self) -> None:
        """Only the demo can be left from the screen; the box's kiosk never quits (STYLE 13)."""
        if self.services.settings.demo:
            self.app.exit()
