"""Provides the `bwc device` commands of a recorder's life: fault, repair, loss, find, retire.

PINs come on standard input, one line each, in the order of the badges (DESIGN §8); the
acts of two people (lost, damaged, retire) take `--badge` twice.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli import history
from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.checks import CheckItem
from appliance.domain.errors import BadInput
from appliance.domain.incidents import FaultPart, Finding
from appliance.domain.records import Actor
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def _two(services: Services, badges: list[str]) -> tuple[Actor, Actor | None]:
    """The person who acts and the second person, each signed in with the next PIN line."""
    if len(badges) > 2:
        raise BadInput("two_badges_at_most")
    first = services.auth.sign_in(badges[0], read_pin())
    second = services.auth.sign_in(badges[1], read_pin()) if len(badges) == 2 else None
    return first, second


def _confirmed(services: Services, serial: str, all_confirmed: bool) -> set[CheckItem]:
    """The check items the recorder cannot report, ticked when the flag says they were seen."""
    lines = services.custody.checklist(serial)
    return {ln.item for ln in lines if ln.measured_ok is None} if all_confirmed else set()


def cmd_fault(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    fault = services.lifecycle.report_fault(actor, args.device, args.reason, args.note)
    part = t(f"part.{fault.part.value}", out.language)
    out.say("cli.fault_reported", serial=fault.serial, part=part)
    out.data(serial=fault.serial, fault=fault.id, part=fault.part.value, session=fault.session_id)
    return EXIT_OK


def cmd_repaired(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    confirmed = _confirmed(services, args.device, args.checks_confirmed)
    recorder = services.lifecycle.repaired(actor, args.device, confirmed)
    out.say("cli.repaired", serial=recorder.serial)
    out.data(serial=recorder.serial, state=recorder.state.value)
    return EXIT_OK


def _incident(kind: str) -> Any:
    def command(services: Services, args: argparse.Namespace, out: Output) -> int:
        actor, second = _two(services, args.badge)
        incident = services.lifecycle.declare_incident(
            actor, args.device, kind, args.what, args.finding, args.note, second
        )
        out.say(
            f"cli.incident_{kind}",
            serial=incident.serial,
            holder=incident.holder_badge or "-",
            finding=t(f"finding.{incident.finding.value}", out.language),
        )
        out.data(
            serial=incident.serial,
            incident=incident.id,
            kind=incident.kind.value,
            holder=incident.holder_badge,
            session=incident.session_id,
            finding=incident.finding.value,
            confirmed_by=incident.confirmed_by,
        )
        return EXIT_OK

    return command


def cmd_found(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    confirmed = _confirmed(services, args.device, args.checks_confirmed)
    recorder = services.lifecycle.found(actor, args.device, confirmed)
    out.say("cli.found", serial=recorder.serial)
    out.data(serial=recorder.serial, state=recorder.state.value)
    return EXIT_OK


def cmd_retire(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor, second = _two(services, args.badge)
    recorder = services.lifecycle.retire(actor, args.device, second)
    out.say("cli.retired", serial=recorder.serial)
    out.data(serial=recorder.serial, state=recorder.state.value)
    return EXIT_OK


def _pins_note(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--badge", required=True, help=text)


def register_into(device: Any) -> None:
    """Add the lifecycle commands to `bwc device`."""
    fault = device.add_parser("fault", help="report a fault: the recorder goes for repair")
    fault.add_argument("--device", required=True)
    _pins_note(fault, "the holder, a unit head or an officer of the unit (PIN on stdin)")
    fault.add_argument("--reason", required=True, choices=[p.value for p in FaultPart])
    fault.add_argument("--note", default="", help="what was seen (needed for 'other')")
    fault.set_defaults(handler=cmd_fault)

    for name, handler, text in (
        ("repaired", cmd_repaired, "back from repair, after a passing check"),
        ("found", cmd_found, "a lost recorder is back (after an offload and a passing check)"),
    ):
        command = device.add_parser(name, help=text)
        command.add_argument("--device", required=True)
        _pins_note(command, "a unit head (PIN on stdin)")
        command.add_argument(
            "--checks-confirmed",
            action="store_true",
            help="the unit head confirms every check item the recorder cannot report",
        )
        command.set_defaults(handler=handler)

    for kind, text in (("lost", "declare a loss"), ("damaged", "declare damage")):
        incident = device.add_parser(kind, help=f"{text} (two people, Art. 10)")
        incident.add_argument("--device", required=True)
        incident.add_argument(
            "--badge", action="append", required=True, help="the unit head, then the second"
        )
        incident.add_argument("--what", required=True, help="what happened")
        incident.add_argument("--finding", required=True, choices=[f.value for f in Finding])
        incident.add_argument("--note", default="")
        incident.set_defaults(handler=_incident(kind))

    retire = device.add_parser("retire", help="out of service for good (two people)")
    retire.add_argument("--device", required=True)
    retire.add_argument(
        "--badge", action="append", required=True, help="the admin or a unit head, then the second"
    )
    retire.set_defaults(handler=cmd_retire)

    history.register_device(device)
