"""Provides the auditor's view of the audit log, with filters (Art. 15, DESIGN §13).

The audit office (and a bureau head) reads what happened: by day, by person, refusals only.
The kiosk shows the newest events that match, each in words; every read is itself an event,
so the log shows who read it and what they asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Static

from appliance.config import local_zone
from appliance.domain.audit import AuditEvent, LogQuery, day_bounds
from appliance.domain.errors import BadInput
from appliance.domain.records import Actor
from appliance.i18n import event_words, explain, object_words, outcome_words, refusal_words
from tui.screens.base import KioskScreen
from tui.text import day_time, plain
from tui.widgets.check_box import ShapeCheckbox
from tui.widgets.fitted_columns import fit_columns
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

COLUMNS = ("seq", "time", "who", "what", "object", "outcome", "why")
# The newest this many events that match are shown; a narrower filter shows older ones.
SHOWN = 200
# A refusal's sentence is cut to this many cells in the table (the CLI prints it whole).
WHY_SHOWN = 48


@dataclass
class LogLoaded(Message):
    """The events that match, newest first."""

    events: list[AuditEvent]


class AuditLogScreen(KioskScreen):
    """The newest events that match the filters, in words; Show reads afresh."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.log.title")), classes="screen-title")
            with Horizontal(classes="log-filters"):
                yield Input(placeholder=self.words("ui.log.from"), max_length=10, id="log-from")
                yield Input(placeholder=self.words("ui.log.to"), max_length=10, id="log-to")
                yield Input(placeholder=self.words("ui.log.who"), max_length=64, id="log-who")
                yield ShapeCheckbox(self.words("ui.log.refused"), id="log-refused")
            table: DataTable[object] = DataTable(id="log", cursor_type="row")
            yield table
            yield Notice(id="log-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.log.show"), variant="primary", id="show")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self._columns(self.query_one("#log", DataTable), [])
        self.query_one("#log-from", Input).focus()
        self.show()

    def query_asked(self) -> LogQuery | None:
        """The filters as a query; None (and a line saying why) when a day is not a day."""
        first = self.query_one("#log-from", Input).value.strip()
        last = self.query_one("#log-to", Input).value.strip()
        try:
            since, until = day_bounds(first, last, local_zone(self.services.settings))
        except BadInput as bad:
            self.notice.refuse(explain(bad, self.kiosk.language))
            return None
        who = self.query_one("#log-who", Input).value.strip() or None
        refused = self.query_one("#log-refused", ShapeCheckbox).value
        return LogQuery(since, until, who, refused, SHOWN)

    @on(Input.Submitted)
    @on(Button.Pressed, "#show")
    def show(self) -> None:
        """Read the events that match, off the UI thread (the service audits the read)."""
        query = self.query_asked()
        if query is None:
            return
        self.notice.clear()
        read = partial(self.services.audit_reading.log, self.actor, query)
        self.calls.query("log", read, LogLoaded)

    def on_log_loaded(self, message: LogLoaded) -> None:
        language = self.kiosk.language
        rows: list[tuple[object, ...]] = []
        for event in message.events:
            why = refusal_words(event.detail_json, language) if event.outcome == "refused" else ""
            if cell_len(why) > WHY_SHOWN:
                why = why[: WHY_SHOWN - 1] + "…"
            rows.append(
                (
                    str(event.seq),
                    day_time(datetime.fromisoformat(event.at), self.services.settings),
                    event.actor,
                    event_words(event.action, language),
                    object_words(event.object_type, event.object_id, language),
                    outcome_words(event.outcome, language),
                    why,
                )
            )
        table = self.query_one("#log", DataTable)
        cells = [tuple(plain(str(cell)) for cell in row) for row in rows]
        self._columns(table, cells)
        for row in cells:
            table.add_row(*row)
        if not rows:
            self.notice.inform(self.words("audit_log.none"))

    def _columns(self, table: DataTable[object], rows: list[tuple[Text, ...]]) -> None:
        """The table emptied, its columns anew, fitted to their labels and cells."""
        fit_columns(table, [(key, plain(self.words(f"cli.col.{key}"))) for key in COLUMNS], rows)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
