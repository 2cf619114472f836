"""Provides the PIN dialog: the second half of sign-in, returning the signed-in actor or None."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor, Person
from appliance.i18n import explain, t
from tui.calls import call_service
from tui.messages import ServiceFailed, ServiceRefused, SignedIn
from tui.text import plain
from tui.widgets.notice import Notice

if TYPE_CHECKING:
    from tui.app import KioskApp

T = TypeVar("T")

# DESIGN §6: a PIN is 6 to 12 digits; longer input cannot be a PIN.
PIN_MAX_LENGTH = 12


class PinDialog(ModalScreen[Actor | None]):
    """Asks the identified person for their PIN; dismisses with the Actor, or None on cancel."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    @property
    def kiosk(self) -> KioskApp:
        """The kiosk app, typed."""
        return cast("KioskApp", self.app)

    def words(self, key: str, **params: object) -> str:
        """A catalogue message in the kiosk's language."""
        return t(key, self.kiosk.language, **params)

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box", classes="dialog"):
            hello = self.words("ui.pin.hello", badge=self.person.badge, name=self.person.name)
            yield Static(plain(hello), classes="dialog-title")
            yield Static(plain(self.words("ui.pin.prompt")))
            yield Input(
                # Digits typed after a refocus must not replace the ones before them.
                select_on_focus=False,
                placeholder=self.words("ui.pin.placeholder"),
                password=True,
                restrict=r"[0-9]*",
                max_length=PIN_MAX_LENGTH,
                id="pin",
            )
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

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_call(self, call: Callable[[], T], done: Callable[[T], Message]) -> None:
        """Run a service call off the UI thread (scrypt takes a while); see KioskScreen."""
        call_service(self, call, done)

    @on(Input.Submitted, "#pin")
    @on(Button.Pressed, "#sign-in")
    def submit(self) -> None:
        """Check the PIN; the field is emptied at once so it never lingers on screen."""
        field = self.query_one("#pin", Input)
        pin, field.value = field.value, ""
        if not pin or field.disabled:
            return
        self.query_one(Notice).inform(self.words("ui.busy"))
        self.run_call(partial(self.kiosk.services.auth.sign_in, self.person.badge, pin), SignedIn)

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
        self.dismiss(None)
