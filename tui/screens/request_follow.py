"""Provides the following of one request the kiosk asked of the service (DESIGN §6).

On the box the hand-over and the disclosure export are the service's to do: the screen queues
the request, then reads its row and its progress back until the service answers. This is that
reading; what an answer means is the screen's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

from appliance.domain.requests import KioskRequest, RequestState
from tui.screens.base import KioskScreen

# How often the screen reads the service's answer.
ANSWER_POLL_SECONDS = 0.5


@dataclass
class RequestAnswer(Message):
    """The request followed, as it stands, and how far its writing is."""

    request: KioskRequest
    progress: tuple[int, int] | None


# A mixin of kiosk screens, never a screen itself (the i18n walk visits every screen class).
if TYPE_CHECKING:
    _Screen = KioskScreen
else:
    _Screen = object


class FollowsRequest(_Screen):
    """What a screen that follows a queued request mixes in (before KioskScreen)."""

    def __init__(self) -> None:
        super().__init__()
        # The request the service has not answered yet, and the poll for it.
        self.asked: KioskRequest | None = None
        self._answer_timer: Timer | None = None

    def follow(self, request: KioskRequest) -> None:
        """Read this request back until the service answers it."""
        self.asked = request
        if self._answer_timer is None:
            self._answer_timer = self.set_interval(ANSWER_POLL_SECONDS, self.poll_answer)

    def poll_answer(self) -> None:
        """Read the request and its progress afresh, off the UI thread."""
        asked = self.asked
        if asked is None or self.calls.querying("answer"):
            return
        requests = self.services.requests

        def read() -> RequestAnswer:
            return RequestAnswer(requests.get(asked.id), requests.progress(asked.id))

        self.calls.query("answer", read, lambda answer: answer)

    def answered(
        self, message: RequestAnswer, progress: Callable[[int], Message]
    ) -> KioskRequest | None:
        """The followed request once the service has answered it (no longer followed then);
        None while it waits (its progress posted as `progress(done)`) or for another one."""
        request = message.request
        if self.asked is None or request.id != self.asked.id:
            return None
        if request.state is RequestState.QUEUED:
            if message.progress is not None:
                self.post_message(progress(message.progress[0]))
            return None
        self.asked = None
        return request
