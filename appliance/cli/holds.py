"""Provides `bwc hold set|lift|list`: holds that keep footage (Art. 12(3), DESIGN §8).

`set` (also `add`, DESIGN §8's name) takes one badge and its PIN; `lift` takes `--badge` twice,
the PINs on standard input one line each, in the order of the badges.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.config import local_zone
from appliance.domain.errors import BadInput
from appliance.domain.holds import Hold, HoldKind
from appliance.i18n import t
from appliance.i18n.hold_words import hold_covers

if TYPE_CHECKING:
    from appliance.bootstrap import Services

_ID_MAX = 2**62


def covers_text(hold: Hold, out: Output) -> str:
    """What a hold covers, in words."""
    return hold_covers(hold, out.language, out.time)


def _row(hold: Hold, out: Output) -> dict[str, Any]:
    if out.json_mode:
        target = hold.target
        return {
            "hold": hold.id,
            "kind": hold.kind.value,
            "scope": target.scope.value,
            "clips": sorted(target.clip_ids),
            "case": target.case_number,
            "officer": target.officer_badge,
            "start": target.start.isoformat() if target.start else None,
            "end": target.end.isoformat() if target.end else None,
            "note": hold.note,
            "set_by": hold.set_by,
            "set_at": hold.set_at.isoformat(),
            "active": hold.active,
            "lifted_by": hold.lifted_by,
            "lift_confirmed_by": hold.lift_confirmed_by,
            "lifted_at": hold.lifted_at.isoformat() if hold.lifted_at else None,
        }
    lifted = ""
    if hold.lifted_at is not None:
        lifted = f"{out.time(hold.lifted_at)} {hold.lifted_by}+{hold.lift_confirmed_by}"
    return {
        "hold": hold.id,
        "kind": t(f"hold_kind.{hold.kind.value}", out.language),
        "covers": covers_text(hold, out),
        "note": hold.note,
        "set_by": hold.set_by,
        "set_at": out.time(hold.set_at),
        "lifted": lifted or t("hold_state.active", out.language),
    }


def cmd_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    out.zone = local_zone(services.settings)
    rows = [_row(hold, out) for hold in services.holds.listing(args.active)]
    out.table(rows, ("hold", "kind", "covers", "note", "set_by", "set_at", "lifted"))
    return EXIT_OK


def cmd_set(services: Services, args: argparse.Namespace, out: Output) -> int:
    out.zone = local_zone(services.settings)
    chosen = [args.clips is not None, args.case is not None, args.officer is not None]
    if chosen.count(True) != 1:
        raise BadInput("hold_scope_unclear")
    if args.officer is None and (args.start is not None or args.end is not None):
        raise BadInput("hold_scope_unclear")
    if args.officer is not None and (args.start is None or args.end is None):
        raise BadInput("hold_range_needed")
    actor = services.auth.sign_in(args.badge, read_pin())
    if args.clips is not None:
        hold = services.holds.set_on_clips(actor, args.reason, args.note, args.clips)
    elif args.case is not None:
        hold = services.holds.set_on_case(actor, args.reason, args.note, args.case)
    else:
        hold = services.holds.set_on_officer_days(
            actor, args.reason, args.note, args.officer, args.start, args.end
        )
    kind = t(f"hold_kind.{hold.kind.value}", out.language)
    out.say("cli.hold_set", hold=hold.id, kind=kind, scope=covers_text(hold, out))
    out.data(**_row(hold, Output(True, out.language)))
    return EXIT_OK


def cmd_lift(services: Services, args: argparse.Namespace, out: Output) -> int:
    if not 1 <= args.hold <= _ID_MAX:
        raise BadInput("bad_hold_id")
    if len(args.badge) > 2:
        raise BadInput("two_badges_at_most")
    actor = services.auth.sign_in(args.badge[0], read_pin())
    second = services.auth.sign_in(args.badge[1], read_pin()) if len(args.badge) == 2 else None
    hold = services.holds.lift(actor, args.hold, second)
    out.say("cli.hold_lifted", hold=hold.id, by=hold.lifted_by, second=hold.lift_confirmed_by)
    out.data(hold=hold.id, lifted_by=hold.lifted_by, lift_confirmed_by=hold.lift_confirmed_by)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `hold` to the `bwc` command."""
    group = sub.add_parser("hold", help="holds that keep footage past retention (Art. 12(3))")
    actions = group.add_subparsers(dest="sub", required=True)
    listing = actions.add_parser("list", help="every hold, newest first")
    listing.add_argument("--active", action="store_true", help="only the holds in force")
    listing.set_defaults(handler=cmd_list)
    setting = actions.add_parser(
        "set", aliases=["add"], help="keep clips, a case or an officer's footage (PIN on stdin)"
    )
    setting.add_argument("--badge", required=True, help="a unit head, bureau head or collector")
    setting.add_argument("--reason", required=True, choices=[kind.value for kind in HoldKind])
    setting.add_argument("--note", required=True, help="what came in: who complained, the file")
    setting.add_argument("--clips", nargs="+", type=int, metavar="ID")
    setting.add_argument("--case", metavar="C")
    setting.add_argument("--officer", metavar="BADGE")
    setting.add_argument("--from", dest="start", metavar="D", help="YYYY-MM-DD [HH:MM]")
    setting.add_argument("--to", dest="end", metavar="D", help="YYYY-MM-DD [HH:MM], inclusive")
    setting.set_defaults(handler=cmd_set)
    lift = actions.add_parser("lift", help="lift a hold (two people; PINs on stdin)")
    lift.add_argument("--hold", required=True, type=int, metavar="N")
    lift.add_argument(
        "--badge", action="append", required=True, help="the first person, then the second"
    )
    lift.set_defaults(handler=cmd_lift)
