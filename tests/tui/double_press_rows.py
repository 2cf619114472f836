"""Provides the double-press table: each command trigger of the kiosk, how a test reaches it,
what one command writes and what it shows once (tests/tui/test_double_press.py runs it)."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, OptionList, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from appliance.i18n import t
from tests.conftest import DEMO_PINS
from tests.tui.alarm_steps import acknowledged_once, at_alarms
from tests.tui.approvals_seed import seed_requests
from tests.tui.classify_steps import asked_once, at_ask, at_classify, classified_once
from tests.tui.device_steps import (
    at_add_device,
    at_devices,
    device_added_once,
    device_label_asked_once,
    device_submitted_twice,
)
from tests.tui.disc_steps import open_disc, prepare_disc
from tests.tui.export_steps import SERIAL, drive_folder, open_export, prepare_export
from tests.tui.handover_steps import open_handover, prepare_handover
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tests.tui.lifecycle_steps import (
    add_submitted_twice,
    added_once,
    at_add_person,
    at_choose_pin,
    at_fault,
    at_people,
    at_people_locked,
    at_people_pin,
    at_second_person,
    at_unit,
    confirm_unlock,
    deactivated_once,
    fault_reported_once,
    label_asked_once,
    own_pin_once,
    reset_once,
    unlocked_once,
)
from tui.app import KioskApp
from tui.dialogs.pin import PinDialog
from tui.life_messages import DeviceAdded, FaultReported, PersonChanged, PinChosen
from tui.messages import (
    ClipsFiled,
    DeviceScanned,
    DisclosureDecided,
    HandoverReceived,
    HandoverWritten,
    HoldSet,
    Returned,
    SignedIn,
    SignedOut,
    Unlocked,
)
from tui.screens.alarms import AlarmAcknowledged
from tui.screens.classify import ClipsClassified
from tui.screens.disc import DiscMade
from tui.screens.disclosure_ask import DisclosureAsked
from tui.screens.disclosure_export import Exported
from tui.screens.dock import DockScreen
from tui.screens.done import DoneScreen
from tui.screens.handover import HandoverScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen
from tui.screens.label_requests import LabelAsked
from tui.screens.unlock import UnlockScreen

CASE = "ZF-2026-0031"


Arrive = Callable[[Pilot[None], Services, SettableClock], Awaitable[None]]
Press = Callable[[Pilot[None]], Awaitable[None]]
Check = Callable[[KioskApp], None]


@dataclass(frozen=True)
class Row:
    """One command trigger: how to reach it, what one command writes, and what it shows."""

    arrive: Arrive
    action: str
    result: type[Message] | None
    shown: Check
    # How many events of `action` one command writes (filing: one per clip).
    commits: int = 1
    # Fire the trigger twice before either press is handled (default: from the trigger's name).
    fire: Callable[[KioskApp], None] | None = None
    # A person's press while the first command is in flight (default: click it, then Enter).
    again: Press | None = None
    # What starts the command after the double press, when that only opened a dialog.
    then: Press | None = None


async def at_checklist(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    await sign_in(pilot, "1001", DEMO_PINS["1001"])
    await pilot.click("#sign-out")
    await settle(pilot)
    await scan(pilot, "DSJ-A001")
    for box in pilot.app.screen.query(Checkbox):
        box.value = True
    await pilot.pause()


async def at_done(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    await at_checklist(pilot, services, clock)
    await pilot.click("#confirm")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DoneScreen)


async def at_home(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    await sign_in(pilot, "1001", DEMO_PINS["1001"])
    pilot.app.screen.query_one("#sign-off", Button).focus()


async def at_return(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    await sign_in(pilot, "1001", DEMO_PINS["1001"])
    await pilot.click("#return")
    await settle(pilot)
    options = pilot.app.screen.query_one("#returnable", OptionList)
    options.focus()
    options.highlighted = 0


async def at_filing(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """Two unreadable clips of 1001's shift, offloaded; two ticked and a case typed (Art. 8)."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    session = services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    card = Path(services.settings.home) / "card"
    create_simulator(card, "DSJ-A002")
    filmed_at = (session.started_at + timedelta(minutes=30)).timestamp()
    for name in ("A.MP4", "B.MP4"):
        (card / "DCIM" / name).write_bytes(os.urandom(2048))
        os.utime(card / "DCIM" / name, (filmed_at, filmed_at))
    clock.advance(3600)
    services.custody.return_recorder(officer, "DSJ-A002")
    services.offload.run(create_simulator(card, "DSJ-A002"), clear=False)
    await sign_in(pilot, "1001", DEMO_PINS["1001"])
    await pilot.click("#file-clips")
    await settle(pilot)
    listing = pilot.app.screen.query_one("#unfiled", SelectionList)
    assert listing.option_count == 2
    listing.select_all()
    pilot.app.screen.query_one("#case", Input).value = CASE
    await pilot.pause()


async def at_pin(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    await scan(pilot, "1001")
    assert isinstance(pilot.app.screen, PinDialog)
    pilot.app.screen.query_one("#pin", Input).value = DEMO_PINS["1001"]


async def at_request(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The bureau head at request 3 (one normal clip), a refusal's reason typed (Art. 13)."""
    seed_requests(services, clock)
    await sign_in(pilot, "4001", DEMO_PINS["4001"])
    await pilot.click("#approvals")
    await settle(pilot)
    pilot.app.screen.query_one("#requests", OptionList).highlighted = 2
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.screen.query_one("#refuse-reason", Input).value = "Not for a party"


async def at_holds(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The unit head at the holds screen, a case and a note typed (Art. 12(3))."""
    await sign_in(pilot, "2001", DEMO_PINS["2001"])
    await pilot.click("#holds")
    await settle(pilot)
    pilot.app.screen.query_one("#hold-subject", Input).value = CASE
    pilot.app.screen.query_one("#hold-note", Input).value = "Mr Li complained"
    await pilot.pause()


def hold_set_once(app: KioskApp) -> None:
    assert notice_text(app).startswith("Hold No. 1 is set")


def approved_once(app: KioskApp) -> None:
    assert notice_text(app).startswith("Request 3 approved; the approval may be used once")


def refused_once(app: KioskApp) -> None:
    assert notice_text(app) == "Request 3 refused."


async def at_handover(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The collector at the hand-over, two clips due, the registered drive ready (Art. 12(2))."""
    prepare_handover(services, clock)
    await open_handover(pilot)


async def at_receipt(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """The package written and verified from the drive: the receipt is offered."""
    await at_handover(pilot, services, clock)
    pilot.app.screen.query_one("#write", Button).press()
    await settle(pilot)


def handover_written_once(app: KioskApp) -> None:
    screen = app.screen
    assert isinstance(screen, HandoverScreen) and screen.sealed is not None
    assert len(list(screen.sealed.path.parent.iterdir())) == 1  # one package on the drive


async def at_export(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """A unit head at the export, one approved request, the registered drive ready."""
    prepare_export(services)
    await open_export(pilot, "2001")


async def at_disc(pilot: Pilot[None], services: Services, clock: SettableClock) -> None:
    """A unit head at the evidence disc, a case chosen, the place and who recorded typed."""
    prepare_disc(services)
    await open_disc(pilot, "2001")


def disc_made_once(app: KioskApp) -> None:
    one_done_screen(app)
    media = app.services.settings.exports_dir / "discs" / "burner"
    assert len(list(media.iterdir())) == 1  # one disc burnt
    assert len(app.services.store.discs.of_case("ZF-0012")) == 1


def exported_once(app: KioskApp) -> None:
    one_done_screen(app)
    drive = drive_folder(app.services) / SERIAL
    assert len(list(drive.iterdir())) == 1  # one package on the drive


def stacked(app: KioskApp, kind: type) -> int:
    return sum(isinstance(screen, kind) for screen in app.screen_stack)


def one_done_screen(app: KioskApp) -> None:
    assert isinstance(app.screen, DoneScreen) and stacked(app, DoneScreen) == 1
    assert len(app.screen_stack) == 3


def one_dock_screen(app: KioskApp) -> None:
    assert isinstance(app.screen, DockScreen) and stacked(app, DockScreen) == 1
    assert notice_text(app).startswith("Recorder DSJ-A002 returned at ")


def filed_once(app: KioskApp) -> None:
    assert notice_text(app) == f"Filed 2 clips under case {CASE}."


def unlocked_alone(app: KioskApp) -> None:
    assert notice_text(app) == "Badge 1002 unlocked."


def unlocked_with_second(app: KioskApp) -> None:
    assert isinstance(app.screen, UnlockScreen)
    assert notice_text(app) == "Badge 1002 unlocked, confirmed by 陈静 Chen Jing."


def one_home(app: KioskApp) -> None:
    assert isinstance(app.screen, OfficerHomeScreen) and len(app.screen_stack) == 2


def signed_off(app: KioskApp) -> None:
    assert isinstance(app.screen, IdleScreen) and len(app.screen_stack) == 1
    assert app.actor is None
    assert notice_text(app) == t("ui.idle.signed_off", "en")


def scanned_twice(app: KioskApp) -> None:
    """A scanner's double read: the label arrives twice before the first is acted on."""
    app.screen.post_message(DeviceScanned("DSJ-A002"))
    app.screen.post_message(DeviceScanned("DSJ-A002"))


async def scan_again(pilot: Pilot[None]) -> None:
    await pilot.press(*"DSJ-A002", "enter")


ROWS: dict[str, Row] = {
    "ChecklistScreen Button.Pressed #confirm": Row(
        at_checklist, "sign_out", SignedOut, one_done_screen
    ),
    "ReturnScreen OptionList.OptionSelected": Row(at_return, "return", Returned, one_dock_screen),
    "ReturnScreen on_device_scanned": Row(
        at_return, "return", Returned, one_dock_screen, fire=scanned_twice, again=scan_again
    ),
    "FilingScreen Button.Pressed #file": Row(
        at_filing, "file_clip", ClipsFiled, filed_once, commits=2
    ),
    "FilingScreen Input.Submitted #case": Row(
        at_filing, "file_clip", ClipsFiled, filed_once, commits=2
    ),
    "DisclosureAskScreen Button.Pressed #ask": Row(
        at_ask, "disclosure_request", DisclosureAsked, asked_once
    ),
    "DisclosureAskScreen Input.Submitted #reason": Row(
        at_ask, "disclosure_request", DisclosureAsked, asked_once
    ),
    "HoldsScreen Button.Pressed #set-hold": Row(at_holds, "hold_set", HoldSet, hold_set_once),
    "HoldsScreen Input.Submitted #hold-note": Row(at_holds, "hold_set", HoldSet, hold_set_once),
    "ClassifyScreen Button.Pressed #classify": Row(
        at_classify, "clip_classify", ClipsClassified, classified_once, commits=2
    ),
    "AlarmsScreen Button.Pressed #acknowledge": Row(
        at_alarms, "alarm_acknowledged", AlarmAcknowledged, acknowledged_once
    ),
    "AlarmsScreen Input.Submitted #alarm-note": Row(
        at_alarms, "alarm_acknowledged", AlarmAcknowledged, acknowledged_once
    ),
    "UnitHeadScreen Button.Pressed #unlock": Row(at_unit, "unlock_badge", Unlocked, unlocked_alone),
    "UnitHeadScreen OptionList.OptionSelected #locked": Row(
        at_unit, "unlock_badge", Unlocked, unlocked_alone
    ),
    "SecondPersonDialog Button.Pressed #confirm": Row(
        at_second_person, "unlock_badge", SignedIn, unlocked_with_second
    ),
    "SecondPersonDialog Input.Submitted #second-pin": Row(
        at_second_person, "unlock_badge", SignedIn, unlocked_with_second
    ),
    "PinDialog Button.Pressed #sign-in": Row(at_pin, "sign_in", SignedIn, one_home),
    "PinDialog Input.Submitted #pin": Row(at_pin, "sign_in", SignedIn, one_home),
    "DoneScreen Button.Pressed #sign-off": Row(at_done, "sign_off", None, signed_off),
    "OfficerHomeScreen Button.Pressed #sign-off": Row(at_home, "sign_off", None, signed_off),
    "RequestScreen Button.Pressed #approve": Row(
        at_request, "disclosure_approve", DisclosureDecided, approved_once
    ),
    "RequestScreen Button.Pressed #refuse": Row(
        at_request, "disclosure_refuse", DisclosureDecided, refused_once
    ),
    "RequestScreen Input.Submitted #refuse-reason": Row(
        at_request, "disclosure_refuse", DisclosureDecided, refused_once
    ),
    "HandoverScreen Button.Pressed #write": Row(
        at_handover, "handover_verified", HandoverWritten, handover_written_once
    ),
    "HandoverScreen Button.Pressed #receive": Row(
        at_receipt, "handover_received", HandoverReceived, one_done_screen
    ),
    # Art. 11, 13: an approved disclosure exported once onto the registered drive.
    "DisclosureExportScreen Button.Pressed #export": Row(
        at_export, "disclosure_verified", Exported, exported_once
    ),
    # Art. 12(4): a case's evidence disc, burnt once.
    "DiscScreen Button.Pressed #make": Row(at_disc, "disc_made", DiscMade, disc_made_once),
    "DiscScreen Input.Submitted #disc-recorded-by": Row(
        at_disc, "disc_made", DiscMade, disc_made_once
    ),
    # Issue 12: the people, a first PIN and a fault (DESIGN §6, Art. 5(8)).
    "PeopleScreen Button.Pressed #toggle": Row(
        at_people, "deactivate_person", PersonChanged, deactivated_once
    ),
    "PeopleScreen Button.Pressed #label": Row(
        at_people, "label_requested", LabelAsked, label_asked_once
    ),
    "PeopleScreen Button.Pressed #reset": Row(
        at_people_pin, "reset_pin", PersonChanged, reset_once
    ),
    "PeopleScreen Input.Submitted #people-pin": Row(
        at_people_pin, "reset_pin", PersonChanged, reset_once
    ),
    "PeopleScreen Button.Pressed #unlock": Row(
        at_people_locked, "unlock_badge", SignedIn, unlocked_once, then=confirm_unlock
    ),
    "AddPersonScreen Button.Pressed #add": Row(
        at_add_person, "add_person", PersonChanged, added_once
    ),
    "AddPersonScreen Input.Submitted": Row(
        at_add_person, "add_person", PersonChanged, added_once, fire=add_submitted_twice
    ),
    "ChoosePinDialog Button.Pressed #save": Row(
        at_choose_pin, "choose_pin", PinChosen, own_pin_once
    ),
    "ChoosePinDialog Input.Submitted #new-pin-again": Row(
        at_choose_pin, "choose_pin", PinChosen, own_pin_once
    ),
    "FaultScreen Button.Pressed #report": Row(
        at_fault, "report_fault", FaultReported, fault_reported_once
    ),
    "FaultScreen Input.Submitted #fault-note": Row(
        at_fault, "report_fault", FaultReported, fault_reported_once
    ),
    # Issue 12 item 4: a recorder registered at the kiosk (DESIGN §6).
    "AddDeviceScreen Button.Pressed #add": Row(
        at_add_device, "add_recorder", DeviceAdded, device_added_once
    ),
    "AddDeviceScreen Input.Submitted": Row(
        at_add_device, "add_recorder", DeviceAdded, device_added_once, fire=device_submitted_twice
    ),
    "DevicesScreen Button.Pressed #label": Row(
        at_devices, "label_requested", LabelAsked, device_label_asked_once
    ),
}
