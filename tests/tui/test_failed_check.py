"""Provides the failed pre-shift check at the kiosk: refused before any tick, in words (Art. 4).

The demo's DSJ-B002 reports a 45% main battery; the threshold is 80%. The officer hears the
item, the reading and the threshold before reaching the confirm button, and the next steps:
choose another recorder, or report a fault (the device-lifecycle issue fills that flow).
"""

from __future__ import annotations

import json
import threading

from appliance.adapters.clock import SettableClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.bootstrap import Services, build_dock
from appliance.demo import DemoBadge, demo_hands
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tui.app import create_app
from tui.screens.checklist import ChecklistScreen
from tui.screens.fault import FaultScreen
from tui.screens.sign_out import SignOutScreen


def read_the_dock(services: Services) -> None:
    """The dock service takes every docked recorder's readings once (Art. 4)."""
    dock = build_dock(services)
    stop = threading.Event()
    stop.set()
    dock.serve(FolderWatcher(demo_hands(services).dock_dir), stop)
    dock.settle()
    dock.shutdown()


async def test_a_failed_reading_is_refused_before_the_confirm_button(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    read_the_dock(services)
    threshold = services.settings.battery_min_percent
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        before = services.store.audit_log.count()
        await scan(pilot, "DSJ-B002")
        # Never reaches the checklist, so there is no box to tick and no confirm button.
        assert isinstance(app.screen, SignOutScreen)
        assert not app.screen.query("#confirm")
        assert notice_text(app) == (
            "This recorder fails the pre-shift check (Art. 4): main battery at 45%, below the"
            f" {threshold}% a shift needs. Choose another recorder, or report a fault."
        )
        # The fault report opens on this recorder (tests/tui/test_lifecycle_kiosk.py); Back.
        await pilot.click("#fault")
        await settle(pilot)
        assert isinstance(app.screen, FaultScreen) and app.screen.serial == "DSJ-B002"
        await pilot.click("#back")
        await settle(pilot)
        # Choosing another recorder goes on to its check.
        await scan(pilot, "DSJ-A002")
        assert isinstance(app.screen, ChecklistScreen)
    refused = [
        e for e in services.store.audit_log.iterate(after_seq=before) if e.outcome == "refused"
    ]
    assert [(e.action, e.object_id) for e in refused] == [("sign_out", "DSJ-B002")]
    detail = json.loads(refused[0].detail_json)
    assert detail["reason"] == "reading_failed"
    assert detail["params"]["readings"] == "45%"
    assert detail["params"]["thresholds"] == f"{threshold}%"
    assert services.custody.session_of("DSJ-B002") is None


async def test_the_same_refusal_in_chinese(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """The sentence in the regulation's words, with no identifier in it."""
    services, badges = demo
    read_the_dock(services)
    app = create_app(services, list(badges.values()), clock=clock)
    app.language = "zh_CN"
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        await scan(pilot, "DSJ-B002")
        line = notice_text(app)
        assert line.startswith(
            "该记录仪未通过使用前检查（第四条）：主电池电量 45%，低于值勤所需的 80%"
        )
        assert "main_battery" not in line
