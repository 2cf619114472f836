"""Provides the kiosk's devices screens (issue 12 item 4): add, retire by two people, history.

One Pilot walk asserting the screens, the rows and the audit events together (the suite's
time budget: one walk, several assertions).
"""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.custody import RecorderState
from appliance.services.dock import dock_actor
from tests.tui.helpers import notice_text, scan, settle, sign_in, state_of
from tests.tui.test_lifecycle_kiosk import last_event, offered, type_into
from tui.app import KioskApp, create_app
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.device_add import AddDeviceScreen
from tui.screens.device_history import DeviceHistoryScreen
from tui.screens.devices import DevicesScreen


def row_text(app: KioskApp, selector: str, option_id: str | None = None) -> list[str]:
    """What each row of a list on the top screen says (or the one row of that id)."""
    options = app.screen.query_one(selector, OptionList)
    rows = [options.get_option_at_index(i) for i in range(options.option_count)]
    return [str(row.prompt) for row in rows if option_id is None or row.id == option_id]


def highlighted(app: KioskApp, selector: str) -> str | None:
    options = app.screen.query_one(selector, OptionList)
    assert options.highlighted is not None
    return options.get_option_at_index(options.highlighted).id


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_an_admin_adds_retires_with_a_second_person_and_reads_a_history(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §6: the admin registers alone; a recorder leaves service only by two people."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "9001", badges["9001"].pin)
        await pilot.click("#devices")
        await settle(pilot)
        assert isinstance(app.screen, DevicesScreen)
        # Every recorder of the box, another unit's too, each state in words (Art. 9).
        assert offered(app, "#devices-list") == [
            "DSJ-A001", "DSJ-A002", "DSJ-B001", "DSJ-B002", "DSJ-C001", "DSJ-X001"
        ]  # fmt: skip
        assert row_text(app, "#devices-list", "DSJ-C001") == [
            "DSJ-C001 Hikvision DS-MH2311 · unit DEMO01 · in repair"
        ]
        assert row_text(app, "#devices-list", "DSJ-X001") == [
            "DSJ-X001 Dahua MPT220 · unit DEMO02 · available"
        ]

        await pilot.click("#add")
        await settle(pilot)
        assert isinstance(app.screen, AddDeviceScreen)
        await type_into(pilot, "#device-serial", "DSJ D001")
        await type_into(pilot, "#device-brand", "Hikvision")
        await type_into(pilot, "#device-model", "DS-MH2311")
        await pilot.click("#add")
        await settle(pilot)
        # The service's refusal, one line on the form; nothing registered.
        assert isinstance(app.screen, AddDeviceScreen)
        assert notice_text(app) == "A serial is 1-64 letters, digits, '.', '_' or '-'."
        assert services.registry.recorder("DSJ D001") is None
        app.screen.query_one("#device-serial", Input).value = ""
        await type_into(pilot, "#device-serial", "DSJ-D001")
        # Enter on the last field registers, as the button does.
        app.screen.query_one("#device-unit", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DevicesScreen)
        assert notice_text(app) == (
            "Recorder DSJ-D001 (Hikvision DS-MH2311) is registered and in the pool."
        )
        assert highlighted(app, "#devices-list") == "DSJ-D001"

        await pilot.click("#retire")
        await settle(pilot)
        assert isinstance(app.screen, SecondPersonDialog)
        # The admin cannot be their own second person.
        await scan(pilot, "9001")
        await scan(pilot, badges["9001"].pin)
        assert isinstance(app.screen, SecondPersonDialog)
        line = notice_text(app)
        assert line.startswith("Badge 9001 cannot confirm this") and "\n" not in line
        assert state_of(services, "DSJ-D001") is RecorderState.AVAILABLE
        await scan(pilot, "2001")
        await scan(pilot, badges["2001"].pin)
        assert isinstance(app.screen, DevicesScreen)
        assert notice_text(app) == "Recorder DSJ-D001 is retired, confirmed by 李强 Li Qiang."
        assert row_text(app, "#devices-list", "DSJ-D001") == [
            "DSJ-D001 Hikvision DS-MH2311 · unit DEMO01 · retired"
        ]
        assert highlighted(app, "#devices-list") == "DSJ-D001"

        screen = app.screen
        in_repair = offered(app, "#devices-list").index("DSJ-C001")
        screen.query_one("#devices-list", OptionList).highlighted = in_repair
        await pilot.click("#history")
        await settle(pilot)
        assert isinstance(app.screen, DeviceHistoryScreen)
        # Words and the wall clock (08:02 in Beijing), not part codes or UTC.
        assert row_text(app, "#history-lines") == [
            "2026-11-27 08:02  fault reported by 2001: battery does not hold a charge"
        ]
        await pilot.press("escape")
        await settle(pilot)
        # Back on the same list, not a new one.
        assert app.screen_stack[-1] is screen
        # DESIGN §6: its label is asked of the service, which signs and writes it.
        await pilot.click("#label")
        await settle(pilot)
        assert notice_text(app) == (
            "Label for DSJ-C001 asked for: the service signs and writes it."
        )
        [request] = services.store.requests.queued()
        services.requests.serve(dock_actor("DEMO01"))
        assert isinstance(screen, DevicesScreen)
        screen.poll_labels()
        await settle(pilot)
        label = services.settings.exports_dir / "labels" / f"{request.id:06d}-device-DSJ-C001.png"
        assert notice_text(app) == f"Label for DSJ-C001 written: {label}"
        assert label.read_bytes()[:4] == b"\x89PNG"
    recorder = services.registry.recorder("DSJ-D001")
    assert recorder is not None
    assert (recorder.brand, recorder.model, recorder.unit_code, recorder.state) == (
        "Hikvision", "DS-MH2311", "DEMO01", RecorderState.RETIRED
    )  # fmt: skip
    added = last_event(services, "add_recorder")
    assert (added["actor"], added["outcome"], added["unit"]) == ("9001", "ok", "DEMO01")
    retired = last_event(services, "retire_device")
    assert (retired["actor"], retired["outcome"], retired["confirmed_by"]) == ("9001", "ok", "2001")
    refused = [
        json.loads(e.detail_json)["reason"]
        for e in services.store.audit_log.iterate()
        if e.action == "retire_device" and e.outcome == "refused"
    ]
    assert refused == ["confirmer_not_allowed"]
