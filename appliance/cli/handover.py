"""Provides `bwc handover due|create|receipt`: the weekly hand-over (Art. 12(2), DESIGN §8).

`due` is this product's name for the listing DESIGN §8 leaves unnamed: what the collector
still has to take, by day and officer, with sizes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.errors import BadInput
from appliance.domain.packages import parse_week

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_due(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    before = None
    if args.week:
        try:
            before = parse_week(args.week)[1]
        except ValueError:
            raise BadInput("handover.bad_week", week=args.week) from None
    due = services.handover.due(actor, before)
    groups: dict[tuple[str, str], list[int]] = {}
    for item in due:
        key = (item.clip.day, item.clip.holder_badge or "-")
        groups.setdefault(key, []).append(item.clip.size)
    rows = [
        {"day": day, "officer": officer, "clips": len(sizes), "bytes": sum(sizes)}
        for (day, officer), sizes in sorted(groups.items())
    ]
    out.table(rows, ("day", "officer", "clips", "bytes"))
    out.say("handover.due_total", clips=len(due), bytes=sum(d.clip.size for d in due))
    return EXIT_OK


def cmd_create(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    sealed = services.handover.create(actor, args.week, Path(args.out))
    out.say(
        "handover.created",
        path=str(sealed.path),
        clips=sealed.clips,
        bytes=sealed.bytes,
        receipt=sealed.signature_sha256,
    )
    out.data(
        package=sealed.id,
        path=str(sealed.path),
        clips=sealed.clips,
        bytes=sealed.bytes,
        receipt=sealed.signature_sha256,
    )
    return EXIT_OK


def cmd_receipt(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    package_id, clips = services.handover.receipt(actor, Path(args.package))
    out.say("handover.received", package=package_id, clips=len(clips))
    out.data(package=package_id, clips=clips)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `handover` to the `bwc` command."""
    handover = sub.add_parser("handover", help="the weekly hand-over (Art. 12(2))")
    actions = handover.add_subparsers(dest="sub", required=True)
    due = actions.add_parser("due", help="what is not yet handed over (PIN on stdin)")
    due.add_argument("--badge", required=True)
    due.add_argument("--week", help="only what was recorded up to the end of YYYY-Www")
    due.set_defaults(handler=cmd_due)
    create = actions.add_parser("create", help="seal the week's package (PIN on stdin)")
    create.add_argument("--week", required=True, metavar="YYYY-Www")
    create.add_argument("--badge", required=True)
    create.add_argument("--out", required=True, metavar="DIR", help="the package (must be new)")
    create.set_defaults(handler=cmd_create)
    receipt = actions.add_parser("receipt", help="the collector's receipt (PIN on stdin)")
    receipt.add_argument("--package", required=True, metavar="DIR")
    receipt.add_argument("--badge", required=True)
    receipt.set_defaults(handler=cmd_receipt)
