"""Provides what the kiosk's Pilot tests share: signing in as a scanner and a person would."""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Static
from textual.worker import WorkerCancelled

from appliance.bootstrap import Services
from appliance.domain.custody import RecorderState
from tui.app import KioskApp
from tui.screens.base import KioskScreen
from tui.widgets.notice import Notice


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and the messages they posted are handled."""
    app = pilot.app
    # A handler may start the next worker (e.g. reload after unlock), so wait until a pause
    # leaves no worker pending or running.
    for _ in range(10):
        await _wait_for_workers(app)
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers) and not _in_flight(app):
            break
    _end_press_effects(app)


async def _wait_for_workers(app: App[None]) -> None:
    """Wait for every worker to end; one its screen's removal cancelled counts as ended.

    A command's worker posts its outcome just before its function returns: the screen can
    handle it and close (on_person_changed dismisses) while the thread is still returning, and
    Textual then marks the worker cancelled although its work was done and its outcome shown.
    What the command wrote is checked by the tests themselves, in the audit log.
    """
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def _end_press_effects(app: App[None]) -> None:
    """End every button's press effect now, as 0.2 s of a person's time would.

    Textual ignores a click on a button still showing its press (the "-active" class, 0.2 s
    of wall time): under load a test's next click came sooner and was lost. The timer that
    would remove the class still runs and finds nothing to do.
    """
    for screen in app.screen_stack:
        for button in screen.query(Button).filter(".-active"):
            button.remove_class("-active")


def _in_flight(app: App[None]) -> bool:
    """Whether a screen still holds a command's widgets: its settling message not yet handled
    (under load it can trail the worker's end), so a press now would meet a disabled button."""
    return any(isinstance(s, KioskScreen) and s.calls.busy for s in app.screen_stack)


async def scan(pilot: Pilot[None], code: str) -> None:
    """Type a code and Enter, as the USB scanner does, and wait for the outcome."""
    await pilot.press(*code, "enter")
    await settle(pilot)


async def sign_in(pilot: Pilot[None], badge: str, pin: str) -> None:
    """Scan a badge at the idle screen and enter its PIN."""
    await scan(pilot, badge)
    await scan(pilot, pin)


def notice_text(app: KioskApp) -> str:
    """The one-line notice of the screen on top."""
    return app.screen.query_one(Notice).text


def shown(app: KioskApp, selector: str) -> str:
    """The plain text a Static on the top screen shows."""
    return str(app.screen.query_one(selector, Static).content)


def state_of(services: Services, serial: str) -> RecorderState:
    """A recorder's state as the register has it."""
    recorder = services.registry.recorder(serial)
    assert recorder is not None
    return recorder.state
