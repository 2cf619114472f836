"""Provides how a screen calls a service: queries that replace each other, commands that never are.

Every outcome becomes a posted message (STYLE 9, 10): the result, ServiceRefused or
ServiceFailed. Handlers on the UI thread own every widget; nothing here runs in a worker touches
one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from appliance.domain.errors import Refusal
from tui.messages import CommandSettled, ServiceFailed, ServiceRefused

T = TypeVar("T")

log = logging.getLogger(__name__)


def outcome_of(call: Callable[[], T], done: Callable[[T], Message]) -> Message:
    """Run call here; its outcome as a message: done(result), ServiceRefused or ServiceFailed."""
    try:
        result = call()
    except Refusal as refusal:
        return ServiceRefused(refusal)
    except Exception as error:
        # DESIGN §3.5: nothing may crash the box or put a traceback on the kiosk's screen.
        log.exception("service call failed")
        return ServiceFailed(type(error).__name__)
    return done(result)


def call_service(pump: MessagePump, call: Callable[[], T], done: Callable[[T], Message]) -> None:
    """Run call in this worker's thread; post done(result), ServiceRefused or ServiceFailed.

    A worker replaced by a newer one (exclusive) posts nothing, so a double scan opens one dialog.
    """
    outcome = outcome_of(call, done)
    if not get_current_worker().is_cancelled:
        pump.post_message(outcome)


def _run_command(
    pump: MessagePump, name: str, call: Callable[[], T], done: Callable[[T], Message]
) -> None:
    """The body of a command's worker: one message carries both the end and the outcome."""
    outcome = outcome_of(call, done)
    if not get_current_worker().is_cancelled:
        pump.post_message(CommandSettled(name, outcome))


@dataclass
class _InFlight:
    """A command under way: the widgets it holds (with their state before) and the focus."""

    held: list[tuple[Widget, bool]]
    focused: Widget | None


class ServiceCalls:
    """One screen's service calls (STYLE 10).

    A query runs in an exclusive worker group of its own: a newer one of the same name replaces
    an older one, whose result is dropped. A command is never cancelled: while it is in flight
    the widgets that start it are disabled, a second start does nothing, and the screen will not
    be left (`busy`); its end and its outcome reach the screen in one CommandSettled message.
    """

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._in_flight: dict[str, _InFlight] = {}

    def query(self, name: str, call: Callable[[], T], done: Callable[[T], Message]) -> None:
        """Start a query; the same as `@work(thread=True, exclusive=True, group=name)`."""
        self._screen.run_worker(
            partial(call_service, self._screen, call, done),
            name=name,
            group=f"query:{name}",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def querying(self, name: str) -> bool:
        """True while a query of this name has not finished (a poll need not start another)."""
        return any(
            worker.node is self._screen
            and worker.group == f"query:{name}"
            and not worker.is_finished
            for worker in self._screen.app.workers
        )

    def command(
        self,
        name: str,
        call: Callable[[], T],
        done: Callable[[T], Message],
        *hold: Widget,
    ) -> bool:
        """Start a command unless one of this name is in flight; False when it was.

        The widgets in `hold` (its button, and the fields it read) are disabled until the
        screen handles the CommandSettled that ends it.
        """
        if name in self._in_flight:
            return False
        self._in_flight[name] = _InFlight(
            [(widget, widget.disabled) for widget in hold], self._screen.focused
        )
        for widget in hold:
            widget.disabled = True
        self._screen.run_worker(
            partial(_run_command, self._screen, name, call, done),
            name=name,
            group=f"command:{name}",
            exclusive=False,
            thread=True,
            exit_on_error=False,
        )
        return True

    @property
    def busy(self) -> bool:
        """True while any command of this screen is in flight."""
        return bool(self._in_flight)

    def settled(self, message: CommandSettled) -> None:
        """The command ended: give back its widgets and the focus, then handle its outcome.

        The outcome is posted from the UI thread, so it is queued ahead of anything a press on
        the re-enabled button can bring.
        """
        in_flight = self._in_flight.pop(message.name, None)
        if in_flight is not None:
            for widget, was_disabled in in_flight.held:
                widget.disabled = was_disabled
            focused = in_flight.focused
            if focused is not None and focused.is_attached and focused.focusable:
                focused.focus()
        self._screen.post_message(message.outcome)
