"""Provides the unit head's declaration of a loss or damage, with a second person (Art. 10)."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static

from appliance.domain.incidents import Finding, IncidentKind
from appliance.domain.records import Actor, RecorderStatus
from tui.dialogs.second_person import SecondPersonDialog, with_second_person
from tui.life_messages import ChoicesLoaded
from tui.messages import ShowDone
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.choice import ChoiceSet
from tui.widgets.notice import Notice
from tui.widgets.recorder_options import fill_recorder_options
from tui.widgets.title_bar import TitleBar


class LossScreen(KioskScreen):
    """Which recorder, lost or damaged, the finding, what happened; a second person confirms.

    "Whoever wears it is responsible": the service ties the incident to the holder of the
    custody session in force, and the holder is never the second person of their own loss.
    """

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.rows: dict[str, RecorderStatus] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.loss.title")), classes="screen-title")
            with Horizontal(classes="life-columns"):
                with Vertical(classes="life-column"):
                    yield Static(plain(self.words("ui.fault.recorder")))
                    yield OptionList(id="loss-recorders")
                with Vertical(classes="life-column"):
                    yield Static(plain(self.words("ui.loss.what_happened")))
                    kinds = [
                        (kind.value, self.words(f"incident.{kind.value}")) for kind in IncidentKind
                    ]
                    yield ChoiceSet(kinds, id="loss-kind")
                with Vertical(classes="life-column"):
                    yield Static(plain(self.words("ui.loss.finding")))
                    found = [(f.value, self.words(f"finding.{f.value}")) for f in Finding]
                    yield ChoiceSet(found, id="loss-finding")
            with Horizontal(classes="life-fields"):
                yield Input(placeholder=self.words("ui.loss.what"), max_length=500, id="loss-what")
                yield Input(placeholder=self.words("ui.loss.note"), max_length=500, id="loss-note")
            yield Notice(id="loss-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.loss.declare"), variant="primary", id="declare")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#loss-recorders", OptionList).focus()
        choices = partial(self.services.lifecycle.incident_choices, self.actor)
        self.calls.query("incident-choices", choices, ChoicesLoaded)

    def on_choices_loaded(self, message: ChoicesLoaded) -> None:
        options = self.query_one("#loss-recorders", OptionList)
        self.rows = {row.recorder.serial: row for row in message.rows}
        if not fill_recorder_options(options, message.rows, self.words):
            self.notice.inform(self.words("ui.loss.none"))
            self.query_one("#declare", Button).disabled = True

    @on(Input.Submitted, "#loss-note")
    @on(Button.Pressed, "#declare")
    def declare(self) -> None:
        """Ask the second person; the service checks both, the words and the recorder."""
        options = self.query_one("#loss-recorders", OptionList)
        kind = self.query_one("#loss-kind", ChoiceSet).chosen
        finding = self.query_one("#loss-finding", ChoiceSet).chosen
        if options.highlighted is None or kind is None or finding is None:
            self.notice.refuse(self.words("ui.fault.pick"))
            return
        serial = options.get_option_at_index(options.highlighted).id
        if serial is None:
            return
        what = self.query_one("#loss-what", Input).value
        note = self.query_one("#loss-note", Input).value
        self.notice.clear()
        act = partial(
            self.services.lifecycle.declare_incident, self.actor, serial, kind, what, finding, note
        )
        title = self.words(
            "ui.loss.second_title",
            serial=serial,
            kind=self.words(f"incident.{kind}"),
            finding=self.words(f"finding.{finding}"),
        )
        confirmed = with_second_person(self.services, lambda second: act(confirmer=second))
        dialog = SecondPersonDialog(title, confirmed)
        self.open_screen(dialog, partial(self.after_confirm, serial, kind))

    def after_confirm(self, serial: str, kind: str, second: Actor | None) -> None:
        """Declared (with whom), or cancelled: nothing was done."""
        if second is None:
            return
        row = self.rows.get(serial)
        holder = row.holder_name or row.holder_badge if row else None
        line = self.words(
            f"ui.loss.done_{kind}",
            serial=serial,
            second=second.name or second.actor_id,
            holder=holder or self.words("ui.loss.nobody"),
        )
        self.app.post_message(ShowDone(self, line))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
