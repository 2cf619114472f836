"""Provides the kiosk side of issue 12: faults, losses with a second person, people, Art. 9.

Each test is one Pilot walk asserting the screen, the rows and the audit event together
(tests/budget: one walk, several assertions).
"""

from __future__ import annotations

import json
import shutil

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, RadioButton

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from appliance.domain.incidents import FaultPart, Finding, IncidentKind
from appliance.services.dock import dock_actor
from tests.tui.helpers import notice_text, scan, settle, shown, sign_in, state_of
from tests.tui.test_failed_check import read_the_dock
from tui.app import KioskApp, create_app
from tui.dialogs.choose_pin import ChoosePinDialog
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.done import DoneScreen
from tui.screens.fault import FaultScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.loss import LossScreen
from tui.screens.people import PeopleScreen
from tui.screens.person_add import AddPersonScreen
from tui.screens.sign_out import SignOutScreen


def offered(app: KioskApp, selector: str) -> list[str | None]:
    """The ids of a list's rows on the top screen."""
    options = app.screen.query_one(selector, OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


def last_event(services: Services, action: str) -> dict[str, object]:
    """The newest audit event of an action, with its detail decoded."""
    events = [e for e in services.store.audit_log.iterate() if e.action == action]
    assert events, action
    event = events[-1]
    return {"actor": event.actor, "outcome": event.outcome, **json.loads(event.detail_json)}


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus a field on the top screen and type into it."""
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


async def test_a_fault_reported_from_a_failed_check_takes_the_recorder_out_of_the_pool(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Art. 5(8): the refusal offers the report; the recorder goes for repair, audited."""
    services, badges = demo
    read_the_dock(services)
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        assert "DSJ-B002" in offered(app, "#available")
        await scan(pilot, "DSJ-B002")
        assert "main battery at 45%" in notice_text(app)
        await pilot.click("#fault")
        await settle(pilot)
        assert isinstance(app.screen, FaultScreen)
        assert app.screen.serial == "DSJ-B002"
        # The seven choices in words, the first (the battery) chosen.
        assert [str(b.label) for b in app.screen.query(RadioButton)] == [
            "battery", "storage", "lens", "microphone", "clock", "casing", "other"
        ]  # fmt: skip
        await type_into(pilot, "#fault-note", "drains in an hour")
        await pilot.click("#report")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line").startswith("Fault reported on recorder DSJ-B002 (battery)")
        await pilot.click("#menu")
        await settle(pilot)
        await pilot.click("#sign-out")
        await settle(pilot)
        assert "DSJ-B002" not in offered(app, "#available")
        # Nor can it be scanned out: the recorder is in repair (Art. 9).
        await scan(pilot, "DSJ-B002")
        assert isinstance(app.screen, SignOutScreen)
        assert "DSJ-B002" in notice_text(app)
    assert state_of(services, "DSJ-B002") is RecorderState.IN_REPAIR
    [fault] = services.store.lifecycle.faults_of("DSJ-B002")
    assert (fault.part, fault.note, fault.reported_by) == (
        FaultPart.BATTERY, "drains in an hour", "1001"
    )  # fmt: skip
    event = last_event(services, "report_fault")
    assert (event["actor"], event["outcome"], event["part"]) == ("1001", "ok", "battery")


async def test_a_unit_head_declares_a_loss_with_a_second_person(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Art. 10: tied to the holder; the unit head cannot be their own second person."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", badges["2001"].pin)
        await pilot.click("#loss")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
        rows = offered(app, "#loss-recorders")
        # Neither the one in repair nor the other unit's can be declared here.
        assert "DSJ-C001" not in rows and "DSJ-X001" not in rows
        app.screen.query_one("#loss-recorders", OptionList).highlighted = rows.index("DSJ-A002")
        await type_into(pilot, "#loss-what", "left on the bus, route 5")
        await pilot.click("#declare")
        await settle(pilot)
        assert isinstance(app.screen, SecondPersonDialog)
        await scan(pilot, "2001")
        await scan(pilot, badges["2001"].pin)
        assert isinstance(app.screen, SecondPersonDialog)
        line = notice_text(app)
        assert line.startswith("Badge 2001 cannot confirm this") and "\n" not in line
        assert state_of(services, "DSJ-A002") is RecorderState.SIGNED_OUT
        await scan(pilot, "4001")
        await scan(pilot, badges["4001"].pin)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line") == (
            "Recorder DSJ-A002 declared lost with 陈静 Chen Jing; holder 张伟 Zhang Wei."
        )
    assert state_of(services, "DSJ-A002") is RecorderState.LOST
    [incident] = services.store.lifecycle.incidents_of("DSJ-A002")
    assert (incident.kind, incident.finding, incident.holder_badge) == (
        IncidentKind.LOST, Finding.NEGLIGENCE, "1001"
    )  # fmt: skip
    assert (incident.declared_by, incident.confirmed_by) == ("2001", "4001")
    event = last_event(services, "declare_incident")
    assert (event["actor"], event["confirmed_by"], event["holder"]) == ("2001", "4001", "1001")
    refused = [
        e for e in services.store.audit_log.iterate()
        if e.action == "declare_incident" and e.outcome == "refused"
    ]  # fmt: skip
    assert [json.loads(e.detail_json)["reason"] for e in refused] == ["confirmer_not_allowed"]


async def test_an_admin_adds_a_person_who_chooses_a_pin_at_first_sign_in(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §6: the admin's PIN opens nothing but the step that replaces it."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "9001", badges["9001"].pin)
        await pilot.click("#people")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert "8001" in offered(app, "#people-list")
        await pilot.click("#add")
        await settle(pilot)
        assert isinstance(app.screen, AddPersonScreen)
        await type_into(pilot, "#add-badge", "1003")
        await type_into(pilot, "#add-name", "Li Lei")
        await type_into(pilot, "#add-pin", "246802")
        await pilot.click("#add")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert notice_text(app).startswith("Badge 1003 (Li Lei) added as officer")
        assert "1003" in offered(app, "#people-list")
        await pilot.click("#back")
        await settle(pilot)
        await pilot.click("#sign-off")
        await settle(pilot)
        await sign_in(pilot, "1003", "246802")
        # Signed in, but no home until the PIN is their own.
        assert isinstance(app.screen, ChoosePinDialog)
        assert app.actor is None
        await scan(pilot, "135799")
        await scan(pilot, "135790")
        assert notice_text(app) == "The two PINs differ: type them again."
        await scan(pilot, "246802")
        await scan(pilot, "246802")
        assert notice_text(app) == "Choose a PIN other than the one you were given."
        await scan(pilot, "135799")
        await scan(pilot, "135799")
        assert isinstance(app.screen, OfficerHomeScreen)
        assert app.actor is not None and app.actor.actor_id == "1003"
    person = services.store.people.get("1003")
    assert person is not None and not person.must_change_pin
    assert last_event(services, "add_person")["actor"] == "9001"
    assert last_event(services, "choose_pin")["actor"] == "1003"
    services.auth.sign_in("1003", "135799")


async def test_another_units_officer_and_recorder_sign_nothing_out(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Art. 9: never lent to another unit or person, said in the rule's words."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "8001", badges["8001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        await scan(pilot, "DSJ-A001")
        assert notice_text(app) == (
            "Badge 8001 belongs to unit DEMO02: recorders here are never lent to another unit"
            " or person (Art. 9)."
        )
        await pilot.click("#back")
        await settle(pilot)
        await pilot.click("#sign-off")
        await settle(pilot)
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#sign-out")
        await settle(pilot)
        assert "DSJ-X001" not in offered(app, "#available")
        await scan(pilot, "DSJ-X001")
        assert isinstance(app.screen, SignOutScreen)
        assert "DSJ-X001" in notice_text(app) and "Art. 9" in notice_text(app)
    assert services.custody.session_of("DSJ-X001") is None
    assert services.custody.session_of("DSJ-A001") is None


async def test_a_badge_label_asked_at_the_kiosk_is_written_by_the_service(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §6: the kiosk queues the label; the dock signs it; the screen says where it is.

    A second label meets an exports/labels that is not a directory: the service refuses it
    and the screen says so in one line, naming the badge.
    """
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "9001", badges["9001"].pin)
        await pilot.click("#people")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        screen.query_one("#people-list", OptionList).highlighted = list(screen.people).index("1001")
        await pilot.click("#label")
        await settle(pilot)
        assert notice_text(app) == "Label for 1001 asked for: the service signs and writes it."
        [request] = services.store.requests.queued()
        # The dock, between two events, answers; the screen's next look says so.
        services.requests.serve(dock_actor("DEMO01"))
        screen.poll_labels()
        await settle(pilot)
        label = services.settings.exports_dir / "labels" / f"{request.id:06d}-badge-1001.png"
        assert notice_text(app) == f"Label for 1001 written: {label}"
        assert label.read_bytes()[:4] == b"\x89PNG" and not screen.waiting

        shutil.rmtree(label.parent)
        label.parent.write_text("not a directory\n")
        await pilot.click("#label")
        await settle(pilot)
        services.requests.serve(dock_actor("DEMO01"))
        screen.poll_labels()
        await settle(pilot)
        assert notice_text(app) == (
            "Label for 1001 refused: The label could not be written (the disk is full or "
            "read-only)."
        )
    assert last_event(services, "request_answered")["outcome"] == "refused"


async def test_a_recorder_handed_back_with_a_fault_from_the_return_screen(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """Art. 5(8): at return, the holder reports what fails; the session ends, it goes for repair."""
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", badges["1001"].pin)
        await pilot.click("#return")
        await settle(pilot)
        assert offered(app, "#returnable") == ["DSJ-A001"]
        app.screen.query_one("#returnable", OptionList).highlighted = None
        await pilot.click("#fault")
        await settle(pilot)
        assert notice_text(app) == "Choose the recorder first."
        app.screen.query_one("#returnable", OptionList).highlighted = 0
        # Pressed, not clicked: a click within the button's active flash is not a press.
        app.screen.query_one("#fault", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, FaultScreen)
        assert app.screen.serial == "DSJ-A001"
        app.screen.query(RadioButton)[2].value = True  # the lens
        await pilot.click("#report")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line").startswith("Fault reported on recorder DSJ-A001 (lens)")
    assert state_of(services, "DSJ-A001") is RecorderState.IN_REPAIR
    assert services.store.custody.open_for_holder("1001") == []
    [fault] = services.store.lifecycle.faults_of("DSJ-A001")
    assert (fault.part, fault.holder_badge) == (FaultPart.LENS, "1001")
