"""Provides the unit head's day at the kiosk (Art. 14): findings with their next step first.

Art. 14: the unit head checks the unit's recorder use daily and corrects the problems found.
The screen shows one local day as `services.reports.daily` reads it: what was found and what
to do about it, the alarms still open, the custody of the day and where every recorder is.
The same day is printed by `bwc report daily` (DESIGN §13).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static

from appliance.domain.alarms import Alarm
from appliance.domain.custody import RecorderState
from appliance.domain.records import Actor, RecorderStatus
from appliance.i18n import alarm_kind_words
from appliance.services.report_form import finding_sentence, next_step
from appliance.services.reports import DailyReport, SessionLine
from tui.messages import DayLoaded
from tui.screens.base import KioskScreen
from tui.text import clock_time, day_time, duration, local, plain
from tui.widgets.fitted_columns import fit_columns
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

SESSION_COLUMNS = ("holder", "serial", "out", "back", "clips", "length")
RECORDER_COLUMNS = ("serial", "where", "since")
# The report's column words, and the one it has no column for: who holds it, or where it is.
COLUMN_WORDS = {key: f"report.col.{key}" for key in (*SESSION_COLUMNS, *RECORDER_COLUMNS)} | {
    "where": "ui.day.col_where"
}
# What an alarm is about is shown at most this long (a content hash is 64 characters).
SUBJECT_SHOWN = 20


class DayScreen(KioskScreen):
    """One local day of the unit: findings and next steps, alarms, custody, recorders."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, day: date | None = None) -> None:
        super().__init__()
        self.actor = actor
        # None: the unit's today, read from the services' clock when the screen mounts.
        self.day = day

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            with Horizontal(id="day-head"):
                yield Static("", id="day-title", classes="screen-title")
                # Any past day, typed (Art. 14: a day checked late is checked all the same).
                yield Input(placeholder=self.words("ui.day.go"), id="day-go")
            yield Static(plain(self.words("ui.day.loading")), id="day-summary")
            with VerticalScroll(id="day-body"):
                yield Static(plain(self.words("report.findings")), classes="day-heading")
                yield Vertical(id="day-findings", classes="day-section")
                yield Static(plain(self.words("report.alarms")), classes="day-heading")
                yield Vertical(id="day-alarms", classes="day-section")
                yield Static(plain(self.words("report.sessions")), classes="day-heading")
                yield Static("", id="day-sessions-none", classes="day-none")
                yield self._table("day-sessions")
                yield Static(plain(self.words("report.recorders")), classes="day-heading")
                yield Static("", id="day-recorders-none", classes="day-none")
                yield self._table("day-recorders")
            yield Notice(id="day-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.day.previous"), id="previous")
                yield Button(self.words("ui.day.following"), id="following", disabled=True)
                yield Button(self.words("ui.day.today"), id="today", disabled=True)
                yield Button(self.words("ui.back"), id="back")

    @staticmethod
    def _table(table_id: str) -> DataTable[object]:
        """A table to read, not to move in: the body scrolls, the table keeps no cursor."""
        table: DataTable[object] = DataTable(id=table_id, cursor_type="none")
        table.can_focus = False
        return table

    def on_mount(self) -> None:
        if self.day is None:
            self.day = self.services.reports.today()
        self.query_one("#day-body", VerticalScroll).focus()
        self.reload()

    def reload(self) -> None:
        """Read the day afresh, off the UI thread (the service checks who may see it)."""
        day = self.day or self.services.reports.today()
        self.calls.query("day", partial(self.services.reports.daily, self.actor, day), DayLoaded)

    async def on_day_loaded(self, message: DayLoaded) -> None:
        report = message.report
        unit = report.unit_name or report.unit_code
        title = self.words("ui.day.title", unit=unit, day=report.day.isoformat())
        self.query_one("#day-title", Static).update(plain(title))
        summary = self.words(
            "ui.day.summary",
            recorders=len(report.recorders),
            sessions=len(report.sessions),
            findings=len(report.findings),
            alarms=len(report.alarms),
        )
        self.query_one("#day-summary", Static).update(plain(summary))
        await self._show_findings(report)
        await self._show_alarms(report.alarms)
        self._show_sessions(report)
        self._show_recorders(report.recorders)
        self.query_one("#day-body", VerticalScroll).scroll_home(animate=False)
        # Art. 14 is checked day by day up to today; tomorrow has nothing to check yet.
        today = self.services.reports.today()
        self.query_one("#following", Button).disabled = report.day >= today
        self.query_one("#today", Button).disabled = report.day == today

    async def _show_findings(self, report: DailyReport) -> None:
        """Each finding's sentence at its time, and its next step under it."""
        items: list[Widget] = []
        language = self.kiosk.language
        for finding in report.findings:
            sentence = finding_sentence(finding, language, report.names)
            step = self.words("ui.day.next", step=next_step(finding, language))
            # The time in a column of its own, so that a wrapped sentence keeps its indent.
            text = Vertical(
                Static(plain(sentence)),
                Static(plain(step), classes="day-next"),
                classes="day-text",
            )
            at = Static(plain(self._at(finding.at, report.day)), classes="day-time")
            items.append(Horizontal(at, text, classes="day-finding"))
        await self._fill("#day-findings", items)

    async def _show_alarms(self, alarms: tuple[Alarm, ...]) -> None:
        """The alarms still open: when, how grave, what, and what about."""
        await self._fill("#day-alarms", [Static(self._alarm_line(a)) for a in alarms])

    async def _fill(self, selector: str, lines: Sequence[Widget]) -> None:
        """The section's lines anew; the catalogue's "None." when it has none."""
        section = self.query_one(selector, Vertical)
        await section.remove_children()
        if not lines:
            lines = [Static(plain(self.words("report.none")), classes="day-none")]
        await section.mount_all(lines)

    def _alarm_line(self, alarm: Alarm) -> Text:
        subject = alarm.subject
        if len(subject) > SUBJECT_SHOWN:
            subject = subject[: SUBJECT_SHOWN - 1] + "…"
        words = (
            day_time(alarm.at, self.services.settings),
            self.words(f"severity.{alarm.severity}"),
            alarm_kind_words(alarm.kind, self.kiosk.language),
            subject,
        )
        return plain(" · ".join(words))

    def _show_sessions(self, report: DailyReport) -> None:
        rows = [self._session_cells(line, report.day) for line in report.sessions]
        self._fill_table("day-sessions", SESSION_COLUMNS, rows)

    def _session_cells(self, line: SessionLine, day: date) -> tuple[Text, ...]:
        session = line.session
        back = (
            self._at(session.ended_at, day) if session.ended_at else self.words("report.still_out")
        )
        cells = (
            line.holder_name,
            session.serial,
            self._at(session.started_at, day),
            back,
            str(line.clips),
            duration(line.seconds),
        )
        return tuple(plain(cell) for cell in cells)

    def _show_recorders(self, recorders: tuple[RecorderStatus, ...]) -> None:
        rows = [self._recorder_cells(status) for status in recorders]
        self._fill_table("day-recorders", RECORDER_COLUMNS, rows)

    def _recorder_cells(self, status: RecorderStatus) -> tuple[Text, ...]:
        recorder = status.recorder
        if status.holder_badge:
            where = status.holder_name or status.holder_badge
        elif recorder.state is RecorderState.AVAILABLE:
            where = self.words("report.on_shelf")
        else:
            # In repair, lost or retired: its state says where it is, not a shelf.
            where = self.words(f"state.{recorder.state.value}")
        since = day_time(status.since, self.services.settings) if status.since else ""
        cells = (recorder.serial, where, since)
        return tuple(plain(cell) for cell in cells)

    def _fill_table(
        self, table_id: str, columns: tuple[str, ...], rows: list[tuple[Text, ...]]
    ) -> None:
        """The table's rows anew; the catalogue's "None." in its place when it has none."""
        table = self.query_one(f"#{table_id}", DataTable)
        labels = [(key, plain(self.words(COLUMN_WORDS[key]))) for key in columns]
        fit_columns(table, labels, rows)
        for row in rows:
            table.add_row(*row)
        table.display = bool(rows)
        none = self.query_one(f"#{table_id}-none", Static)
        none.update(plain(self.words("report.none")))
        none.display = not rows

    def _at(self, instant: datetime, day: date) -> str:
        """'HH:MM' within the day shown, 'MM-DD HH:MM' on another day (a session overnight)."""
        settings = self.services.settings
        if local(instant, settings).date() == day:
            return clock_time(instant, settings)
        return day_time(instant, settings)

    def show_day(self, day: date) -> None:
        """Show another day (never beyond today: Next day is disabled there)."""
        self.day = min(day, self.services.reports.today())
        self.notice.clear()
        self.reload()

    @on(Input.Submitted, "#day-go")
    def go_to_day(self, event: Input.Submitted) -> None:
        """The day typed (YYYY-MM-DD): any day up to today; anything else is one line."""
        text = event.value.strip()
        event.input.value = ""
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.notice.refuse(self.words("ui.day.bad_day", day=text))
            return
        if day > self.services.reports.today():
            self.notice.refuse(self.words("ui.day.future", day=day.isoformat()))
            return
        self.show_day(day)

    @on(Button.Pressed, "#previous")
    def previous_day(self) -> None:
        """The day before the one shown."""
        self.show_day((self.day or self.services.reports.today()) - timedelta(days=1))

    @on(Button.Pressed, "#following")
    def following_day(self) -> None:
        """The day after the one shown."""
        self.show_day((self.day or self.services.reports.today()) + timedelta(days=1))

    @on(Button.Pressed, "#today")
    def to_today(self) -> None:
        """Back to the unit's today."""
        self.show_day(self.services.reports.today())

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
