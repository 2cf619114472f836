"""Provides the first step of signing a recorder out: scan its label or pick it from a list."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button
from textual.widgets.option_list import Option

from appliance.domain.records import Actor
from appliance.domain.roles import Action
from tui.messages import AvailableLoaded, ChecklistReady
from tui.screens.base import may
from tui.screens.checklist import ChecklistScreen
from tui.screens.fault import FaultScreen
from tui.screens.recorder_choice import RecorderChoiceScreen
from tui.text import plain


class SignOutScreen(RecorderChoiceScreen):
    """Choose the recorder to sign out; the next step is its pre-shift check (Art. 4)."""

    TITLE_KEY = "ui.signout.title"
    PROMPT_KEY = "ui.signout.prompt"
    SCAN_ID = "device-scan"
    LIST_ID = "available"
    NOTICE_ID = "sign-out-notice"

    def __init__(self, actor: Actor) -> None:
        super().__init__(actor)
        self.asked: str | None = None

    def more_buttons(self) -> ComposeResult:
        """The next step after a failed check: report the fault (Art. 5(8))."""
        if may(self.actor, Action.REPORT_FAULT):
            yield Button(self.words("ui.home.fault"), id="fault")

    @on(Button.Pressed, "#fault")
    def report_fault(self) -> None:
        """Report a fault on the recorder that failed its check, or on one the officer holds."""
        self.open_screen(FaultScreen(self.actor, self.asked))

    def load(self) -> None:
        available = partial(self.services.custody.available, self.actor)
        self.calls.query("available", available, AvailableLoaded)

    def on_available_loaded(self, message: AvailableLoaded) -> None:
        options = self.options
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

    def chosen(self, serial: str) -> None:
        # The recorder asked for last: the one a failed check's fault report is about.
        self.asked = serial
        self.open_checklist(serial)

    def open_checklist(self, serial: str) -> None:
        """Fetch the recorder's checklist: what it reports itself, and what must be confirmed.

        A query: nothing is written unless refused; a second pick replaces the first.
        """
        checklist = partial(self.services.custody.prepare_sign_out, self.actor, serial)
        self.calls.query("checklist", checklist, partial(ChecklistReady, serial))

    def on_checklist_ready(self, message: ChecklistReady) -> None:
        self.open_screen(ChecklistScreen(self.actor, message.serial, message.lines))
