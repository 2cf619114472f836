"""Provides the one way a worker calls a service: every outcome becomes a posted message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from appliance.domain.errors import Refusal
from tui.messages import ServiceFailed, ServiceRefused

T = TypeVar("T")

log = logging.getLogger(__name__)


def call_service(pump: MessagePump, call: Callable[[], T], done: Callable[[T], Message]) -> None:
    """Run call in this worker's thread; post done(result), ServiceRefused or ServiceFailed.

    Handlers on the UI thread own every widget (STYLE 9); this function touches none. A worker
    replaced by a newer one (exclusive) posts nothing, so a double scan opens one dialog.
    """
    try:
        result = call()
    except Refusal as refusal:
        outcome: Message = ServiceRefused(refusal)
    except Exception as error:
        # DESIGN §3.5: nothing may crash the box or put a traceback on the kiosk's screen.
        log.exception("service call failed")
        outcome = ServiceFailed(type(error).__name__)
    else:
        outcome = done(result)
    if not get_current_worker().is_cancelled:
        pump.post_message(outcome)
