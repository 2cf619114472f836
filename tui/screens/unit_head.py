"""Provides the unit head's screen: every recorder with holder and since when, and unlocking."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.footage import OffloadProgress
from appliance.domain.records import Actor, RecorderStatus
from appliance.domain.roles import Action
from tui.messages import UnitStatusLoaded, Unlocked
from tui.screens.base import KioskScreen, may
from tui.text import day_time, plain
from tui.widgets.fitted_columns import fit_columns
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar
from tui.worded import offload_words

# What matters first at 80 columns: which recorder, its state and its footage; the model,
# the longest and least needed, comes last and is the one cut on a narrow screen.
COLUMNS = ("serial", "state", "offload", "holder", "since", "model")


class UnitHeadScreen(KioskScreen):
    """Who holds which recorder since when: the unit head's daily check (Art. 7, Art. 14)."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, *, unlocking: bool = False) -> None:
        super().__init__()
        self.actor = actor
        # Opened to unlock a badge: the focus starts on the locked badges.
        self.unlocking = unlocking

    def compose(self) -> ComposeResult:
        settings = self.services.settings
        unit = settings.unit_name or settings.unit_code
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.unit.title", unit=unit)), classes="screen-title")
            table: DataTable[object] = DataTable(id="recorders", cursor_type="row")
            yield table
            if may(self.actor, Action.UNLOCK_BADGE):
                yield Static(plain(self.words("ui.unit.locked_title")), classes="prompt")
                yield OptionList(id="locked")
            yield Notice(id="unit-notice")
            with Horizontal(classes="buttons"):
                if may(self.actor, Action.UNLOCK_BADGE):
                    yield Button(self.words("ui.unit.unlock"), id="unlock", disabled=True)
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        table = self.query_one("#recorders", DataTable)
        self._columns(table, [])
        if self.unlocking and may(self.actor, Action.UNLOCK_BADGE):
            self.query_one("#locked", OptionList).focus()
        else:
            table.focus()
        self.reload()

    def _columns(self, table: DataTable[object], rows: list[tuple[object, ...]]) -> None:
        """The table emptied, its columns anew, fitted to their labels and cells."""
        labels = [(key, plain(self.words(f"ui.unit.col_{key}"))) for key in COLUMNS]
        fit_columns(table, labels, rows)

    def reload(self) -> None:
        """Fetch the unit's recorders and locked badges afresh."""
        overview = partial(self.services.overview.unit_overview, self.actor)
        self.calls.query("unit-overview", overview, UnitStatusLoaded)

    def on_unit_status_loaded(self, message: UnitStatusLoaded) -> None:
        overview = message.overview
        table = self.query_one("#recorders", DataTable)
        rows: list[tuple[object, ...]] = []
        for row in overview.rows:
            offload = self._offload_cell(overview.offloads.get(row.recorder.serial))
            serial, state, holder, since, model = self._cells(row)
            rows.append((serial, state, offload, holder, since, model))
        # The cursor row stays where it was: the columns are set anew around it.
        cursor = table.cursor_row
        self._columns(table, rows)
        for row, cells in zip(overview.rows, rows, strict=True):
            table.add_row(*cells, key=row.recorder.serial)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        if not may(self.actor, Action.UNLOCK_BADGE):
            return
        options = self.query_one("#locked", OptionList)
        options.clear_options()
        for person in overview.locked:
            prompt = self.words("ui.unit.locked_option", badge=person.badge, name=person.name)
            options.add_option(Option(plain(prompt), id=person.badge))
        if overview.locked:
            options.highlighted = 0
        else:
            options.add_option(Option(plain(self.words("ui.unit.locked_none")), disabled=True))
        self.query_one("#unlock", Button).disabled = not overview.locked

    def _cells(self, row: RecorderStatus) -> tuple[object, ...]:
        recorder = row.recorder
        since = day_time(row.since, self.services.settings) if row.since else ""
        return (
            plain(recorder.serial),
            plain(self.words(f"state.{recorder.state.value}")),
            plain(row.holder_name or row.holder_badge or ""),
            plain(since),
            plain(f"{recorder.brand} {recorder.model}"),
        )

    def _offload_cell(self, progress: OffloadProgress | None) -> object:
        """The newest offload: its state, its clips, and how many were flagged."""
        return plain(offload_words(self.words, progress))

    @on(OptionList.OptionSelected, "#locked")
    @on(Button.Pressed, "#unlock")
    def unlock(self) -> None:
        """Lift the lock on the highlighted badge; the service checks the role and the unit."""
        options = self.query_one("#locked", OptionList)
        if options.highlighted is None:
            return
        badge = options.get_option_at_index(options.highlighted).id
        if badge is None:
            return
        call = partial(self.services.auth.unlock, self.actor, badge)
        self.calls.command(
            "unlock", call, lambda _: Unlocked(badge), self.query_one("#unlock", Button), options
        )

    def on_unlocked(self, message: Unlocked) -> None:
        self.notice.inform(self.words("cli.unlocked", badge=message.badge))
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
