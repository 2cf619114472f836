"""Every service's permission denial: refused, one line, and the newest event in the log.

DESIGN §5, §6: every permission denial is audited. The table below is written by hand, one
row per (service, method, role lacking the permission); a second test reads the services'
source so that a new permission check without a row here fails.
"""

from __future__ import annotations

import ast
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

import appliance.domain as domain_package
import appliance.services as services_package
from appliance import config
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import Services, open_services
from appliance.demo import make_home
from appliance.domain.audit import LogQuery
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.domain.roles import PERMISSIONS, Action, Role
from appliance.domain.scan import CodeKind
from appliance.ports import DockEvent
from appliance.services.auth import actor_of
from appliance.services.discs import DiscOrder
from appliance.services.handover_drive import DockedDrive
from tests.cli_run import bwc, events
from tests.conftest import DEMO_PINS

Call = Callable[[Services, Actor, "Setting"], object]


@dataclass(frozen=True)
class Setting:
    """What the denials act on: a recorder 1001 holds, a clip, a place to write labels."""

    held_serial: str
    clip_id: int
    out: Path


@dataclass(frozen=True)
class Denial:
    """One service call by someone whose role lacks the permission."""

    service: str  # the attribute of Services
    method: str
    badge: str  # a demo person's badge, or "system" for a shell actor with no role
    call: Call
    event_action: str  # the action the refusal is logged under
    permission: Action
    reason: str = "permission_denied"

    @property
    def ident(self) -> str:
        return f"{self.service}.{self.method}-{self.badge}"


def _sign_out(s: Services, a: Actor, _: Setting) -> object:
    return s.custody.sign_out(a, "DSJ-B001", set(ALL_ITEMS))


def _prepare(s: Services, a: Actor, _: Setting) -> object:
    return s.custody.prepare_sign_out(a, "DSJ-B001")


def _return(s: Services, a: Actor, at: Setting) -> object:
    return s.custody.return_recorder(a, at.held_serial)


def _unit_status(s: Services, a: Actor, _: Setting) -> object:
    return s.custody.unit_status(a)


def _alarms(s: Services, a: Actor, _: Setting) -> object:
    return s.alarms.open_alarms(a)


def _quarantine(s: Services, a: Actor, _: Setting) -> object:
    return s.alarms.quarantined(a)


def _unlock(s: Services, a: Actor, _: Setting) -> object:
    s.auth.unlock(a, "1001")
    return None


def _deactivate(s: Services, a: Actor, _: Setting) -> object:
    return s.personnel.deactivate(a, "1002")


def _reset_pin(s: Services, a: Actor, _: Setting) -> object:
    return s.personnel.reset_pin(a, "1002", "246813")


def _add_person(s: Services, a: Actor, _: Setting) -> object:
    return s.registry.add_person(a, "1234", "New Person", "officer", "135790")


def _add_recorder(s: Services, a: Actor, _: Setting) -> object:
    return s.registry.add_recorder(a, "DSJ-NEW1", "Hikvision", "DS-1")


def _badge_label(s: Services, a: Actor, at: Setting) -> object:
    return s.labels.write(a, CodeKind.BADGE, "1001", at.out / "badge.png")


def _device_label(s: Services, a: Actor, at: Setting) -> object:
    return s.labels.write(a, CodeKind.DEVICE, "DSJ-A001", at.out / "device.png")


def _ask_device_label(s: Services, a: Actor, at: Setting) -> object:
    return s.requests.ask_label(a, CodeKind.DEVICE, "DSJ-A001")


def _ask_badge_label(s: Services, a: Actor, at: Setting) -> object:
    return s.requests.ask_label(a, CodeKind.BADGE, "1001")


def _ask_handover_write(s: Services, a: Actor, at: Setting) -> object:
    return s.requests.handover.ask_write(a, "2026-W48")


def _ask_handover_receipt(s: Services, a: Actor, at: Setting) -> object:
    return s.requests.handover.ask_receipt(a, 1)


def _ask_handover_release(s: Services, a: Actor, at: Setting) -> object:
    return s.requests.handover.ask_release(a, 1)


def _devices(s: Services, a: Actor, at: Setting) -> object:
    return s.overview.devices(a)


def _file(s: Services, a: Actor, at: Setting) -> object:
    return s.clips.file(a, [at.clip_id], "C-7")


def _locked_badges(s: Services, a: Actor, _: Setting) -> object:
    return s.overview.locked_badges(a)


def _unit_overview(s: Services, a: Actor, _: Setting) -> object:
    return s.overview.unit_overview(a)


def _classify(s: Services, a: Actor, at: Setting) -> object:
    return s.clips.classify(a, [at.clip_id], Classification.PRIVACY)


def _acknowledge(s: Services, a: Actor, _: Setting) -> object:
    return s.alarms.acknowledge(a, 1, "seen to")


def _read_log(s: Services, a: Actor, _: Setting) -> object:
    return s.audit_reading.log(a, LogQuery())


def _disc_create(s: Services, a: Actor, at: Setting) -> object:
    return s.discs.create(a, DiscOrder("ZF-1", at.out, place="Renmin Road"))


def _case_clips(s: Services, a: Actor, at: Setting) -> object:
    return s.discs.case_clips(a, "ZF-1")


def _findings(s: Services, a: Actor, _: Setting) -> object:
    return s.findings.between(a, s.findings.day(date(2026, 11, 27)))


def _daily(s: Services, a: Actor, _: Setting) -> object:
    return s.reports.daily(a, date(2026, 11, 27))


def _audit_period(s: Services, a: Actor, _: Setting) -> object:
    return s.audit_report.period(a, date(2026, 11, 1), date(2026, 11, 30))


def _disc_cases(s: Services, a: Actor, _: Setting) -> object:
    return s.discs.cases(a)


def _disc_preview(s: Services, a: Actor, _: Setting) -> object:
    return s.discs.preview(a, "ZF-1")


def _disc_check(s: Services, a: Actor, _: Setting) -> object:
    return s.discs.check(a, "ZF-1", "Renmin Road", None)


def _ask_disc(s: Services, a: Actor, _: Setting) -> object:
    return s.requests.disc.ask(a, "ZF-1", "Renmin Road", None, "en")


def _make_disc(s: Services, a: Actor, _: Setting) -> object:
    return s.requests.disc.make(a, "ZF-1", "Renmin Road", None, "en")


def _due(s: Services, a: Actor, _: Setting) -> object:
    return s.handover.due(a)


def _handover(s: Services, a: Actor, at: Setting) -> object:
    return s.handover.create(a, "2026-W01", at.out / "package")


def _receipt(s: Services, a: Actor, at: Setting) -> object:
    return s.handover.receipt(a, at.out / "package")


def _request(s: Services, a: Actor, at: Setting) -> object:
    return s.disclosure.request(a, [at.clip_id], "Court", "evidence")


def _approve(s: Services, a: Actor, _: Setting) -> object:
    return s.disclosure.approve(a, 1)


def _refuse(s: Services, a: Actor, _: Setting) -> object:
    return s.disclosure.refuse(a, 1, "no")


def _export(s: Services, a: Actor, at: Setting) -> object:
    return s.disclosure.export(a, 1, at.out / "package")


def _exportable(s: Services, a: Actor, _: Setting) -> object:
    return s.disclosure.exportable(a)


def _check_exportable(s: Services, a: Actor, _: Setting) -> object:
    return s.disclosure.check_exportable(a, 1, "disclosure_export")


def _export_offer(s: Services, a: Actor, _: Setting) -> object:
    return s.disclosure_drive.offer(a, 0)


def _export_to_drive(s: Services, a: Actor, at: Setting) -> object:
    drive = DockedDrive("DEMO-USB-01", "drive", 1 << 30, at.out, DockEvent("add", str(at.out)))
    return s.disclosure_drive.write_verified(a, drive, 1)


def _ask_export(s: Services, a: Actor, _: Setting) -> object:
    return s.requests.disclosure.ask_export(a, 1)


def _pending(s: Services, a: Actor, _: Setting) -> object:
    return s.approvals.pending(a)


def _decision(s: Services, a: Actor, _: Setting) -> object:
    return s.approvals.request(a, 1)


def _offer(s: Services, a: Actor, _: Setting) -> object:
    return s.handover_drive.offer(a, 0)


def _fault(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.report_fault(a, "DSJ-B001", "lens", "cracked")


def _repaired(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.repaired(a, "DSJ-C001", set(ALL_ITEMS))


def _lost(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.declare_incident(a, "DSJ-B001", "lost", "gone", "no_fault")


def _incident_choices(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.incident_choices(a)


def _found(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.found(a, "DSJ-B001", set(ALL_ITEMS))


def _retire(s: Services, a: Actor, _: Setting) -> object:
    return s.lifecycle.retire(a, "DSJ-B001")


def _set_hold(s: Services, a: Actor, at: Setting) -> object:
    return s.holds.set_on_clips(a, "complaint", "a complaint came in", [at.clip_id])


def _lift_hold(s: Services, a: Actor, _: Setting) -> object:
    return s.holds.lift(a, 1, None)


def _reactivate(s: Services, a: Actor, _: Setting) -> object:
    return s.personnel.reactivate(a, "1002")


# Issue 12: a recorder's life (Art. 5(8), 7, 9, 10) and people back in service (DESIGN §6).
LF, MR, DL, RD = (
    Action.REPORT_FAULT,
    Action.MARK_REPAIRED,
    Action.DECLARE_LOST,
    Action.RETIRE_DEVICE,
)
LIFECYCLE_DENIALS: tuple[Denial, ...] = (
    *(Denial("lifecycle", "report_fault", b, _fault, "report_fault", LF) for b in ("3001", "9001")),
    *(Denial("lifecycle", "repaired", b, _repaired, "mark_repaired", MR) for b in ("1001", "9001")),
    *(
        Denial("lifecycle", "declare_incident", b, _lost, "declare_incident", DL)
        for b in ("1001", "9001")
    ),  # fmt: skip
    Denial("lifecycle", "found", "1002", _found, "found", DL),
    # Art. 10: the kiosk's list of what may be declared lost is the unit head's alone.
    *(
        Denial("lifecycle", "incident_choices", b, _incident_choices, "declare_lost", DL)
        for b in ("1001", "9001")
    ),  # fmt: skip
    *(Denial("lifecycle", "retire", b, _retire, "retire_device", RD) for b in ("1001", "5001")),
    # Art. 12(3): a unit head, the bureau head or the collector sets a hold; never an
    # officer, the audit office or the admin. Lifting it is theirs too (with a second person).
    *(
        Denial("holds", "set_on_clips", b, _set_hold, "hold_set", Action.SET_HOLD)
        for b in ("1001", "5001", "9001")
    ),  # fmt: skip
    *(
        Denial("holds", "lift", b, _lift_hold, "hold_lift", Action.LIFT_HOLD)
        for b in ("1002", "9001")
    ),  # fmt: skip
    Denial(
        "personnel",
        "reactivate",
        "1001",
        _reactivate,
        "reactivate_person",
        Action.DEACTIVATE_PERSON,
    ),
)


HO, DQ = Action.RECEIVE_HANDOVER, Action.REQUEST_DISCLOSURE
DA, DX = Action.APPROVE_DISCLOSURE, Action.EXPORT_DISCLOSURE
AK, RA = Action.ACKNOWLEDGE_ALARM, Action.READ_AUDIT
VU = Action.VIEW_UNIT_STATUS
RELEASE_DENIALS: tuple[Denial, ...] = (
    # Art. 12(4): the evidence disc is burned by the unit head (or the collector), and signed
    # by the officer and the unit leader; an officer or the audit office does not make one.
    *(
        Denial("discs", "create", b, _disc_create, "burn_evidence", Action.BURN_EVIDENCE)
        for b in ("1001", "5001", "9001")
    ),  # fmt: skip
    Denial("discs", "case_clips", "1002", _case_clips, "burn_evidence", Action.BURN_EVIDENCE),
    *(
        Denial("discs", method, b, call, "burn_evidence", Action.BURN_EVIDENCE)
        for method, call, b in (
            ("cases", _disc_cases, "1001"),
            ("preview", _disc_preview, "4001"),
            ("check", _disc_check, "5001"),
        )
    ),
    # At the kiosk: the disc made here (the demo) or asked of the service (the box).
    Denial("requests.disc", "make", "1002", _make_disc, "burn_evidence", Action.BURN_EVIDENCE),
    Denial("requests.disc", "ask", "9001", _ask_disc, "burn_evidence", Action.BURN_EVIDENCE),
    # Art. 3: the unit head sets a clip's class, not the officer nor the bureau head.
    *(
        Denial("clips", "classify", b, _classify, "classify_clip", Action.CLASSIFY_CLIP)
        for b in ("1001", "4001")
    ),  # fmt: skip
    # Art. 12(2): the weekly hand-over is the information collector's.
    *(Denial("handover", "due", b, _due, HO.value, HO) for b in ("1001", "9001")),
    *(Denial("handover", "create", b, _handover, HO.value, HO) for b in ("2001", "4001")),
    *(Denial("handover", "receipt", b, _receipt, HO.value, HO) for b in ("1001", "5001")),
    # Only the collector's kiosk session waits for the hand-over drive.
    *(Denial("handover_drive", "offer", b, _offer, HO.value, HO) for b in ("1001", "4001")),
    # On the box the kiosk asks the service for each step: only the collector may ask.
    Denial("requests.handover", "ask_write", "2001", _ask_handover_write, "handover_requested", HO),
    Denial(
        "requests.handover", "ask_receipt", "1001", _ask_handover_receipt, "handover_requested", HO
    ),
    Denial(
        "requests.handover", "ask_release", "9001", _ask_handover_release, "handover_requested", HO
    ),
    # Art. 11, 13: an officer or unit head asks; a bureau head decides; no admin, no auditor.
    *(Denial("disclosure", "request", b, _request, DQ.value, DQ) for b in ("5001", "9001")),
    *(Denial("disclosure", "approve", b, _approve, DA.value, DA) for b in ("2001", "3001")),
    *(Denial("disclosure", "refuse", b, _refuse, DA.value, DA) for b in ("1001", "9001")),
    # What a bureau head reads before deciding is the bureau head's to read (Art. 13).
    *(Denial("approvals", "pending", b, _pending, DA.value, DA) for b in ("2001", "3001")),
    *(Denial("approvals", "request", b, _decision, DA.value, DA) for b in ("1001", "5001")),
    *(Denial("disclosure", "export", b, _export, DX.value, DX) for b in ("1001", "5001")),
    # Art. 15: the audit office (and a bureau head) reads the log; nobody else.
    *(
        Denial("audit_reading", "log", b, _read_log, RA.value, RA)
        for b in ("1001", "2001", "3001", "9001")
    ),  # fmt: skip
    # Art. 14: the day is the unit head's (and the bureau head's and the auditor's); Art. 15:
    # the period's report is the audit office's (and the bureau head's).
    *(Denial("findings", "between", b, _findings, VU.value, VU) for b in ("1001", "9001")),
    *(Denial("reports", "daily", b, _daily, VU.value, VU) for b in ("3001", "1002")),
    *(Denial("audit_report", "period", b, _audit_period, RA.value, RA) for b in ("2001", "9001")),
    # Art. 14: the unit head, or IT, says what was done about an alarm.
    *(
        Denial("alarms", "acknowledge", b, _acknowledge, AK.value, AK)
        for b in ("1001", "3001", "5001")
    ),  # fmt: skip
    # Art. 11, 13: the kiosk's export is for those who may export, from the list to the drive.
    *(Denial("disclosure", "exportable", b, _exportable, DX.value, DX) for b in ("1001", "9001")),
    Denial("disclosure", "check_exportable", "5001", _check_exportable, "disclosure_export", DX),
    *(
        Denial("disclosure_drive", "offer", b, _export_offer, DX.value, DX)
        for b in ("1001", "9001")
    ),
    Denial("disclosure_drive", "write_verified", "1002", _export_to_drive, "disclosure_export", DX),
    Denial(
        "requests.disclosure", "ask_export", "1001", _ask_export, "disclosure_export_requested", DX
    ),
)


S, P, R = Action.SIGN_OUT, Action.MANAGE_PEOPLE, Action.MANAGE_DEVICES
V = Action.VIEW_UNIT_STATUS
U2 = Action.UNLOCK_WITH_SECOND
DENIALS: tuple[Denial, ...] = (
    # Art. 5(1): only those who patrol sign out, and the auditor's badge is not one of them.
    *(Denial("custody", "sign_out", b, _sign_out, "sign_out", S) for b in ("3001", "4001")),
    *(Denial("custody", "sign_out", b, _sign_out, "sign_out", S) for b in ("5001", "9001")),
    *(Denial("custody", "prepare_sign_out", b, _prepare, "sign_out", S) for b in ("5001", "9001")),
    # Art. 10: a recorder held by 1001 is returned by 1001 or by the unit head (Art. 7).
    Denial(
        "custody",
        "return_recorder",
        "1002",
        _return,
        "return",
        Action.RETURN_FOR_OTHER,
        "not_your_recorder",
    ),
    Denial(
        "custody",
        "return_recorder",
        "5001",
        _return,
        "return",
        Action.RETURN_FOR_OTHER,
        "not_your_recorder",
    ),
    # Art. 14: the unit's status is for those who check it daily.
    *(Denial("custody", "unit_status", b, _unit_status, V.value, V) for b in ("1001", "9001")),
    Denial("custody", "unit_status", "3001", _unit_status, V.value, V),
    Denial("alarms", "open_alarms", "1001", _alarms, V.value, V),
    Denial("alarms", "quarantined", "1002", _quarantine, V.value, V),
    Denial("auth", "unlock", "1002", _unlock, "unlock_badge", Action.UNLOCK_BADGE),
    Denial("auth", "unlock", "5001", _unlock, "unlock_badge", Action.UNLOCK_BADGE),
    # DESIGN §6: the locked badges are listed for whoever may unlock one, alone or with a
    # second person; the officer may do neither.
    *(
        Denial("overview", "locked_badges", b, _locked_badges, "unlock_with_second", U2)
        for b in ("1001", "5001")
    ),  # fmt: skip
    # Art. 14: the kiosk's unit overview is the unit status, for those who check it daily.
    *(Denial("overview", "unit_overview", b, _unit_overview, V.value, V) for b in ("1001", "9001")),
    # DESIGN §6: taking someone out of service or resetting their PIN is for the admin and
    # the unit head (Art. 7), never for an officer or the audit office.
    *(
        Denial(
            "personnel", "deactivate", b, _deactivate, "deactivate_person", Action.DEACTIVATE_PERSON
        )
        for b in ("1001", "5001")
    ),  # fmt: skip
    *(
        Denial("personnel", "reset_pin", b, _reset_pin, "reset_pin", Action.RESET_PIN)
        for b in ("1001", "4001")
    ),  # fmt: skip
    # DESIGN §6: admin manages people; a unit head or the bureau head does not.
    *(Denial("registry", "add_person", b, _add_person, "add_person", P) for b in ("2001", "4001")),
    Denial("registry", "add_person", "5001", _add_person, "add_person", P),
    *(Denial("registry", "add_recorder", b, _add_recorder, "add_recorder", R) for b in ("1001",)),
    Denial("registry", "add_recorder", "5001", _add_recorder, "add_recorder", R),
    Denial("labels", "write", "1001", _badge_label, "print_label", R),
    Denial("labels", "write", "4001", _device_label, "print_label", R),
    # The kiosk's list of every recorder is for whoever manages them (the admin, a unit head).
    Denial("overview", "devices", "1001", _devices, "manage_devices", R),
    # DESIGN §6: the kiosk asks the service for a label only where printing it is allowed.
    Denial("requests", "ask_label", "1001", _ask_device_label, "label_requested", R),
    Denial("requests", "ask_label", "3001", _ask_badge_label, "label_requested", R),
    # Art. 8: footage is filed by its holder, or by the unit head (Art. 7).
    Denial("clips", "file", "system", _file, "file_clip", Action.FILE_CLIP),
    Denial(
        "clips", "file", "9001", _file, "file_clip", Action.FILE_CLIP_FOR_OTHER, "not_your_clip"
    ),
    Denial(
        "clips", "file", "1002", _file, "file_clip", Action.FILE_CLIP_FOR_OTHER, "not_your_clip"
    ),
    *RELEASE_DENIALS,
    *LIFECYCLE_DENIALS,
)

# Permissions no service call can be denied, and why (checked, not assumed, below).
UNREACHABLE: dict[Action, str] = {
    # Only a person who could sign a recorder out can hold one, and each of them may return it.
    Action.RETURN_OWN: "every role that may sign out may return its own recorder",
    # Checked after MANAGE_PEOPLE, which only roles that also hold GRANT_ROLE pass.
    Action.GRANT_ROLE: "whoever may add people may grant roles (with a second person)",
    # Held by the second person, not the actor: refused as confirmer_not_allowed, in
    # tests/unit/test_second_person.py and tests/integration/test_cli_people.py.
    Action.CONFIRM_GRANT: "a right of the confirming person, refused as confirmer_not_allowed",
}


# Methods that branch on a permission but refuse nobody (checked below, for every role).
BRANCHES: dict[tuple[str, str], str] = {
    # Art. 7: a unit head sees every signed-out recorder, anyone else the ones they hold.
    ("overview", "returnable"): "a narrower answer, never a refusal",
    # Art. 8: only those who file clips are told how many of theirs wait to be filed.
    ("overview", "home_summary"): "no count for a role that files nothing, never a refusal",
    # Art. 5(8), 7: a unit head may report a fault on any recorder, anyone else on theirs.
    ("lifecycle", "fault_choices"): "a narrower answer, never a refusal",
}


# Methods that audit their refusals but check no permission: rules about the actor's own row.
RULE_ONLY: dict[tuple[str, str], str] = {
    # DESIGN §6: only the signed-in person changes their own PIN, when it was given to them;
    # refused as pin_change_not_due, in tests/integration/test_lifecycle.py.
    ("auth", "choose_pin"): "a person's own PIN, refused by rule, never by role",
}


def _card(clips: list[Path], root: Path) -> Path:
    for number, clip in enumerate(clips, 1):
        target = root / "DCIM" / "100MEDIA" / f"FILE{number:04d}.MP4"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(clip, target)
    return root


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, generated_clips: dict[str, list[Path]]
) -> Path:
    """A demo home with one archived clip and DSJ-A002 held by 1001, built once (scrypt and
    ffprobe are slow) and copied for each test."""
    root = tmp_path_factory.mktemp("denials")
    services, _ = make_home(root / "home", language="en", pins=DEMO_PINS)
    card = _card(generated_clips["audio"][:1], root / "card")
    services.offload.run(
        MassStorageDriver(card, fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
    )
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    services.close()
    return root / "home"


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[tuple[Services, Setting]]:
    home = tmp_path / "home"
    shutil.copytree(template, home)
    services = open_services(config.load(home, home / "kiosk.toml"))
    (tmp_path / "labels").mkdir()
    setting = Setting("DSJ-A002", services.clips.listing()[0].id, tmp_path / "labels")
    yield services, setting
    services.close()


def actor(services: Services, badge: str) -> Actor:
    if badge == "system":
        return Actor("os:root", "system", services.settings.unit_code)
    person = services.registry.person(badge)
    assert person is not None
    return actor_of(person)


@pytest.mark.parametrize("denial", DENIALS, ids=lambda denial: denial.ident)
def test_every_denial_is_refused_and_is_the_newest_event(
    world: tuple[Services, Setting], denial: Denial
) -> None:
    services, setting = world
    who = actor(services, denial.badge)
    assert not PERMISSIONS[denial.permission] & {who.role}, "the table must pick a lacking role"
    before = services.store.audit_log.count()
    with pytest.raises(Refused) as refused:
        denial.call(services, who, setting)
    assert refused.value.reason == denial.reason
    if denial.reason == "permission_denied":
        assert refused.value.params == {"action": denial.permission.value, "role": who.role}
    # Exactly one event: the denial, with nothing changed (no rows carried).
    assert services.store.audit_log.count() == before + 1
    newest = services.store.audit_log.recent(1)[0]
    detail = json.loads(newest.detail_json)
    assert (newest.action, newest.outcome, newest.role) == (
        denial.event_action,
        "refused",
        who.role,
    )
    assert newest.actor == who.actor_id and detail["reason"] == denial.reason
    assert "changes" not in detail
    if denial.reason == "permission_denied":
        assert detail["params"] == {"action": denial.permission.value, "role": who.role}
    assert list(setting.out.iterdir()) == []  # no label was written


def _calls(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                names.add(func.attr)
            elif isinstance(func, ast.Name):
                names.add(func.id)
    return names


def _source_files(package: object) -> list[Path]:
    return sorted(Path(str(getattr(package, "__file__", ""))).parent.glob("*.py"))


def test_every_permission_check_in_the_services_has_a_denial_row() -> None:
    """Reads appliance/services and appliance/domain: a new check needs a row above."""
    fields = {str(kind): name for name, kind in Services.__annotations__.items()}
    checked: set[tuple[str, str]] = set()
    used: set[Action] = set()
    for path in _source_files(services_package) + _source_files(domain_package):
        if path.name == "roles.py":  # the table itself
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "Action":
                    used.add(Action[node.attr])
            # Context is the mechanism itself, not a use case.
            if isinstance(node, ast.ClassDef) and node.name in fields and node.name != "Context":
                for method in node.body:
                    # A private helper is reached through the public method that calls it.
                    if (
                        isinstance(method, ast.FunctionDef)
                        and not method.name.startswith("_")
                        and {"require", "audited", "allowed"} & _calls(method)
                    ):
                        checked.add((fields[node.name], method.name))
    rows = {(d.service, d.method) for d in DENIALS} | set(BRANCHES) | set(RULE_ONLY)
    assert checked - rows == set(), "a service method checks a permission with no denial row"
    denied = {d.permission for d in DENIALS} | set(UNREACHABLE)
    assert used - denied == set(), "a permission is used by the services with no denial row"
    assert {Action.SIGN_OUT, Action.MANAGE_PEOPLE, Action.UNLOCK_BADGE} <= used  # it reads


@pytest.mark.parametrize(
    "badge", ["1001", "1002", "2001", "3001", "4001", "5001", "9001", "system"]
)
def test_a_branch_refuses_nobody_and_logs_nothing(
    world: tuple[Services, Setting], badge: str
) -> None:
    """BRANCHES above: every role gets an answer; only a unit head's is the whole unit (Art. 7)."""
    services, setting = world
    who = actor(services, badge)
    before = services.store.audit_log.count()
    serials = [row.recorder.serial for row in services.overview.returnable(who)]
    summary = services.overview.home_summary(who)
    assert services.store.audit_log.count() == before
    # The one archived clip is nobody's (recorded outside any session): nothing to file.
    assert summary.unfiled == 0
    assert [s.serial for s in summary.sessions] == (serials if badge == "1001" else [])
    held_by_1001 = [setting.held_serial]
    expected = {"1001": held_by_1001, "2001": held_by_1001}.get(badge, [])
    assert serials == expected


def test_the_unreachable_denials_are_unreachable() -> None:
    assert PERMISSIONS[Action.SIGN_OUT] <= PERMISSIONS[Action.RETURN_OWN]
    assert PERMISSIONS[Action.MANAGE_PEOPLE] <= PERMISSIONS[Action.GRANT_ROLE]
    # Whoever may unlock neither alone nor with a second person is the officer's row.
    lacking = set(Role) - PERMISSIONS[Action.UNLOCK_BADGE] - PERMISSIONS[Action.UNLOCK_WITH_SECOND]
    assert Role.OFFICER in lacking
    assert not PERMISSIONS[Action.CONFIRM_GRANT] & {Role.OFFICER, Role.ADMIN, Role.AUDITOR}
    assert set(UNREACHABLE) == {
        Action.RETURN_OWN,
        Action.GRANT_ROLE,
        Action.CONFIRM_GRANT,
    }


def _newest(home: Path) -> tuple[str, str, str, dict[str, object]]:
    event = events(home)[-1]
    return event.action, event.outcome, event.role, json.loads(event.detail_json)


@pytest.mark.parametrize(
    ("argv", "pin", "line", "logged"),
    [
        (
            ("signout", "--badge", "5001", "--device", "DSJ-B001", "--checks-confirmed"),
            DEMO_PINS["5001"],
            "Not allowed: the role auditor may not sign out a recorder.",
            ("sign_out", "auditor", {"action": "sign_out", "role": "auditor"}),
        ),
        (
            ("officer", "unlock", "--badge", "1001", "--by", "1002"),
            DEMO_PINS["1002"],
            "Not allowed: the role officer may not unlock a badge.",
            ("unlock_badge", "officer", {"action": "unlock_badge", "role": "officer"}),
        ),
        (
            ("signout", "--badge", "9001", "--device", "DSJ-B001", "--checks-confirmed"),
            DEMO_PINS["9001"],
            "Not allowed: the role administrator may not sign out a recorder.",
            ("sign_out", "admin", {"action": "sign_out", "role": "admin"}),
        ),
    ],
    ids=["auditor-signout", "officer-unlock", "admin-signout"],
)
def test_denials_through_bwc_are_one_line_and_logged(
    world: tuple[Services, Setting],
    argv: tuple[str, ...],
    pin: str,
    line: str,
    logged: tuple[str, str, dict[str, str]],
) -> None:
    services, _ = world
    home = services.settings.home
    services.close()
    assert bwc("--home", str(home), *argv, stdin=pin).failure(1) == line
    action, outcome, role, detail = _newest(home)
    assert (action, outcome, role) == (logged[0], "refused", logged[1])
    assert detail["reason"] == "permission_denied" and detail["params"] == logged[2]
