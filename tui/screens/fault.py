"""Provides the fault report (Art. 5(8)): which recorder, what fails in words, a note."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static

from appliance.domain.incidents import FaultPart
from appliance.domain.records import Actor
from tui.life_messages import ChoicesLoaded, FaultReported
from tui.messages import ShowDone
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.choice import ChoiceSet
from tui.widgets.notice import Notice
from tui.widgets.recorder_options import fill_recorder_options
from tui.widgets.title_bar import TitleBar


class FaultScreen(KioskScreen):
    """Report what fails on a recorder: it leaves the pool for repair, its footage still comes.

    Opened from a failed pre-shift check with that recorder, or from the home: the holder
    chooses among the recorders they hold, a unit head among every one of the unit (Art. 7).
    """

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, serial: str | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.serial = serial

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            title = (
                self.words("ui.fault.title_one", serial=self.serial)
                if self.serial
                else self.words("ui.fault.title")
            )
            yield Static(plain(title), classes="screen-title")
            with Horizontal(classes="life-columns"):
                if self.serial is None:
                    with Vertical(classes="life-column"):
                        yield Static(plain(self.words("ui.fault.recorder")))
                        yield OptionList(id="fault-recorders")
                with Vertical(classes="life-column"):
                    yield Static(plain(self.words("ui.fault.part")))
                    parts = [(part.value, self.words(f"part.{part.value}")) for part in FaultPart]
                    yield ChoiceSet(parts, id="fault-part")
            yield Input(placeholder=self.words("ui.fault.note"), max_length=500, id="fault-note")
            yield Notice(id="fault-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.fault.send"), variant="primary", id="report")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        if self.serial is None:
            self.query_one("#fault-recorders", OptionList).focus()
            choices = partial(self.services.lifecycle.fault_choices, self.actor)
            self.calls.query("fault-choices", choices, ChoicesLoaded)
        else:
            self.query_one("#fault-part", ChoiceSet).focus()

    def on_choices_loaded(self, message: ChoicesLoaded) -> None:
        options = self.query_one("#fault-recorders", OptionList)
        if not fill_recorder_options(options, message.rows, self.words):
            self.notice.inform(self.words("ui.fault.none"))
            self.query_one("#report", Button).disabled = True

    def chosen_serial(self) -> str | None:
        """The recorder the fault is on: the one given, else the highlighted one."""
        if self.serial is not None:
            return self.serial
        options = self.query_one("#fault-recorders", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(Input.Submitted, "#fault-note")
    @on(Button.Pressed, "#report")
    def report(self) -> None:
        """Report it; the service checks who may, the part and the note (Art. 5(8))."""
        serial = self.chosen_serial()
        part = self.query_one("#fault-part", ChoiceSet).chosen
        if serial is None or part is None:
            self.notice.refuse(self.words("ui.fault.pick"))
            return
        note = self.query_one("#fault-note", Input)
        call = partial(self.services.lifecycle.report_fault, self.actor, serial, part, note.value)
        hold = [self.query_one("#report", Button), note, self.query_one("#fault-part")]
        if self.calls.command("report-fault", call, FaultReported, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_fault_reported(self, message: FaultReported) -> None:
        fault = message.fault
        part = self.words(f"part.{fault.part.value}")
        line = self.words("cli.fault_reported", serial=fault.serial, part=part)
        self.app.post_message(ShowDone(self, line))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to where the fault was seen."""
        self.go_back()
