"""Provides the alarms screen: what waits for a person, and saying what was done (Art. 14).

The unit head checks the unit daily and corrects what is wrong; IT sees to the box's own
alarms. An alarm is acknowledged once, with a note of what was done; the service checks who
may and records it. A critical alarm stays on the idle board until it is acknowledged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.alarms import NOTE_LIMIT, Alarm
from appliance.domain.records import Actor
from appliance.i18n import alarm_kind_words
from tui.screens.base import KioskScreen
from tui.text import day_time, plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# What an alarm is about is shown at most this long (a content hash is 64 characters).
SUBJECT_SHOWN = 20


@dataclass
class AlarmsLoaded(Message):
    """The open alarms, oldest first."""

    alarms: list[Alarm]


@dataclass
class AlarmAcknowledged(Message):
    """The alarm as it now stands: seen to."""

    alarm: Alarm


class AlarmsScreen(KioskScreen):
    """Lists the open alarms; the highlighted one is acknowledged with a note."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.alarms.title")), classes="screen-title")
            yield Static(plain(self.words("ui.alarms.choose")), classes="prompt")
            yield OptionList(id="alarms")
            yield Input(
                placeholder=self.words("ui.alarms.note_placeholder"),
                max_length=NOTE_LIMIT,
                id="alarm-note",
            )
            yield Notice(id="alarms-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.alarms.ack"), variant="primary", id="acknowledge")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Ask afresh what waits, off the UI thread."""
        self.calls.query("alarms", self.services.alarms.listing, AlarmsLoaded)

    def on_alarms_loaded(self, message: AlarmsLoaded) -> None:
        options = self.query_one("#alarms", OptionList)
        options.clear_options()
        for alarm in message.alarms:
            options.add_option(Option(plain(self.option_text(alarm)), id=str(alarm.id)))
        waiting = bool(message.alarms)
        self.query_one("#acknowledge", Button).disabled = not waiting
        self.query_one("#alarm-note", Input).disabled = not waiting
        if waiting:
            options.highlighted = 0
            options.focus()
        else:
            options.add_option(Option(plain(self.words("ui.alarms.none")), disabled=True))
            self.query_one("#back", Button).focus()

    def option_text(self, alarm: Alarm) -> str:
        """One alarm in words: when, how grave, what, and what about."""
        subject = alarm.subject
        if len(subject) > SUBJECT_SHOWN:
            subject = subject[: SUBJECT_SHOWN - 1] + "…"
        return " · ".join(
            (
                day_time(alarm.at, self.services.settings),
                self.words(f"severity.{alarm.severity}"),
                alarm_kind_words(alarm.kind, self.kiosk.language),
                subject,
            )
        )

    @on(OptionList.OptionSelected, "#alarms")
    def chosen(self) -> None:
        """Choosing an alarm moves on to saying what was done."""
        self.query_one("#alarm-note", Input).focus()

    @on(Input.Submitted, "#alarm-note")
    @on(Button.Pressed, "#acknowledge")
    def acknowledge(self) -> None:
        """Acknowledge the highlighted alarm with the note; the service checks who may."""
        options = self.query_one("#alarms", OptionList)
        highlighted = options.highlighted
        option = options.get_option_at_index(highlighted) if highlighted is not None else None
        if option is None or option.id is None:
            self.notice.refuse(self.words("ui.alarms.choose"))
            return
        note = self.query_one("#alarm-note", Input)
        call = partial(self.services.alarms.acknowledge, self.actor, int(option.id), note.value)
        hold = (self.query_one("#acknowledge", Button), note, options)
        if self.calls.command("acknowledge", call, AlarmAcknowledged, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_alarm_acknowledged(self, message: AlarmAcknowledged) -> None:
        self.query_one("#alarm-note", Input).value = ""
        self.notice.inform(
            self.words("alarm.acknowledged", alarm=message.alarm.id, note=message.alarm.note)
        )
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
