"""Provides the second-person dialog: badge and PIN of whoever confirms a two-person act (§6).

The act is one service call that signs the second person in and acts with them as confirmer
(e.g. `AuthService.unlock_confirmed`), so a refusal (wrong PIN, a badge that may not confirm)
lands on the dialog itself and the right person can try at once; it dismisses with the
confirmer once the act is done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.bootstrap import Services
from appliance.domain.records import Actor
from appliance.i18n import explain
from tui.dialogs.base import KioskDialog
from tui.messages import ServiceFailed, ServiceRefused, SignedIn
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.pin_field import pin_field
from tui.widgets.scan_field import ScanField

# The act: the second person's scanned badge and PIN in, the confirmer out.
SecondPersonAct = Callable[[str, str], Actor]

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
        # A hold's lift: the second person must be someone else, or a head (DESIGN §11).
        "hold_lift_same_person",
        "hold_lift_needs_head",
    }
)


class SecondPersonDialog(KioskDialog[Actor | None]):
    """Badge, PIN, Confirm: dismisses with the confirmer once `act` succeeded, None on cancel."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, act: SecondPersonAct) -> None:
        super().__init__()
        self.title_line = title
        self._act = act

    def compose(self) -> ComposeResult:
        with Vertical(id="second-box", classes="dialog"):
            yield Static(plain(self.title_line), classes="dialog-title")
            yield Static(plain(self.words("ui.second.prompt")))
            yield ScanField(self.words("ui.idle.placeholder"), id="second-badge")
            yield pin_field(self.words("ui.pin.placeholder"), "second-pin")
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
        pin_input = self.query_one("#second-pin", Input)
        raw, pin = badge_field.value, pin_input.value
        pin_input.value = ""
        if not raw.strip():
            badge_field.focus()
            return
        if not pin:
            pin_input.focus()
            return
        # Off the UI thread (scrypt takes a while); never cancelled, done once.
        hold = (self.query_one("#confirm", Button), badge_field, pin_input)
        if self.calls.command("confirm", partial(self._act, raw, pin), SignedIn, *hold):
            self.query_one(Notice).inform(self.words("ui.busy"))

    def on_signed_in(self, message: SignedIn) -> None:
        self.dismiss(message.actor)

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """One line saying why; the dialog stays for another try, or Cancel."""
        self.query_one(Notice).refuse(explain(message.refusal, self.kiosk.language))
        if message.refusal.reason in _BADGE_REFUSALS:
            badge_field = self.query_one("#second-badge", Input)
            badge_field.value = ""
            badge_field.focus()
        else:
            self.query_one("#second-pin", Input).focus()

    @on(ServiceFailed)
    def failed(self) -> None:
        self.query_one(Notice).refuse(self.words("ui.error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Nothing was done."""
        self.cancel()


def with_second_person(services: Services, act: Callable[[Actor], object]) -> SecondPersonAct:
    """The act, done with whoever signs in at the dialog as its confirmer (DESIGN §6).

    Two steps, each audited by its service: the second person's sign-in (a wrong PIN counts
    against their badge), then the act naming both, which checks who may confirm it.
    """

    def confirm(raw: str, pin: str) -> Actor:
        second = services.auth.sign_in_scanned(raw, pin)
        act(second)
        return second

    return confirm
