"""Provides a recorder's history on one screen: sessions, faults, repairs, incidents, offloads.

Issue 12 item 1: one line per event, its wall-clock time and a sentence in words (the same
sentences as `bwc device history`), oldest first, scrollable; Back returns to the list.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor, Recorder
from appliance.i18n import history_sentence
from tui.life_messages import HistoryLoaded
from tui.screens.base import KioskScreen
from tui.text import date_time, plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class DeviceHistoryScreen(KioskScreen):
    """The recorder's life, read once when the screen opens (nothing here writes)."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, recorder: Recorder) -> None:
        super().__init__()
        self.actor = actor
        self.recorder = recorder

    def compose(self) -> ComposeResult:
        recorder = self.recorder
        title = self.words(
            "ui.device_history.title",
            serial=recorder.serial,
            brand=recorder.brand,
            model=recorder.model,
        )
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(title), classes="screen-title")
            yield OptionList(id="history-lines")
            yield Notice(id="history-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.back"), variant="primary", id="back")

    def on_mount(self) -> None:
        self.query_one("#history-lines", OptionList).focus()
        life = partial(self.services.history.of_recorder, self.recorder.serial)
        self.calls.query("history", life, HistoryLoaded)

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        options = self.query_one("#history-lines", OptionList)
        options.clear_options()
        language, settings = self.kiosk.language, self.services.settings
        for line in message.lines:
            sentence = history_sentence(line.key, line.params, language)
            options.add_option(Option(plain(f"{date_time(line.at, settings)}  {sentence}")))
        if message.lines:
            options.highlighted = 0
        else:
            self.notice.inform(self.words("ui.device_history.none"))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the list of recorders."""
        self.go_back()
