"""Provides the idle screen: scan your badge, beside the unit's board (and the demo's badges).

Issue 9 item 5: while nobody is signed in, the screen is the unit's board, read from the
database and refreshed: the time and date, each recorder's charge, offload and readiness, and
the alarms waiting for the unit head. It names recorders only, never a person.
"""

from __future__ import annotations

from functools import partial

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Digits, Input, Static

from appliance.domain.overview import BoardRow, UnitBoard
from appliance.domain.records import Actor
from appliance.i18n import alarm_kind_words, item_separator
from tui.dialogs.pin import PinDialog
from tui.messages import BoardLoaded, Identified, SessionStarted
from tui.screens.base import KioskScreen
from tui.text import local, plain
from tui.widgets.fitted_columns import fit_columns
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar
from tui.worded import offload_words, readiness_words

# How often the board is read afresh (a query; the dock service writes the progress).
BOARD_REFRESH_SECONDS = 5.0
BOARD_COLUMNS = ("serial", "charge", "offload", "ready")
WIDE_COLUMNS = 110


class IdleScreen(KioskScreen):
    """Waits for a badge: the scanner types it and presses Enter."""

    # The box's screen in foot is wide (kiosk_session_font: about 116 to 130 columns), and
    # shows the time in large digits; 80 columns (the demo in a terminal) show it as a line.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    def compose(self) -> ComposeResult:
        settings = self.services.settings
        title = f"{self.words('ui.app_title')} · {settings.unit_name or settings.unit_code}"
        if settings.demo:
            title += f" · {self.words('ui.demo_tag')}"
        yield TitleBar(title)
        with Vertical(id="idle-body", classes="body"):
            with Horizontal(id="idle-top"):
                with Vertical(id="idle-scan"):
                    with Horizontal(id="idle-clock"):
                        yield Digits("", id="clock-time")
                        yield Static("", id="clock-date", markup=False)
                    yield Static(plain(self.words("ui.idle.prompt")), classes="prompt")
                    yield ScanField(self.words("ui.idle.placeholder"), id="scan")
                    yield Notice(id="idle-notice")
                if self.kiosk.demo_badges:
                    with Vertical(id="idle-demo"):
                        yield Static(plain(self.words("ui.idle.demo_title")), classes="demo-title")
                        yield Static(self._demo_table(), id="demo-badges")
            with Vertical(id="board"):
                yield Static(plain(self.words("ui.board.title")), classes="board-title")
                board = DataTable[object](id="board-table", cursor_type="none", zebra_stripes=True)
                # Shown, never operated: the focus stays with the scan field.
                board.can_focus = False
                yield board
                yield Static("", id="board-alarms", markup=False)
            if self.kiosk.demo_badges:
                with Horizontal(classes="buttons"):
                    yield Button(self.words("ui.idle.quit_demo"), id="quit-demo")

    def _demo_table(self) -> Table:
        table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False)
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

    def on_mount(self) -> None:
        self.board_columns([])
        self.show_time()
        self.refresh_board()
        self.set_interval(BOARD_REFRESH_SECONDS, self.refresh_board)

    def on_screen_resume(self) -> None:
        """Back at idle: an empty field, focused for the next scan, and a fresh board."""
        scan = self.query_one("#scan", Input)
        scan.value = ""
        scan.focus()
        self.refresh_board()

    def refresh_board(self) -> None:
        """Read the board afresh off the UI thread, unless a read is still under way."""
        if not self.calls.querying("board"):
            self.calls.query("board", self.services.overview.board, BoardLoaded)

    def show_time(self) -> None:
        """The wall clock's time and date, from the kiosk's clock (injected in tests)."""
        now = local(self.kiosk.clock.now(), self.services.settings)
        self.query_one("#clock-time", Digits).update(now.strftime("%H:%M"))
        date = self.words(f"ui.board.weekday_{now.isoweekday()}") + " " + now.strftime("%Y-%m-%d")
        if self.size.width < WIDE_COLUMNS:
            date = f"{now.strftime('%H:%M')} · {date}"
        self.query_one("#clock-date", Static).update(plain(date))

    def on_board_loaded(self, message: BoardLoaded) -> None:
        self.show_time()
        self.show_board(message.board)

    def board_columns(self, cells: list[tuple[Text, ...]]) -> DataTable[object]:
        """The board's table emptied, its columns anew, fitted to their labels and cells."""
        table = self.query_one("#board-table", DataTable)
        labels = [(key, plain(self.words(f"ui.board.col_{key}"))) for key in BOARD_COLUMNS]
        fit_columns(table, labels, cells)
        return table

    def show_board(self, board: UnitBoard) -> None:
        cells = [self._board_cells(row) for row in board.rows]
        table = self.board_columns(cells)
        for row, shown in zip(board.rows, cells, strict=True):
            table.add_row(*shown, key=row.recorder.serial)
        alarms = self.query_one("#board-alarms", Static)
        if not board.alarms:
            alarms.update(plain(self.words("ui.board.no_alarms")))
            alarms.remove_class("-alarm")
            return
        kinds = list(
            dict.fromkeys(alarm_kind_words(a.kind, self.kiosk.language) for a in board.alarms)
        )
        line = self.words(
            "ui.board.alarms",
            count=len(board.alarms),
            kinds=item_separator(self.kiosk.language).join(kinds),
        )
        alarms.update(plain(line))
        alarms.add_class("-alarm")

    def _board_cells(self, row: BoardRow) -> tuple[Text, ...]:
        charge = "" if row.main_battery_percent is None else f"{row.main_battery_percent}%"
        return (
            plain(row.recorder.serial),
            plain(charge),
            plain(offload_words(self.words, row.offload)),
            plain(readiness_words(self.words, row.readiness)),
        )

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
