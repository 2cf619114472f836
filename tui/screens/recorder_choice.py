"""Provides the screen shape shared by sign-out and return: scan a recorder or pick it."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from appliance.domain.records import Actor
from appliance.domain.scan import CodeKind, ScanCode
from tui.messages import DeviceScanned
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar


def scanned_serial(code: ScanCode) -> DeviceScanned:
    """The message for a recorder code that passed every check."""
    return DeviceScanned(code.value)


class RecorderChoiceScreen(KioskScreen):
    """A title, a scan field, a list of recorders and Back; subclasses say what a choice does."""

    BINDINGS = [Binding("escape", "back", show=False)]
    TITLE_KEY = ""
    PROMPT_KEY = ""
    SCAN_ID = ""
    LIST_ID = ""
    NOTICE_ID = ""

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    @property
    def choice(self) -> tuple[Widget, ...]:
        """The scan field and the list: held while a choice is being acted on."""
        return (self.query_one(f"#{self.SCAN_ID}", Input), self.options)

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words(self.TITLE_KEY)), classes="screen-title")
            yield Static(plain(self.words(self.PROMPT_KEY)), classes="prompt")
            yield ScanField(self.words("ui.signout.placeholder"), id=self.SCAN_ID)
            yield OptionList(id=self.LIST_ID)
            yield Notice(id=self.NOTICE_ID)
            with Horizontal(classes="buttons"):
                yield from self.more_buttons()
                yield Button(self.words("ui.back"), id="back")

    def more_buttons(self) -> ComposeResult:
        """Buttons a subclass adds before Back."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one(f"#{self.SCAN_ID}", Input).focus()
        self.load()

    def load(self) -> None:
        """Start loading the list of recorders (a worker posting a message)."""

    def chosen(self, serial: str) -> None:
        """What picking or scanning the recorder does."""

    @property
    def options(self) -> OptionList:
        """The list of recorders."""
        return self.query_one(f"#{self.LIST_ID}", OptionList)

    @on(Input.Submitted)
    def scanned(self, event: Input.Submitted) -> None:
        """A label was scanned or a serial typed: the auth service reads it as data."""
        raw = event.value
        event.input.value = ""
        self.notice.clear()
        if raw.strip():
            read = partial(self.services.auth.read_code, raw, CodeKind.DEVICE)
            self.calls.query("code", read, scanned_serial)

    def on_device_scanned(self, message: DeviceScanned) -> None:
        self.chosen(message.serial)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.notice.clear()
            self.chosen(event.option.id)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
