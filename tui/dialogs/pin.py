"""Provides the PIN dialog: the second half of sign-in, returning the signed-in actor or None."""

from __future__ import annotations

from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor, Person
from appliance.i18n import explain
from tui.dialogs.base import KioskDialog
from tui.messages import ServiceFailed, ServiceRefused, SignedIn
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.pin_field import pin_field


class PinDialog(KioskDialog[Actor | None]):
    """Asks the identified person for their PIN; dismisses with the Actor, or None on cancel."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box", classes="dialog"):
            hello = self.words("ui.pin.hello", badge=self.person.badge, name=self.person.name)
            yield Static(plain(hello), classes="dialog-title")
            yield Static(plain(self.words("ui.pin.prompt")))
            yield pin_field(self.words("ui.pin.placeholder"), "pin")
            yield Notice(id="pin-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.pin.sign_in"), variant="primary", id="sign-in")
                yield Button(self.words("ui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()
        if self.person.locked:
            # Say so before a PIN is typed; the service would refuse it anyway (DESIGN §6).
            self._lock_out(self.words("badge_locked", badge=self.person.badge))

    def _lock_out(self, line: str) -> None:
        self.query_one(Notice).refuse(line)
        self.query_one("#pin", Input).disabled = True
        self.query_one("#sign-in", Button).disabled = True
        self.query_one("#cancel", Button).focus()

    def on_key(self, event: events.Key) -> None:
        """Digits typed while a button has the focus still go to the PIN field."""
        field = self.query_one("#pin", Input)
        if event.character and event.character.isdigit() and not field.has_focus:
            if not field.disabled:
                event.stop()
                field.focus()
                field.insert_text_at_cursor(event.character)

    @on(Input.Submitted, "#pin")
    @on(Button.Pressed, "#sign-in")
    def submit(self) -> None:
        """Check the PIN off the UI thread (scrypt takes a while); the field is emptied at once.

        A command: a failed try counts against the badge, so a second Enter while the first
        is checked does nothing.
        """
        field = self.query_one("#pin", Input)
        pin, field.value = field.value, ""
        if not pin or field.disabled:
            return
        call = partial(self.kiosk.services.auth.sign_in, self.person.badge, pin)
        if self.calls.command("sign-in", call, SignedIn, field, self.query_one("#sign-in", Button)):
            self.query_one(Notice).inform(self.words("ui.busy"))

    def on_signed_in(self, message: SignedIn) -> None:
        self.dismiss(message.actor)

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """Wrong PIN (with the tries left), or locked: then only Cancel is left (DESIGN §6)."""
        line = explain(message.refusal, self.kiosk.language)
        if message.refusal.reason in ("badge_locked", "person_inactive", "unknown_badge"):
            self._lock_out(line)
        else:
            self.query_one(Notice).refuse(line)

    @on(ServiceFailed)
    def failed(self) -> None:
        self.query_one(Notice).refuse(self.words("ui.error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Back to the idle screen, signed in as nobody."""
        self.cancel()
