"""Provides the walk through every kiosk screen: one stop per screen and state worth seeing.

The i18n walk (no key, enum value or identifier on any screen) and the snapshot tests both go
through these stops; `screen_classes()` lists every screen the kiosk defines, so a new screen
that no stop reaches fails the walk's coverage test.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.screen import Screen

import tui.dialogs
import tui.screens
from appliance.adapters.clock import SettableClock
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from tests.conftest import DEMO_PINS
from tests.tui import test_kiosk_lock as lock
from tests.tui.alarm_steps import at_alarms
from tests.tui.approvals_seed import seed_requests
from tests.tui.audit_report_steps import at_report
from tests.tui.classify_steps import at_ask, at_classify
from tests.tui.day_steps import at_day
from tests.tui.disc_steps import open_disc, prepare_disc
from tests.tui.double_press_rows import at_filing
from tests.tui.export_steps import open_export, prepare_export
from tests.tui.handover_steps import open_handover, prepare_handover
from tests.tui.helpers import scan, settle, sign_in
from tests.tui.log_steps import at_log
from tests.tui.test_failed_check import read_the_dock
from tui.app import KioskApp
from tui.dialogs.base import KioskDialog
from tui.dialogs.choose_pin import ChoosePinDialog
from tui.dialogs.pin import PinDialog
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.alarms import AlarmsScreen
from tui.screens.approval_request import RequestScreen
from tui.screens.approvals import ApprovalsScreen
from tui.screens.audit_log import AuditLogScreen
from tui.screens.audit_report import AuditReportScreen
from tui.screens.base import KioskScreen
from tui.screens.checklist import ChecklistScreen
from tui.screens.classify import ClassifyScreen
from tui.screens.day import DayScreen
from tui.screens.device_add import AddDeviceScreen
from tui.screens.device_history import DeviceHistoryScreen
from tui.screens.devices import DevicesScreen
from tui.screens.disc import DiscScreen
from tui.screens.disclosure_ask import DisclosureAskScreen
from tui.screens.disclosure_export import DisclosureExportScreen
from tui.screens.dock import DockScreen
from tui.screens.done import DoneScreen
from tui.screens.fault import FaultScreen
from tui.screens.filing import FilingScreen
from tui.screens.handover import HandoverScreen
from tui.screens.holds import HoldsScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.loss import LossScreen
from tui.screens.people import PeopleScreen
from tui.screens.person_add import AddPersonScreen
from tui.screens.recorder_choice import RecorderChoiceScreen
from tui.screens.returns import ReturnScreen
from tui.screens.sign_out import SignOutScreen
from tui.screens.unit_head import UnitHeadScreen
from tui.screens.unlock import UnlockScreen

Navigate = Callable[[Pilot[None], dict[str, DemoBadge]], Awaitable[None]]


def kiosk(pilot: Pilot[None]) -> KioskApp:
    app = pilot.app
    assert isinstance(app, KioskApp)
    return app


def clock_of(pilot: Pilot[None]) -> SettableClock:
    clock = kiosk(pilot).services.ctx.clock
    assert isinstance(clock, SettableClock)
    return clock


@dataclass(frozen=True)
class Stop:
    """One screen in one state: how to get there, and which screen it is."""

    name: str
    navigate: Navigate
    screen: type[Screen[Any]]
    # What a reviewer should see on its snapshot.
    shows: str
    # Statics whose hex digests differ from one seeded home to the next (PIN salts and keys
    # are random): the snapshot shows them masked; the Pilot tests check the real ones.
    varies: tuple[str, ...] = ()


def home_of(badge: str) -> Navigate:
    async def navigate(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
        await sign_in(pilot, badge, badges[badge].pin)

    return navigate


async def idle_with_readings(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """The board after the dock read every recorder, one of them signed out."""
    services = kiosk(pilot).services
    read_the_dock(services)
    officer = services.auth.sign_in("1002", DEMO_PINS["1002"])
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    screen = pilot.app.screen
    assert isinstance(screen, IdleScreen)
    screen.refresh_board()
    await settle(pilot)


async def failed_check(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    read_the_dock(kiosk(pilot).services)
    await sign_in(pilot, "1001", badges["1001"].pin)
    await pilot.click("#sign-out")
    await settle(pilot)
    await scan(pilot, "DSJ-B002")


async def handover_ready(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """Two clips due, the registered drive docked and ready."""
    prepare_handover(kiosk(pilot).services, clock_of(pilot))
    await open_handover(pilot)


async def handover_verified(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """The package written and read back from the drive: the receipt is offered."""
    await handover_ready(pilot, badges)
    await pilot.click("#write")
    await settle(pilot)


async def filing(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_filing(pilot, kiosk(pilot).services, clock_of(pilot))


async def classify(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_classify(pilot, kiosk(pilot).services, clock_of(pilot))


async def alarms(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_alarms(pilot, kiosk(pilot).services, clock_of(pilot))


async def day(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_day(pilot, kiosk(pilot).services, clock_of(pilot))


async def audit_log(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_log(pilot, kiosk(pilot).services)


async def audit_report(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_report(pilot, kiosk(pilot).services)


async def ask(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await at_ask(pilot, kiosk(pilot).services, clock_of(pilot))


async def export_ready(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """One approved request of two clips; the registered drive docked and ready."""
    prepare_export(kiosk(pilot).services)
    await open_export(pilot, "2001")


async def disc_ready(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """Two cases filed; the first chosen, its clips shown, the place and who recorded typed."""
    prepare_disc(kiosk(pilot).services)
    await open_disc(pilot, "2001")
    await settle(pilot)


async def dock_waiting(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """1001 returns a recorder not yet docked: the dock screen waits for it."""
    services = kiosk(pilot).services
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    clock_of(pilot).advance(3600)
    await sign_in(pilot, "1001", badges["1001"].pin)
    await pilot.click("#return")
    await settle(pilot)
    # The list takes the focus with its first row lit; Enter returns that recorder.
    pilot.app.screen.query_one("#returnable").focus()
    await pilot.press("enter")
    await settle(pilot)


async def approvals(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """The bureau head's list of the three pending requests (Art. 13)."""
    seed_requests(kiosk(pilot).services, clock_of(pilot))
    await sign_in(pilot, "4001", badges["4001"].pin)
    await pilot.click("#approvals")
    await settle(pilot)


async def approval_request(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """Request No. 1 opened: two clips in words, the privacy class to name, the buttons."""
    await approvals(pilot, badges)
    await pilot.press("enter")
    await settle(pilot)


async def idle_warning(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    await sign_in(pilot, "1001", badges["1001"].pin)
    app = kiosk(pilot)
    clock_of(pilot).advance(app.services.settings.idle_timeout_seconds - 15)
    app.check_idle_timeout()
    await settle(pilot)


def entry_of(badge: str, *entries: str) -> Navigate:
    """Sign in and press these buttons in turn."""

    async def navigate(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
        await sign_in(pilot, badge, badges[badge].pin)
        for entry in entries:
            await pilot.click(f"#{entry}")
            await settle(pilot)

    return navigate


async def choose_pin(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """A unit head reset 1001's PIN: at sign-in, 1001 must choose their own (DESIGN §6)."""
    services = kiosk(pilot).services
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.personnel.reset_pin(head, "1001", "864209")
    await sign_in(pilot, "1001", "864209")


async def device_history(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """DSJ-A001 signed out and returned, then a unit head found its lens scratched."""
    services, clock = kiosk(pilot).services, clock_of(pilot)
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    clock.advance(3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    clock.advance(600)
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.lifecycle.report_fault(head, "DSJ-A001", "lens", "scratched glass")
    # The first recorder of the list is lit: History opens its life.
    await entry_of("9001", "devices", "history")(pilot, badges)


async def holds(pilot: Pilot[None], badges: dict[str, DemoBadge]) -> None:
    """Two holds, one lifted by two people; the collector at the screen (Art. 12(3))."""
    services = kiosk(pilot).services
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    bureau = services.auth.sign_in("4001", DEMO_PINS["4001"])
    lifted = services.holds.set_on_case(head, "litigation", "suit settled", "ZF-0007")
    services.holds.lift(head, lifted.id, bureau)
    services.holds.set_on_case(head, "complaint", "Mr Li complained", "ZF-0012")
    await entry_of("3001", "holds")(pilot, badges)


STOPS: tuple[Stop, ...] = (
    Stop("idle", lock.stay_idle, IdleScreen, "the board: clock, four recorders, no alarm"),
    Stop("idle-readings", idle_with_readings, IdleScreen, "charges, one check failing, one out"),
    Stop("pin", lock.open_pin_dialog, PinDialog, "the PIN dialog for 2001 over the board"),
    Stop("home-officer", home_of("1001"), OfficerHomeScreen, "five entries, Sign out focused"),
    Stop(
        "home-unit-head",
        lock.open_home,
        OfficerHomeScreen,
        "fifteen entries in five full rows, the unit's day under Report a fault",
    ),
    Stop(
        "home-info-collector",
        home_of("3001"),
        OfficerHomeScreen,
        "a sentence, holds, disc, hand-over, ask, export",
    ),
    Stop(
        "home-bureau-head",
        home_of("4001"),
        OfficerHomeScreen,
        "unit, the unit's day, holds, ask, approvals, export, audit log, reports",
    ),
    Stop(
        "home-auditor",
        home_of("5001"),
        OfficerHomeScreen,
        "unit, the unit's day, audit log, reports",
    ),
    Stop("home-admin", home_of("9001"), OfficerHomeScreen, "unlock, people, recorders"),
    Stop("handover", handover_ready, HandoverScreen, "W48: two clips by day and officer, drive"),
    Stop("handover-verified", handover_verified, HandoverScreen, "verified from the drive"),
    Stop("sign-out", lock.open_sign_out, SignOutScreen, "scan field, four recorders, first lit"),
    Stop("sign-out-refused", failed_check, SignOutScreen, "45% below 80%, and the next steps"),
    Stop("checklist", lock.open_checklist, ChecklistScreen, "five ☐ boxes, confirm disabled"),
    Stop("done", lock.open_done, DoneScreen, "responsible for DSJ-A001 from 08:02"),
    Stop("return", lock.open_return, ReturnScreen, "nothing to return, in a sentence"),
    Stop("dock", dock_waiting, DockScreen, "waiting for DSJ-A002 to be docked"),
    Stop("filing", filing, FilingScreen, "two clips with their flags, a case typed"),
    Stop("classify", classify, ClassifyScreen, "two clips, normal, ticked; privacy chosen"),
    Stop("ask", ask, DisclosureAskScreen, "two clips, the newest ticked, recipient, reason"),
    Stop("alarms", alarms, AlarmsScreen, "two alarms in words, the first one's note typed"),
    Stop("audit-log", audit_log, AuditLogScreen, "the newest events in words, four filters"),
    Stop(
        "audit-report",
        audit_report,
        AuditReportScreen,
        "28 days: F1 1, F9 2 in words, bars by kind and week, 1001 named, fixity, chain",
        varies=("#report-chain",),
    ),
    Stop(
        "export",
        export_ready,
        DisclosureExportScreen,
        "No. 1 to the court, 2 clips, approver and until when; the drive ready, Export",
    ),
    Stop(
        "disc",
        disc_ready,
        DiscScreen,
        "two cases, the first one's two clips, place and who recorded typed, burner ready",
    ),
    Stop("unit", lock.open_unit_head, UnitHeadScreen, "recorders with state and footage"),
    Stop(
        "day",
        day,
        DayScreen,
        "today: the summary, then the findings at their times, each with its next step under"
        " it (the body scrolls); Next day and Today disabled",
    ),
    Stop("unlock", lock.open_admin_unlock, UnlockScreen, "the admin's unlock, nobody locked"),
    Stop("second-person", lock.open_second_person, SecondPersonDialog, "badge and PIN fields"),
    Stop("fault", entry_of("2001", "fault"), FaultScreen, "the unit's recorders, seven parts"),
    Stop("loss", entry_of("2001", "loss"), LossScreen, "recorders, lost/damaged, four findings"),
    Stop("holds", holds, HoldsScreen, "two holds in words, one lifted; kinds, case/officer"),
    Stop("people", entry_of("9001", "people"), PeopleScreen, "eight people, the visitor's unit"),
    Stop("person-add", entry_of("9001", "people", "add"), AddPersonScreen, "four fields, roles"),
    Stop("devices", entry_of("9001", "devices"), DevicesScreen, "six recorders, C001 in repair"),
    Stop("device-add", entry_of("9001", "devices", "add"), AddDeviceScreen, "four fields"),
    Stop("device-history", device_history, DeviceHistoryScreen, "A001: out, back, a lens fault"),
    Stop("choose-pin", choose_pin, ChoosePinDialog, "1001 chooses their own PIN, twice"),
    Stop("approvals", approvals, ApprovalsScreen, "three requests, oldest first, No. 1 lit"),
    Stop(
        "approval-request",
        approval_request,
        RequestScreen,
        "No. 1: two clips in words, personal privacy to tick, Approve focused",
    ),
    Stop("idle-warning", idle_warning, OfficerHomeScreen, "the 15-second countdown at the foot"),
)


def screen_classes() -> set[type[Screen[Any]]]:
    """Every concrete screen and dialog the kiosk defines."""
    for package in (tui.screens, tui.dialogs):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found: set[type[Screen[Any]]] = set()
    todo: list[type[Screen[Any]]] = [KioskScreen, KioskDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            found.add(sub)
    # The shape that sign-out and return share is never shown itself.
    return found - {RecorderChoiceScreen}


def screen_text(app: KioskApp) -> str:
    """What the terminal shows now, as plain text."""
    width, height = app.size
    update = app.screen._compositor.render_update(full=True)
    console = Console(
        record=True, width=width, height=height, file=io.StringIO(), color_system=None
    )
    console.print(update)
    return console.export_text()
