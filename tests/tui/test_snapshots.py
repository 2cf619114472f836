"""Provides the snapshot tests: every screen in both languages at 80×24, the board at 120×40.

Issue 9 item 8 (STYLE 14): one test per stop of `tests/tui/walk.py` and language, each with a
docstring saying what a reviewer should see in its SVG (`tests/tui/__snapshots__/`). They are
deterministic: the demo's fixed PINs, the settable clock at START (08:02 Beijing time, the
wall clock set by `beijing_wall_clock`), no random id on any screen.
`pytest --snapshot-update tests/tui/test_snapshots.py` rewrites them after a deliberate change.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from appliance.adapters.clock import SettableClock
from tests.conftest import DEMO_PINS, START
from tests.demo_homes import demo_copy
from tests.tui.helpers import settle
from tests.tui.test_i18n_walk import identifiers_in
from tests.tui.walk import STOPS, Stop, screen_text
from tui.app import KioskApp, create_app

LANGUAGES = {"en": "English", "zh_CN": "Chinese"}
# A hex digest as the screens show one (eight digits or more).
DIGEST = re.compile(r"\b[0-9a-f]{8,}")
SnapCompare = Callable[..., bool]


def kiosk_on(tmp_path: Path, language: str) -> KioskApp:
    """The demo home's kiosk on the settable clock."""
    clock = SettableClock(START)
    services, badges = demo_copy(tmp_path / "home", language, clock, DEMO_PINS)
    app = create_app(services, badges, clock=clock)
    # An indeterminate progress bar moves with real time; without animation it stands still.
    app.animation_level = "none"
    return app


def mask(widget: Static) -> None:
    """A digest's hex digits as dots, its length kept: the same on every seeded home."""
    text = str(widget.content)
    widget.update(Text(DIGEST.sub(lambda found: "·" * len(found.group()), text)))


def run_to(stop: Stop, language: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, KioskApp)
        badges = {badge.badge: badge for badge in app.demo_badges}
        # The harness starts before the first screen is up; the scan field must be there.
        await settle(pilot)
        await stop.navigate(pilot, badges)
        await settle(pilot)
        assert isinstance(app.screen, stop.screen), (app.screen, app.screen_stack)
        # Issue 9's i18n walk rides on the same walk: words only, no key, enum value or
        # identifier on the screen (test_i18n_walk holds the rules).
        text = screen_text(app)
        assert text.strip()
        assert identifiers_in(text, language) == [], text
        for selector in stop.varies:
            mask(app.screen.query_one(selector, Static))
        # A blinking cursor is shown or not by the wall clock; held on, it is always shown.
        for screen in app.screen_stack:
            for field in screen.query(Input):
                field.cursor_blink = False
        # The pointer rests where the last click left it, lighting whatever is under it.
        await pilot.hover(offset=(0, 0))
        await pilot.pause()

    return run_before


def _snapshot_test(stop: Stop, language: str, size: tuple[int, int]) -> Callable[..., None]:
    @pytest.mark.usefixtures("beijing_wall_clock")
    def test(snap_compare: SnapCompare, tmp_path: Path) -> None:
        app = kiosk_on(tmp_path, language)
        assert snap_compare(app, terminal_size=size, run_before=run_to(stop, language))

    columns, rows = size
    test.__doc__ = (
        f"{stop.screen.__name__} in {LANGUAGES[language]} at {columns}×{rows}: {stop.shows}."
    )
    return test


# One named test per stop, language and size, so each has its own docstring and SVG.
_TESTS: dict[str, Any] = {}
for _stop in STOPS:
    for _language in LANGUAGES:
        _name = f"test_{_stop.name.replace('-', '_')}_{_language.lower()}"
        _TESTS[_name] = _snapshot_test(_stop, _language, (80, 24))
        if _stop.name in ("idle", "idle-readings"):
            _TESTS[f"{_name}_120x40"] = _snapshot_test(_stop, _language, (120, 40))
globals().update(_TESTS)
