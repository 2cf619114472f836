"""Provides the kiosk's side of a label request: ask the service, follow it, say the answer.

DESIGN §6: the kiosk never holds the label key. It queues the request and reads the row back
until the service (the dock) has signed and written the label, or refused it with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestState
from appliance.domain.scan import CodeKind
from tui.screens.base import KioskScreen

# The service looks between dock events (about a second): the kiosk reads as often.
LABEL_POLL_SECONDS = 1.0


@dataclass
class LabelAsked(Message):
    """The request is queued for the service."""

    request: KioskRequest


@dataclass
class LabelAnswers(Message):
    """The outstanding requests as they stand now."""

    requests: list[KioskRequest]


# A mixin of kiosk screens, never a screen itself (the i18n walk visits every screen class).
if TYPE_CHECKING:
    _Screen = KioskScreen
else:
    _Screen = object


class LabelRequesting(_Screen):
    """What a screen that asks for labels mixes in (before KioskScreen): `ask_label`, and the
    polling of the answers."""

    actor: Actor

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, KioskRequest] = {}
        self._label_timer: Timer | None = None

    def ask_label(self, kind: CodeKind, value: str, *hold: Widget) -> None:
        """Queue a label of a badge or a recorder; the service checks who may."""
        call = partial(self.services.requests.ask_label, self.actor, kind, value)
        if self.calls.command("ask-label", call, LabelAsked, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_label_asked(self, message: LabelAsked) -> None:
        request = message.request
        self.waiting[request.id] = request
        self.notice.inform(self.words("ui.label.asked", subject=request.subject))
        if self._label_timer is None:
            self._label_timer = self.set_interval(LABEL_POLL_SECONDS, self.poll_labels)

    def poll_labels(self) -> None:
        """Read the outstanding requests afresh, off the UI thread."""
        if not self.waiting or self.calls.querying("label-answers"):
            return
        ids = list(self.waiting)
        requests = self.services.requests

        def read() -> list[KioskRequest]:
            return [requests.get(request_id) for request_id in ids]

        self.calls.query("label-answers", read, LabelAnswers)

    def on_label_answers(self, message: LabelAnswers) -> None:
        for request in message.requests:
            if request.state is RequestState.QUEUED:
                continue
            self.waiting.pop(request.id, None)
            if request.state is RequestState.DONE:
                line = self.words("ui.label.done", subject=request.subject, path=request.result)
                self.notice.inform(line)
            else:
                said = self.words("ui.label.refused", subject=request.subject)
                why = self.words(request.reason, badge=request.requested_by)
                self.notice.refuse(f"{said} {why}")
