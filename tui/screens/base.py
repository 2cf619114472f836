"""Provides what every kiosk screen shares: its words, notice line, service calls and way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.screen import Screen
from textual.widgets import OptionList

from appliance.bootstrap import Services
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.i18n import explain, t
from appliance.services.context import allowed
from tui.calls import ServiceCalls
from tui.messages import CloseScreen, CommandSettled, OpenScreen, ServiceFailed, ServiceRefused
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from tui.app import KioskApp


def may(actor: Actor, action: Action) -> bool:
    """Whether the permission table lets the actor do this (to offer a button only).

    The services decide again, and audit a denial; this only keeps a button off the screen.
    """
    return allowed(actor, action)


def is_code_character(event: events.Key) -> bool:
    """A character a scanned code can hold (codes have no spaces: space stays a key)."""
    char = event.character
    return char is not None and len(char) == 1 and char.isprintable() and not char.isspace()


class KioskScreen(Screen[Any]):
    """A screen of the kiosk: refusals and failures land on its Notice as one line."""

    def __init__(self) -> None:
        super().__init__()
        # Queries and commands (STYLE 10); the handlers below own what they show.
        self.calls = ServiceCalls(self)

    def on_key(self, event: events.Key) -> None:
        """Send a scan to the scan field wherever the focus is.

        STYLE 13: a scanner's characters are data. Without this, a label scanned while the
        list has the focus would lose its text and its Enter would pick the highlighted row.
        """
        fields = self.query(ScanField)
        if not fields or not is_code_character(event):
            return
        field = fields.first()
        if field.has_focus or field.disabled:
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.insert_text_at_cursor(event.character or "")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A list that takes the focus shows its first row highlighted (issue 9 item 4)."""
        widget = event.widget
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.action_first()

    @property
    def kiosk(self) -> KioskApp:
        """The kiosk app, typed."""
        return cast("KioskApp", self.app)

    @property
    def services(self) -> Services:
        """The use cases."""
        return self.kiosk.services

    def words(self, key: str, **params: object) -> str:
        """A catalogue message in the kiosk's language."""
        return t(key, self.kiosk.language, **params)

    def role_name(self, actor: Actor) -> str:
        """The actor's role as people say it."""
        return self.words(f"role.{actor.role}")

    def signed_in_title(self, actor: Actor) -> str:
        """The title bar text for a signed-in screen."""
        who = self.words("ui.signed_in_as", name=actor.name, role=self.role_name(actor))
        return f"{self.words('ui.app_title')} · {who}"

    def open_screen(
        self, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> None:
        """Ask the app to show a screen above this one (STYLE 10: navigation is a message)."""
        self.app.post_message(OpenScreen(self, screen, callback))

    def go_back(self) -> None:
        """Ask the app to close this screen, unless a command it started is still in flight.

        A command is never cancelled, and its outcome is shown here: leaving now would hide it.
        """
        if not self.calls.busy:
            self.app.post_message(CloseScreen(self))

    @property
    def notice(self) -> Notice:
        """The screen's one-line notice."""
        return self.query_one(Notice)

    def on_command_settled(self, message: CommandSettled) -> None:
        """A command ended: its widgets come back, then its outcome is handled."""
        self.calls.settled(message)

    @on(ServiceRefused)
    def show_refusal(self, message: ServiceRefused) -> None:
        """One clear line saying why; the screen stays usable."""
        self.notice.refuse(explain(message.refusal, self.kiosk.language))

    @on(ServiceFailed)
    def show_failure(self, message: ServiceFailed) -> None:
        """A generic line; the details are in the log, never on the screen."""
        self.notice.refuse(self.words("ui.error"))
