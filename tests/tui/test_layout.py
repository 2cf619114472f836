"""Provides the 80×24 check (issue 2 item 8): every control is on screen, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input

from appliance.adapters.clock import SettableClock
from tests.conftest import DEMO_PINS
from tests.demo_homes import demo_copy
from tests.tui.test_kiosk_lock import SCREENS, Navigate
from tui.app import create_app


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(
    ("navigate", "screen_type"), SCREENS, ids=[kind.__name__ for _, kind in SCREENS]
)
async def test_every_control_fits_80_by_24(
    tmp_path: Path, clock: SettableClock, language: str, navigate: Navigate, screen_type: type
) -> None:
    """No button, field or check box is pushed off a plain 80×24 terminal."""
    services, badges = demo_copy(tmp_path / "home", language, clock, DEMO_PINS)
    app = create_app(services, badges)
    async with app.run_test(size=(80, 24)) as pilot:
        await navigate(pilot, {b.badge: b for b in badges})
        assert isinstance(app.screen, screen_type)
        screen_area = app.screen.region
        controls: list[Widget] = [*app.screen.query(Button), *app.screen.query(Input)]
        controls += app.screen.query(Checkbox)
        assert controls
        for control in controls:
            region = control.region
            assert region.area > 0, control
            assert screen_area.contains_region(region), (control, region)
