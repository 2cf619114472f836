"""Provides the first-sign-in step: whoever signs in with a PIN given to them chooses their own.

DESIGN §6: nobody but its owner should know the PIN they sign with, so a PIN the admin or a
unit head typed (a new person, a reset) is replaced before any home is shown. Dismisses with
the actor as they are after the change, or None (cancelled: no session begins).
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor
from appliance.i18n import explain
from tui.dialogs.base import KioskDialog
from tui.life_messages import PinChosen
from tui.messages import ServiceFailed, ServiceRefused
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.pin_field import pin_field


class ChoosePinDialog(KioskDialog[Actor | None]):
    """The new PIN twice, then Save; the service checks its form and that it is new."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-pin-box", classes="dialog"):
            title = self.words("ui.choose_pin.title", name=self.actor.name)
            yield Static(plain(title), classes="dialog-title")
            yield Static(plain(self.words("ui.choose_pin.prompt")))
            yield pin_field(self.words("ui.choose_pin.new"), "new-pin")
            yield pin_field(self.words("ui.choose_pin.again"), "new-pin-again")
            yield Notice(id="choose-pin-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.choose_pin.save"), variant="primary", id="save")
                yield Button(self.words("ui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-pin", Input).focus()

    @on(Input.Submitted, "#new-pin")
    def first_entered(self) -> None:
        self.query_one("#new-pin-again", Input).focus()

    @on(Input.Submitted, "#new-pin-again")
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Both fields are emptied at once; the PIN goes to the service only if they agree."""
        first, again = self.query_one("#new-pin", Input), self.query_one("#new-pin-again", Input)
        pin, repeated = first.value, again.value
        first.value = again.value = ""
        first.focus()
        if not pin:
            return
        if pin != repeated:
            self.query_one(Notice).refuse(self.words("ui.choose_pin.mismatch"))
            return
        call = partial(self.kiosk.services.auth.choose_pin, self.actor, pin)
        hold = (first, again, self.query_one("#save", Button))
        if self.calls.command("choose-pin", call, PinChosen, *hold):
            self.query_one(Notice).inform(self.words("ui.busy"))

    def on_pin_chosen(self, message: PinChosen) -> None:
        self.dismiss(message.actor)

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """One line saying why; both fields are typed again from the first."""
        self.query_one(Notice).refuse(explain(message.refusal, self.kiosk.language))
        self.query_one("#new-pin", Input).focus()

    @on(ServiceFailed)
    def failed(self) -> None:
        self.query_one(Notice).refuse(self.words("ui.error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """No session begins; the PIN stays one to be replaced."""
        self.cancel()
