"""Provides the devices screen: every recorder of the box, and the acts on one (DESIGN §6).

Add opens the form; Retire asks a second person (a recorder leaves service for good only by
two people); History opens the recorder's life. The services check every rule.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor, Recorder, RecorderStatus
from appliance.domain.scan import CodeKind
from tui.dialogs.second_person import SecondPersonDialog, with_second_person
from tui.life_messages import DevicesLoaded
from tui.screens.base import KioskScreen
from tui.screens.device_add import AddDeviceScreen
from tui.screens.device_history import DeviceHistoryScreen
from tui.screens.label_requests import LabelRequesting
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class DevicesScreen(LabelRequesting, KioskScreen):
    """The list of recorders with unit, state and holder; the acts below it."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.rows: dict[str, RecorderStatus] = {}
        # The serial to show highlighted when the list is read again (after an act on it).
        self.keep: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.devices.title")), classes="screen-title")
            yield Static(plain(self.words("ui.devices.intro")))
            yield OptionList(id="devices-list")
            yield Notice(id="devices-notice")
            with Horizontal(classes="buttons -compact"):
                yield Button(self.words("ui.devices.add"), id="add")
                yield Button(self.words("ui.devices.retire"), id="retire")
                yield Button(self.words("ui.devices.history"), id="history")
                yield Button(self.words("ui.devices.label"), id="label")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#devices-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Each time the list shows (after an add or a retirement too), read it afresh."""
        self.reload()

    def reload(self) -> None:
        """Read every recorder again; a newer read replaces one still under way."""
        devices = partial(self.services.overview.devices, self.actor)
        self.calls.query("devices", devices, DevicesLoaded)

    def on_devices_loaded(self, message: DevicesLoaded) -> None:
        options = self.query_one("#devices-list", OptionList)
        options.clear_options()
        self.rows = {row.recorder.serial: row for row in message.rows}
        for row in message.rows:
            options.add_option(Option(plain(self._line(row)), id=row.recorder.serial))
        if self.keep in self.rows:
            options.highlighted = list(self.rows).index(self.keep)
        elif message.rows:
            options.highlighted = 0
        else:
            self.notice.inform(self.words("ui.devices.none"))

    def _line(self, row: RecorderStatus) -> str:
        """Serial, brand, model, unit and the state in words; who holds it, when out."""
        recorder = row.recorder
        holder = row.holder_name or row.holder_badge
        return self.words(
            "ui.devices.option_held" if holder else "ui.devices.option",
            serial=recorder.serial,
            brand=recorder.brand,
            model=recorder.model,
            unit=recorder.unit_code,
            state=self.words(f"state.{recorder.state.value}"),
            holder=holder,
        )

    def picked(self) -> Recorder | None:
        """The highlighted recorder, or None (said in one line)."""
        options = self.query_one("#devices-list", OptionList)
        serial = (
            None
            if options.highlighted is None
            else options.get_option_at_index(options.highlighted).id
        )
        row = self.rows.get(serial or "")
        if row is None:
            self.notice.refuse(self.words("ui.devices.pick"))
            return None
        return row.recorder

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        self.notice.clear()
        self.open_screen(AddDeviceScreen(self.actor), self.after_add)

    def after_add(self, added: tuple[str, str] | None) -> None:
        """The new recorder highlighted, and the sentence of what was done."""
        if added is None:
            return
        serial, line = added
        self.keep = serial
        self.notice.inform(line)
        self.reload()

    @on(Button.Pressed, "#retire")
    def retire(self) -> None:
        """Ask the second person; the service checks both and the recorder's state (§6)."""
        recorder = self.picked()
        if recorder is None:
            return
        self.notice.clear()
        self.keep = recorder.serial
        act = partial(self.services.lifecycle.retire, self.actor, recorder.serial)
        title = self.words(
            "ui.devices.retire_title",
            serial=recorder.serial,
            brand=recorder.brand,
            model=recorder.model,
        )
        dialog = SecondPersonDialog(title, with_second_person(self.services, act))
        self.open_screen(dialog, partial(self.after_retire, recorder.serial))

    def after_retire(self, serial: str, second: Actor | None) -> None:
        """Retired (with whom), or cancelled: nothing was done."""
        if second is None:
            return
        who = second.name or second.actor_id
        self.notice.inform(self.words("ui.devices.retired", serial=serial, second=who))
        self.reload()

    @on(OptionList.OptionSelected, "#devices-list")
    @on(Button.Pressed, "#history")
    def history(self) -> None:
        """The highlighted recorder's life (Enter on the list opens it too)."""
        recorder = self.picked()
        if recorder is None:
            return
        self.notice.clear()
        self.keep = recorder.serial
        self.open_screen(DeviceHistoryScreen(self.actor, recorder))

    @on(Button.Pressed, "#label")
    def label(self) -> None:
        """The recorder's label, signed and written by the service (DESIGN §6)."""
        recorder = self.picked()
        if recorder is not None:
            self.ask_label(CodeKind.DEVICE, recorder.serial, self.query_one("#label", Button))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
