"""The unit head's day at the kiosk (issue 13 item 2, Art. 14): findings with their next step.

Made through the real services on the demo home: 1001's recorder comes back with no footage
(F1), the unit head reports a lens fault (F9), two alarms are raised. The day shows each
finding's sentence with its next step under it, the open alarms, the custody of the day and
where every recorder is; the day before shows its own (nothing); there is no day after today.
The unit head, bureau head and auditor have the day on their home; an officer does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Static

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.conftest import DEMO_PINS
from tests.demo_homes import demo_copy
from tests.tui.day_steps import at_day, make_a_day, open_day
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import KioskApp, create_app
from tui.screens.day import DayScreen
from tui.screens.home import OfficerHomeScreen

Demo = tuple[Services, dict[str, DemoBadge]]

F1 = "Art. 16(1): recorder DSJ-A001 came back from 张伟 Zhang Wei's shift with no footage."
F1_NEXT = "Next step: Ask the officer why nothing was recorded; note it on the session."
F9 = "Art. 5(8), 10: recorder DSJ-A002 was reported faulty (lens)."
F9_NEXT = "Next step: Follow the repair or the loss through; decide who answers for it (Art. 10)."
F7 = "Art. 9, 12(2): recorder DSJ-X999, not the unit's, was docked here."
F7_NEXT = "Next step: Find out whose recorder it is and return it to its unit (Art. 9)."
F6 = "Art. 16(3): archived content 3f3f3f3f3f3f is missing from the archive."
F6_NEXT = (
    "Next step: Critical: tell IT and the audit office; the hand-over copy is the evidence now."
)
F1_ZH = "第十六条第一项：执法记录仪 DSJ-A001 由 张伟 Zhang Wei 使用后归还，未有任何音视频资料。"
F9_ZH = "第五条第八项、第十条：执法记录仪 DSJ-A002 报告故障（镜头）。"
# The demo seeds a battery fault on DSJ-C001 at the start of the day.
SEEDED = "Art. 5(8), 10: recorder DSJ-C001 was reported faulty (battery)."


def _day(app: KioskApp) -> DayScreen:
    screen = app.screen
    assert isinstance(screen, DayScreen), screen
    return screen


def _findings(screen: DayScreen) -> list[tuple[str, str, str]]:
    """Each finding as shown: its time, its sentence and the next step under it."""
    shown_items = []
    for item in screen.query(".day-finding"):
        at, sentence, step = (str(line.content) for line in item.query(Static))
        shown_items.append((at, sentence, step))
    return shown_items


def _lines(screen: DayScreen, selector: str) -> list[str]:
    return [str(s.content) for s in screen.query_one(selector).query(Static)]


def _rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_the_unit_head_reads_the_day_and_the_day_before(
    demo: Demo, clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_day(pilot, services, clock)
        screen = _day(app)
        assert shown(app, "#day-title") == "The day of 演示执法中队 Demo Unit: 2026-11-27 (Art. 14)"
        assert shown(app, "#day-summary") == (
            "Recorders: 6 · custody: 1 · findings: 5 · open alarms: 2"
        )
        assert _findings(screen) == [
            ("08:02", SEEDED, F9_NEXT),
            ("10:02", F1, F1_NEXT),
            ("10:03", F9, F9_NEXT),
            # The two alarms are findings too: a foreign recorder (F7), a missing file (F6).
            ("10:04", F7, F7_NEXT),
            ("10:05", F6, F6_NEXT),
        ]
        alarms = _lines(screen, "#day-alarms")
        assert len(alarms) == 2
        assert alarms[0].endswith(" · warning · recorder of another unit · DSJ-X999"), alarms
        assert " · critical · archived file missing · 3f3f3f3f3f" in alarms[1], alarms
        sessions = screen.query_one("#day-sessions", DataTable)
        assert _rows(sessions) == [["张伟 Zhang Wei", "DSJ-A001", "08:02", "10:02", "0", "0:00:00"]]
        recorders = dict(r[:2] for r in _rows(screen.query_one("#day-recorders", DataTable)))
        assert recorders["DSJ-A001"] == "on the shelf"
        assert recorders["DSJ-A002"] == "in repair"
        # Today: no day after it, and Today is where the page is already.
        assert screen.query_one("#following", Button).disabled
        assert screen.query_one("#today", Button).disabled

        await pilot.click("#previous")
        await settle(pilot)
        assert shown(app, "#day-title") == "The day of 演示执法中队 Demo Unit: 2026-11-26 (Art. 14)"
        assert shown(app, "#day-summary") == (
            "Recorders: 6 · custody: 0 · findings: 0 · open alarms: 2"
        )
        assert _findings(screen) == []
        assert _lines(screen, "#day-findings") == ["None."]
        assert not screen.query_one("#day-sessions", DataTable).display
        assert screen.query_one("#day-sessions-none", Static).display
        assert shown(app, "#day-sessions-none") == "None."
        assert not screen.query_one("#following", Button).disabled
        assert not screen.query_one("#today", Button).disabled

        await pilot.click("#following")
        await settle(pilot)
        assert shown(app, "#day-title").endswith(": 2026-11-27 (Art. 14)")
        assert [sentence for _, sentence, _ in _findings(screen)] == [SEEDED, F1, F9, F7, F6]
        assert screen.query_one("#following", Button).disabled

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OfficerHomeScreen)


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_any_past_day_is_typed_and_a_bad_or_future_one_is_one_line(
    demo: Demo, clock: SettableClock
) -> None:
    """Art. 14: a day checked late is checked all the same; the field takes any day up to
    today, and says in one line why it takes no other."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_day(pilot, services, clock)
        screen = _day(app)
        field = screen.query_one("#day-go", Input)
        for typed, said in (
            ("2026-02-30", "2026-02-30 is not a day: write it as YYYY-MM-DD."),
            ("2026-11-28", "2026-11-28 has not come yet: a day is checked once it has begun."),
        ):
            field.value = typed
            await pilot.click("#day-go")
            await pilot.press("enter")
            await settle(pilot)
            assert notice_text(app) == said
            assert shown(app, "#day-title").endswith(": 2026-11-27 (Art. 14)")
        field.value = "2026-08-01"
        await pilot.click("#day-go")
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app) == ""
        assert shown(app, "#day-title").endswith(": 2026-08-01 (Art. 14)")
        assert _lines(screen, "#day-findings") == ["None."]
        assert not screen.query_one("#following", Button).disabled


@pytest.mark.usefixtures("beijing_wall_clock")
async def test_the_day_in_chinese_says_the_fault_part_in_words(
    tmp_path: Path, clock: SettableClock
) -> None:
    services, badges = demo_copy(tmp_path / "home", "zh_CN", clock, DEMO_PINS)
    make_a_day(services, clock)
    app = create_app(services, badges, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(pilot)
        assert _findings(_day(app))[1:3] == [
            ("10:02", F1_ZH, "处理：向执法人员了解未摄录的原因并记录。"),
            ("10:03", F9_ZH, "处理：跟进维修或丢失处理，认定责任（第十条）。"),
        ]


async def test_an_officer_has_no_day_on_the_home(demo: Demo) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        assert not app.screen.query("#day")
        assert app.screen.query("#sign-out")


@pytest.mark.parametrize("badge", ["4001", "5001"])
async def test_the_bureau_head_and_the_auditor_read_the_day(
    demo: Demo, clock: SettableClock, badge: str
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_day(pilot, badge)
        screen = _day(app)
        assert shown(app, "#day-title").endswith(": 2026-11-27 (Art. 14)")
        assert [sentence for _, sentence, _ in _findings(screen)] == [SEEDED]
