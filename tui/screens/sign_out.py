"""Provides the first step of signing a recorder out: scan its label or pick it from a list."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor
from appliance.domain.scan import CodeKind, ScanCode
from tui.messages import AvailableLoaded, ChecklistReady, DeviceScanned
from tui.screens.base import KioskScreen
from tui.screens.checklist import ChecklistScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar


def scanned_serial(code: ScanCode) -> DeviceScanned:
    """The message for a recorder code that passed every check."""
    return DeviceScanned(code.value)


class SignOutScreen(KioskScreen):
    """Choose the recorder to sign out; the next step is its pre-shift check (Art. 4)."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.signout.title")), classes="screen-title")
            yield Static(plain(self.words("ui.signout.prompt")), classes="prompt")
            yield ScanField(self.words("ui.signout.placeholder"), id="device-scan")
            yield OptionList(id="available")
            yield Notice(id="sign-out-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#device-scan", Input).focus()
        self.run_call(partial(self.services.custody.available, self.actor), AvailableLoaded)

    def on_available_loaded(self, message: AvailableLoaded) -> None:
        options = self.query_one("#available", OptionList)
        options.clear_options()
        for recorder in message.recorders:
            prompt = self.words(
                "ui.signout.option",
                serial=recorder.serial,
                brand=recorder.brand,
                model=recorder.model,
            )
            options.add_option(Option(plain(prompt), id=recorder.serial))
        if not message.recorders:
            self.notice.inform(self.words("ui.signout.none"))

    @on(Input.Submitted, "#device-scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A label was scanned or a serial typed: the auth service reads it as data."""
        raw = event.value
        event.input.value = ""
        self.notice.clear()
        if raw.strip():
            read = partial(self.services.auth.read_code, raw, CodeKind.DEVICE)
            self.run_call(read, scanned_serial)

    def on_device_scanned(self, message: DeviceScanned) -> None:
        self.open_checklist(message.serial)

    @on(OptionList.OptionSelected, "#available")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.notice.clear()
            self.open_checklist(event.option.id)

    def open_checklist(self, serial: str) -> None:
        """Fetch the recorder's checklist: what it reports itself, and what must be confirmed."""
        checklist = partial(self.services.custody.prepare_sign_out, self.actor, serial)
        self.run_call(checklist, partial(ChecklistReady, serial))

    def on_checklist_ready(self, message: ChecklistReady) -> None:
        self.app.push_screen(ChecklistScreen(self.actor, message.serial, message.lines))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.app.pop_screen()
