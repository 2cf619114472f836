"""Provides `bwc alarms list|ack`: what needs a person, and who saw to it (Art. 14, DESIGN §13)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.alarms import Alarm
from appliance.domain.errors import BadInput
from appliance.i18n import alarm_kind_words, t

if TYPE_CHECKING:
    from appliance.bootstrap import Services

_ID_MAX = 2**62
COLUMNS = ("alarm", "raised", "severity", "kind", "about", "state", "acknowledged_by", "note")


def _row(alarm: Alarm, out: Output) -> dict[str, Any]:
    state = "acknowledged" if alarm.acknowledged else "open"
    if out.json_mode:
        # The identifiers for scripts.
        severity, kind, state_said = alarm.severity, alarm.kind, state
    else:
        severity = t(f"severity.{alarm.severity}", out.language)
        kind = alarm_kind_words(alarm.kind, out.language)
        state_said = t(f"alarm.state_{state}", out.language)
    return {
        "alarm": alarm.id,
        "raised": out.time(alarm.at),
        "severity": severity,
        "kind": kind,
        "about": alarm.subject,
        "state": state_said,
        "acknowledged_by": alarm.acknowledged_by or "",
        "note": alarm.note,
    }


def cmd_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    alarms = services.alarms.listing(everything=args.all)
    if not alarms and not out.json_mode:
        out.say("alarm.none_ever" if args.all else "alarm.none_open")
        return EXIT_OK
    out.table([_row(alarm, out) for alarm in alarms], COLUMNS)
    return EXIT_OK


def cmd_ack(services: Services, args: argparse.Namespace, out: Output) -> int:
    if not 1 <= args.alarm <= _ID_MAX:
        raise BadInput("alarm.unknown", alarm=args.alarm)
    actor = services.auth.sign_in(args.badge, read_pin())
    alarm = services.alarms.acknowledge(actor, args.alarm, args.note)
    out.say("alarm.acknowledged", alarm=alarm.id, note=alarm.note)
    out.data(alarm=alarm.id, by=alarm.acknowledged_by, note=alarm.note)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `alarms` to the `bwc` command."""
    group = sub.add_parser("alarms", help="alarms and who saw to them (Art. 14)")
    actions = group.add_subparsers(dest="sub", required=True)
    listing = actions.add_parser("list", help="the open alarms (--all: the newest 200)")
    listing.add_argument("--all", action="store_true", help="acknowledged ones too")
    listing.set_defaults(handler=cmd_list)
    ack = actions.add_parser("ack", help="say what was done about an alarm (PIN on stdin)")
    ack.add_argument("alarm", type=int, metavar="N")
    ack.add_argument("--badge", required=True)
    ack.add_argument("--note", required=True, help="what was done")
    ack.set_defaults(handler=cmd_ack)
