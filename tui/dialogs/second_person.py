"""Provides the second-person dialog: badge and PIN of whoever confirms a two-person act (§6).

The dialog signs the second person in and runs the act with them as confirmer in one worker,
so a refusal (wrong PIN, a badge that may not confirm) lands on the dialog itself and the
right person can try at once; it dismisses with the confirmer once the act is done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor
from appliance.i18n import explain, t
from appliance.services.auth import AuthService
from tui.calls import call_service
from tui.dialogs.pin import PIN_MAX_LENGTH
from tui.messages import ServiceFailed, ServiceRefused, SignedIn
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from tui.app import KioskApp

# Refusals about the second person's badge itself: their badge field starts again.
_BADGE_REFUSALS = frozenset(
    {
        "badge_locked",
        "person_inactive",
        "unknown_badge",
        "invalid_code",
        "forged_code",
        "label_other_unit",
        "confirmer_not_allowed",
    }
)


def sign_in_and_act(auth: AuthService, raw: str, pin: str, act: Callable[[Actor], object]) -> Actor:
    """Two service calls: the second person signs in, then the act runs with them."""
    second = auth.sign_in_scanned(raw, pin)
    act(second)
    return second


class SecondPersonDialog(ModalScreen[Actor | None]):
    """Badge, PIN, Confirm: dismisses with the confirmer once `act` succeeded, None on cancel."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, act: Callable[[Actor], object]) -> None:
        super().__init__()
        self.title_line = title
        self._act = act

    @property
    def kiosk(self) -> KioskApp:
        """The kiosk app, typed."""
        return cast("KioskApp", self.app)

    def words(self, key: str, **params: object) -> str:
        """A catalogue message in the kiosk's language."""
        return t(key, self.kiosk.language, **params)

    def compose(self) -> ComposeResult:
        with Vertical(id="second-box", classes="dialog"):
            yield Static(plain(self.title_line), classes="dialog-title")
            yield Static(plain(self.words("ui.second.prompt")))
            yield ScanField(self.words("ui.idle.placeholder"), id="second-badge")
            yield Input(
                select_on_focus=False,
                placeholder=self.words("ui.pin.placeholder"),
                password=True,
                restrict=r"[0-9]*",
                max_length=PIN_MAX_LENGTH,
                id="second-pin",
            )
            yield Notice(id="second-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.second.confirm"), variant="primary", id="confirm")
                yield Button(self.words("ui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#second-badge", Input).focus()

    @on(Input.Submitted, "#second-badge")
    def badge_entered(self) -> None:
        """The scanner ends with Enter: the PIN comes next."""
        self.query_one("#second-pin", Input).focus()

    @on(Input.Submitted, "#second-pin")
    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        """Sign the second person in and do the act; the PIN is emptied at once."""
        badge_field = self.query_one("#second-badge", Input)
        pin_field = self.query_one("#second-pin", Input)
        raw, pin = badge_field.value, pin_field.value
        pin_field.value = ""
        if not raw.strip():
            badge_field.focus()
            return
        if not pin:
            pin_field.focus()
            return
        self.query_one(Notice).inform(self.words("ui.busy"))
        self.query_one("#confirm", Button).disabled = True
        self.run_act(partial(sign_in_and_act, self.kiosk.services.auth, raw, pin, self._act))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_act(self, call: Callable[[], Actor]) -> None:
        """Off the UI thread (scrypt takes a while); bound on the UI thread by confirm()."""
        call_service(self, call, SignedIn)

    def on_signed_in(self, message: SignedIn) -> None:
        self.dismiss(message.actor)

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """One line saying why; the dialog stays for another try, or Cancel."""
        self.query_one("#confirm", Button).disabled = False
        self.query_one(Notice).refuse(explain(message.refusal, self.kiosk.language))
        if message.refusal.reason in _BADGE_REFUSALS:
            badge_field = self.query_one("#second-badge", Input)
            badge_field.value = ""
            badge_field.focus()
        else:
            self.query_one("#second-pin", Input).focus()

    @on(ServiceFailed)
    def failed(self) -> None:
        self.query_one("#confirm", Button).disabled = False
        self.query_one(Notice).refuse(self.words("ui.error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Nothing was done."""
        self.dismiss(None)
