"""Provides the return flow: the holder returns their recorder, or a unit head any of the unit's."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button
from textual.widgets.option_list import Option

from appliance.domain.roles import Action
from tui.messages import ReturnableLoaded, Returned, ShowDock
from tui.screens.base import may
from tui.screens.fault import FaultScreen
from tui.screens.recorder_choice import RecorderChoiceScreen
from tui.text import clock_time, day_time, plain


class ReturnScreen(RecorderChoiceScreen):
    """Choose the recorder being handed back; the service closes its custody session."""

    TITLE_KEY = "ui.return.title"
    PROMPT_KEY = "ui.return.prompt"
    SCAN_ID = "return-scan"
    LIST_ID = "returnable"
    NOTICE_ID = "return-notice"

    def load(self) -> None:
        returnable = partial(self.services.overview.returnable, self.actor)
        self.calls.query("returnable", returnable, ReturnableLoaded)

    def on_returnable_loaded(self, message: ReturnableLoaded) -> None:
        options = self.options
        options.clear_options()
        settings = self.services.settings
        for row in message.rows:
            since = day_time(row.since, settings) if row.since else ""
            prompt = self.words(
                "ui.return.option",
                serial=row.recorder.serial,
                holder=row.holder_name or row.holder_badge or "",
                time=since,
            )
            options.add_option(Option(plain(prompt), id=row.recorder.serial))
        if not message.rows:
            self.notice.inform(self.words("ui.return.none"))
        for button in self.query("#fault").results(Button):
            button.disabled = not message.rows

    def more_buttons(self) -> ComposeResult:
        """Art. 5(8): a recorder that fails goes back with its fault report, from here too."""
        if may(self.actor, Action.REPORT_FAULT):
            yield Button(self.words("ui.return.fault"), id="fault")

    @on(Button.Pressed, "#fault")
    def report_fault(self) -> None:
        """Hand the highlighted recorder back with a fault report: it goes for repair."""
        options = self.options
        if options.highlighted is None:
            self.notice.refuse(self.words("ui.fault.pick"))
            return
        serial = options.get_option_at_index(options.highlighted).id
        if serial is not None:
            self.open_screen(FaultScreen(self.actor, serial))

    def chosen(self, serial: str) -> None:
        self.return_recorder(serial)

    def return_recorder(self, serial: str) -> None:
        """Close the custody session; the service decides whether this actor may.

        A command: a second pick or scan while it is recorded does nothing.
        """
        call = partial(self.services.custody.return_recorder, self.actor, serial)
        if self.calls.command("return", call, Returned, *self.choice):
            self.notice.inform(self.words("ui.busy"))

    def on_returned(self, message: Returned) -> None:
        """Closed: now the footage (Art. 12(1)); the dock screen follows its offload."""
        session = message.session
        ended = session.ended_at or session.started_at
        line = self.words(
            "cli.returned",
            serial=session.serial,
            time=clock_time(ended, self.services.settings),
        )
        self.app.post_message(ShowDock(self, session, line))
