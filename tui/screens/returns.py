"""Provides the return flow: the holder returns their recorder, or a unit head any of the unit's."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.bootstrap import Services
from appliance.domain.records import Actor, RecorderStatus
from appliance.domain.roles import Action
from appliance.domain.scan import CodeKind
from tui.messages import DeviceScanned, ReturnableLoaded, Returned
from tui.screens.base import KioskScreen, may
from tui.screens.sign_out import scanned_serial
from tui.text import clock_time, day_time, plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar


def returnable(services: Services, actor: Actor) -> list[RecorderStatus]:
    """What the actor may return: what they hold, or for a unit head all signed out (Art. 7)."""
    if may(actor, Action.RETURN_FOR_OTHER):
        return [row for row in services.custody.unit_status(actor) if row.holder_badge]
    rows = []
    for session in services.custody.held_by(actor.actor_id):
        recorder = services.registry.recorder(session.serial)
        if recorder is not None:
            rows.append(
                RecorderStatus(recorder, session.holder_badge, actor.name, session.started_at)
            )
    return rows


class ReturnScreen(KioskScreen):
    """Choose the recorder being handed back; the service closes its custody session."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.return.title")), classes="screen-title")
            yield Static(plain(self.words("ui.return.prompt")), classes="prompt")
            yield ScanField(self.words("ui.signout.placeholder"), id="return-scan")
            yield OptionList(id="returnable")
            yield Notice(id="return-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#return-scan", Input).focus()
        self.run_call(partial(returnable, self.services, self.actor), ReturnableLoaded)

    def on_returnable_loaded(self, message: ReturnableLoaded) -> None:
        options = self.query_one("#returnable", OptionList)
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

    @on(Input.Submitted, "#return-scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A label was scanned or a serial typed: the auth service reads it as data."""
        raw = event.value
        event.input.value = ""
        self.notice.clear()
        if raw.strip():
            read = partial(self.services.auth.read_code, raw, CodeKind.DEVICE)
            self.run_call(read, scanned_serial)

    def on_device_scanned(self, message: DeviceScanned) -> None:
        self.return_recorder(message.serial)

    @on(OptionList.OptionSelected, "#returnable")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.return_recorder(event.option.id)

    def return_recorder(self, serial: str) -> None:
        """Close the custody session; the service decides whether this actor may."""
        self.notice.inform(self.words("ui.busy"))
        self.run_call(partial(self.services.custody.return_recorder, self.actor, serial), Returned)

    def on_returned(self, message: Returned) -> None:
        """Closed: now the footage (Art. 12(1)); the dock screen follows its offload."""
        session = message.session
        ended = session.ended_at or session.started_at
        line = self.words(
            "cli.returned",
            serial=session.serial,
            time=clock_time(ended, self.services.settings),
        )
        self.kiosk.show_dock(session, line)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.app.pop_screen()
