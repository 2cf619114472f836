"""Provides the pre-shift check (Art. 4): each open item confirmed one by one, then sign-out."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Static

from appliance.domain.checks import CheckItem
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.services.custody import ChecklistLine
from tui.messages import RecorderSignedOut, ShowDone, SignedOut
from tui.screens.base import KioskScreen, may
from tui.screens.fault import FaultScreen
from tui.text import clock_time, plain
from tui.widgets.check_box import ShapeCheckbox
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class ChecklistScreen(KioskScreen):
    """Readings the recorder reported are shown; every other item is a box to tick."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, serial: str, lines: list[ChecklistLine]) -> None:
        super().__init__()
        self.actor = actor
        self.serial = serial
        self.lines = lines

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            title = self.words("ui.check.title", serial=self.serial)
            yield Static(plain(title), classes="screen-title")
            yield Static(plain(self.words("ui.check.prompt")), classes="prompt")
            with Vertical(id="check-items"):
                for line in self.lines:
                    label = self.words(f"item.{line.item.value}")
                    if line.measured_ok is None:
                        yield ShapeCheckbox(
                            plain(label), id=f"item-{line.item.value}", compact=True
                        )
                    elif line.measured_ok:
                        shown = self.words("ui.check.measured_ok", item=label, reading=line.reading)
                        yield Static(plain(shown), classes="reading")
                    else:
                        # Art. 4: what it read and what a shift needs, never an identifier.
                        failure = self.words(
                            f"check_fail.{line.item.value}",
                            reading=line.reading,
                            threshold=line.threshold,
                        )
                        shown = self.words("ui.check.measured_fail", item=label, failure=failure)
                        yield Static(plain(shown), classes="reading -failed")
            yield Notice(id="check-notice")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.words("ui.check.confirm"), variant="primary", id="confirm", disabled=True
                )
                if may(self.actor, Action.REPORT_FAULT):
                    # Art. 5(8): a lens or microphone seen broken is reported from here.
                    yield Button(self.words("ui.home.fault"), id="fault")
                yield Button(self.words("ui.back"), id="back")

    def confirmed(self) -> set[CheckItem]:
        """The items the officer has ticked."""
        return {
            line.item
            for line in self.lines
            if line.measured_ok is None
            and self.query_one(f"#item-{line.item.value}", Checkbox).value
        }

    @on(Checkbox.Changed)
    def ticked(self) -> None:
        """Offer sign-out once every open item is ticked; the service checks again (Art. 4)."""
        still_open = [line for line in self.lines if line.measured_ok is None]
        self.query_one("#confirm", Button).disabled = len(self.confirmed()) < len(still_open)

    @on(Button.Pressed, "#confirm")
    def sign_out(self) -> None:
        """Sign the recorder out with the ticked items; the boxes hold still meanwhile."""
        call = partial(self.services.custody.sign_out, self.actor, self.serial, self.confirmed())
        hold = (self.query_one("#confirm", Button), *self.query(Checkbox))
        if self.calls.command("sign-out", call, SignedOut, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_signed_out(self, message: SignedOut) -> None:
        """Art. 10: say plainly who answers for the recorder from when."""
        started = clock_time(message.session.started_at, self.services.settings)
        line = self.words("cli.signed_out", serial=message.session.serial, time=started)
        self.app.post_message(ShowDone(self, line))
        self.app.post_message(RecorderSignedOut(message.session))

    @on(Button.Pressed, "#fault")
    def report_fault(self) -> None:
        """What the check found broken is reported at once; the recorder leaves the pool."""
        self.open_screen(FaultScreen(self.actor, self.serial))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to choosing a recorder."""
        self.go_back()
