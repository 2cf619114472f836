"""Provides what the kiosk's dialogs share: their words, their calls, and the way a command ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen

from appliance.i18n import t
from tui.calls import ServiceCalls
from tui.messages import CommandSettled

if TYPE_CHECKING:
    from tui.app import KioskApp

ResultT = TypeVar("ResultT")


class KioskDialog(ModalScreen[ResultT]):
    """A modal dialog returning a value (STYLE 11) that calls services as a screen does."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = ServiceCalls(self)

    @property
    def kiosk(self) -> KioskApp:
        """The kiosk app, typed."""
        return cast("KioskApp", self.app)

    def words(self, key: str, **params: object) -> str:
        """A catalogue message in the kiosk's language."""
        return t(key, self.kiosk.language, **params)

    def on_command_settled(self, message: CommandSettled) -> None:
        """A command ended: its widgets come back, then its outcome is handled."""
        self.calls.settled(message)

    def cancel(self) -> None:
        """Close with no value, unless a command is in flight: its outcome is shown here."""
        if not self.calls.busy:
            self.dismiss(None)
