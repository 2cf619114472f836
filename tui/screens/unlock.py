"""Provides the admin's way back from a lock-out: unlock a badge with a second person (§6).

If strangers type wrong PINs at every unit head's badge, no unit head can unlock anyone. The
admin then picks or scans the locked badge, and a unit head or the bureau head who is not
locked confirms with badge and PIN; the service checks both and audits both names.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor, Person
from tui.dialogs.second_person import SecondPersonDialog
from tui.messages import Identified, LockedLoaded
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField
from tui.widgets.title_bar import TitleBar


class UnlockScreen(KioskScreen):
    """Scan or pick the locked badge; the second person confirms in a dialog."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.unlock.title")), classes="screen-title")
            yield Static(plain(self.words("ui.unlock.prompt")), classes="prompt")
            yield ScanField(self.words("ui.idle.placeholder"), id="unlock-scan")
            yield OptionList(id="unlock-locked")
            yield Notice(id="unlock-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#unlock-scan", Input).focus()
        self.reload()

    def reload(self) -> None:
        """Fetch the locked badges afresh."""
        locked = partial(self.services.overview.locked_badges, self.actor)
        self.calls.query("locked", locked, LockedLoaded)

    def on_locked_loaded(self, message: LockedLoaded) -> None:
        options = self.query_one("#unlock-locked", OptionList)
        options.clear_options()
        for person in message.people:
            prompt = self.words("ui.unit.locked_option", badge=person.badge, name=person.name)
            options.add_option(Option(plain(prompt), id=person.badge))
        if not message.people:
            options.add_option(Option(plain(self.words("ui.unit.locked_none")), disabled=True))

    @on(Input.Submitted, "#unlock-scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A badge scanned or typed: the auth service reads it as data (and audits nonsense)."""
        raw = event.value
        event.input.value = ""
        self.notice.clear()
        if raw.strip():
            self.calls.query("identify", partial(self.services.auth.identify, raw), Identified)

    def on_identified(self, message: Identified) -> None:
        self.ask_second_person(message.person)

    @on(OptionList.OptionSelected, "#unlock-locked")
    def picked(self, event: OptionList.OptionSelected) -> None:
        badge = event.option.id
        if badge is None:
            return
        self.notice.clear()
        self.calls.query("identify", partial(self.services.auth.identify, badge), Identified)

    def ask_second_person(self, person: Person) -> None:
        """Open the confirm dialog for a locked badge; say so at once when it is not locked."""
        if not person.locked:
            self.notice.refuse(self.words("badge_not_locked", badge=person.badge))
            return
        unlock = partial(self.services.auth.unlock_confirmed, self.actor, person.badge)
        title = self.words("ui.second.unlock_title", badge=person.badge, name=person.name)
        self.open_screen(SecondPersonDialog(title, unlock), partial(self.after_confirm, person))

    def after_confirm(self, person: Person, second: Actor | None) -> None:
        """Back from the dialog: unlocked (with whom), or cancelled."""
        if second is None:
            return
        self.notice.inform(
            self.words("ui.unlock.done", badge=person.badge, name=second.name or second.actor_id)
        )
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
