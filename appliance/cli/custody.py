"""Provides `bwc signout` and `bwc return`: a recorder's custody, PIN on stdin (DESIGN §8)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_signout(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    lines = services.custody.checklist(args.device)
    to_confirm = [line.item for line in lines if line.measured_ok is None]
    confirmed = set(to_confirm) if args.checks_confirmed else set()
    try:
        session = services.custody.sign_out(actor, args.device, confirmed)
    except Refused as refusal:
        if refusal.reason == "check_incomplete" and not args.checks_confirmed:
            out.say("cli.confirm_items")
            for item in ALL_ITEMS:
                if item in to_confirm:
                    # Words, not identifiers (issue 9 item 2); --json keeps the identifiers.
                    out.line(f"  {t('item.' + item.value, out.language)}")
        raise
    out.say("cli.signed_out", serial=session.serial, time=out.time(session.started_at))
    out.data(
        serial=session.serial,
        holder=session.holder_badge,
        session=session.id,
        started_at=session.started_at.isoformat(),
    )
    return EXIT_OK


def cmd_return(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    session = services.custody.return_recorder(actor, args.device)
    ended = session.ended_at or session.started_at
    out.say("cli.returned", serial=session.serial, time=out.time(ended))
    out.data(
        serial=session.serial,
        holder=session.holder_badge,
        session=session.id,
        returned_by=session.returned_by,
        ended_at=ended.isoformat(),
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `signout` and `return` to the `bwc` command."""
    signout = sub.add_parser("signout", help="sign a recorder out (PIN on stdin)")
    signout.add_argument("--badge", required=True)
    signout.add_argument("--device", required=True)
    signout.add_argument(
        "--checks-confirmed",
        action="store_true",
        help="the officer confirms every check item the recorder cannot report",
    )
    signout.set_defaults(handler=cmd_signout)

    ret = sub.add_parser("return", help="return a recorder (PIN on stdin)")
    ret.add_argument("--badge", required=True)
    ret.add_argument("--device", required=True)
    ret.set_defaults(handler=cmd_return)
