"""Provides registering a recorder at the kiosk: serial, brand, model, and its unit (Art. 9).

The service checks every field and the register; its refusal is one line on the form. A
recorder of another unit is registered as such, so the dock knows it and sign-out refuses it.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor, Recorder
from tui.life_messages import DeviceAdded
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# The form's fields, in the order Enter moves through them.
FIELDS = ("serial", "brand", "model", "unit")


class AddDeviceScreen(KioskScreen):
    """Four fields; closes with (serial, the sentence of what was done), or None."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.device_add.title")), classes="screen-title")
            with Vertical(id="device-form"):
                for name in FIELDS:
                    placeholder = self.words(f"ui.device_add.{name}")
                    yield Input(placeholder=placeholder, max_length=64, id=f"device-{name}")
            yield Notice(id="device-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.device_add.add"), variant="primary", id="add")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#device-serial", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves on as Tab does; on the unit, the last field, it registers."""
        if event.input.id == "device-unit":
            self.add()
        else:
            self.focus_next()

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        """Register the recorder: to this unit, or to the unit whose code is given."""
        value = {name: self.query_one(f"#device-{name}", Input).value for name in FIELDS}
        unit = value["unit"].strip() or None
        act = partial(
            self.services.registry.add_recorder,
            self.actor,
            value["serial"].strip(),
            value["brand"],
            value["model"],
            unit,
        )
        self.notice.clear()
        hold = (*self.query(Input), self.query_one("#add", Button))
        if self.calls.command("add-device", act, DeviceAdded, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_device_added(self, message: DeviceAdded) -> None:
        self.dismiss((message.recorder.serial, self._done_line(message.recorder)))

    def _done_line(self, recorder: Recorder) -> str:
        home = self.services.settings.unit_code
        key = "ui.device_add.done" if recorder.unit_code == home else "ui.device_add.done_other"
        return self.words(
            key,
            serial=recorder.serial,
            brand=recorder.brand,
            model=recorder.model,
            unit=recorder.unit_code,
        )

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the list; nothing was registered."""
        self.go_back()
