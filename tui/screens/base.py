"""Provides what every kiosk screen shares: its words, its notice line and its way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events, on, work
from textual.message import Message
from textual.screen import Screen

from appliance.bootstrap import Services
from appliance.domain.records import Actor
from appliance.domain.roles import Action, Role, is_allowed
from appliance.i18n import explain, t
from tui.calls import call_service
from tui.messages import ServiceFailed, ServiceRefused
from tui.widgets.notice import Notice
from tui.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from tui.app import KioskApp

T = TypeVar("T")


def may(actor: Actor, action: Action) -> bool:
    """Whether the permission table lets the actor's role do this (to offer a button only)."""
    try:
        return is_allowed(Role(actor.role), action)
    except ValueError:
        return False


def is_code_character(event: events.Key) -> bool:
    """A character a scanned code can hold (codes have no spaces: space stays a key)."""
    char = event.character
    return char is not None and len(char) == 1 and char.isprintable() and not char.isspace()


class KioskScreen(Screen[Any]):
    """A screen of the kiosk: refusals and failures land on its Notice as one line."""

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

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_call(self, call: Callable[[], T], done: Callable[[T], Message]) -> None:
        """Run a service call off the UI thread; its outcome comes back as a message (STYLE 9).

        Callers bind the service on the UI thread (`partial(self.services.x.y, ...)`), so the
        worker never reaches into the app.
        """
        call_service(self, call, done)

    @property
    def notice(self) -> Notice:
        """The screen's one-line notice."""
        return self.query_one(Notice)

    @on(ServiceRefused)
    def show_refusal(self, message: ServiceRefused) -> None:
        """One clear line saying why; the screen stays usable."""
        self.notice.refuse(explain(message.refusal, self.kiosk.language))

    @on(ServiceFailed)
    def show_failure(self, message: ServiceFailed) -> None:
        """A generic line; the details are in the log, never on the screen."""
        self.notice.refuse(self.words("ui.error"))
