"""Provides `bwc disclosure list|request|approve|refuse|export` (Art. 11, 13, DESIGN §8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.confidentiality import Classification
from appliance.domain.disclosure import Disclosure
from appliance.domain.errors import BadInput
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services

_ID_MAX = 2**62


def _row(request: Disclosure, out: Output) -> dict[str, Any]:
    return {
        "request": request.id,
        # Words for people, the identifier for scripts (--json).
        "state": request.state.value
        if out.json_mode
        else t(f"disclosure_state.{request.state.value}", out.language),
        "clips": ",".join(map(str, request.clip_ids)),
        "by": request.requested_by,
        "at": out.time(request.requested_at),
        "recipient": request.recipient,
        "decided_by": request.decided_by or "",
        "expires": out.time(request.expires_at) if request.expires_at else "",
    }


def cmd_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    rows = [_row(r, out) for r in services.disclosure.listing()]
    out.table(rows, ("request", "state", "clips", "by", "at", "recipient", "decided_by", "expires"))
    return EXIT_OK


def _ids(values: list[int]) -> list[int]:
    if not all(1 <= value <= _ID_MAX for value in values):
        raise BadInput("bad_clip_id")
    return values


def cmd_request(services: Services, args: argparse.Namespace, out: Output) -> int:
    ids = _ids(args.clips)
    actor = services.auth.sign_in(args.badge, read_pin())
    request = services.disclosure.request(actor, ids, args.recipient, args.reason)
    out.say("disclosure.requested", request=request.id, clips=len(request.clip_ids))
    out.data(request=request.id, clips=list(request.clip_ids), items_sha256=request.items_sha256)
    return EXIT_OK


def cmd_approve(services: Services, args: argparse.Namespace, out: Output) -> int:
    _ids([args.request])
    actor = services.auth.sign_in(args.badge, read_pin())
    named = frozenset(Classification(c) for c in args.allow_class or ())
    request = services.disclosure.approve(actor, args.request, named)
    expires = request.expires_at
    out.say("disclosure.approved", request=request.id, expires=out.time(expires) if expires else "")
    out.data(request=request.id, items_sha256=request.approved_items_sha256)
    return EXIT_OK


def cmd_refuse(services: Services, args: argparse.Namespace, out: Output) -> int:
    _ids([args.request])
    actor = services.auth.sign_in(args.badge, read_pin())
    request = services.disclosure.refuse(actor, args.request, args.reason)
    out.say("disclosure.refused", request=request.id)
    out.data(request=request.id)
    return EXIT_OK


def cmd_export(services: Services, args: argparse.Namespace, out: Output) -> int:
    _ids([args.request])
    actor = services.auth.sign_in(args.badge, read_pin())
    sealed = services.disclosure.export(actor, args.request, Path(args.out))
    out.say("disclosure.exported", path=str(sealed.path), clips=sealed.clips)
    out.data(package=sealed.id, path=str(sealed.path), receipt=sealed.signature_sha256)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `disclosure` to the `bwc` command."""
    group = sub.add_parser("disclosure", help="disclosure with approval (Art. 11, 13)")
    actions = group.add_subparsers(dest="sub", required=True)
    actions.add_parser("list", help="every request").set_defaults(handler=cmd_list)
    request = actions.add_parser("request", help="ask to disclose clips (PIN on stdin)")
    request.add_argument("--badge", required=True)
    request.add_argument("--clips", required=True, nargs="+", type=int, metavar="ID")
    request.add_argument("--recipient", required=True)
    request.add_argument("--reason", required=True)
    request.set_defaults(handler=cmd_request)
    approve = actions.add_parser("approve", help="approve a request (bureau head, PIN on stdin)")
    approve.add_argument("--request", required=True, type=int, metavar="N")
    approve.add_argument("--badge", required=True)
    approve.add_argument(
        "--allow-class",
        action="append",
        choices=(Classification.PRIVACY.value, Classification.TRADE_SECRET.value),
        help="a class the approval names (Art. 3); repeat for both",
    )
    approve.set_defaults(handler=cmd_approve)
    refuse = actions.add_parser("refuse", help="refuse a request (bureau head, PIN on stdin)")
    refuse.add_argument("--request", required=True, type=int, metavar="N")
    refuse.add_argument("--badge", required=True)
    refuse.add_argument("--reason", required=True)
    refuse.set_defaults(handler=cmd_refuse)
    export = actions.add_parser("export", help="write the approved clips (once; PIN on stdin)")
    export.add_argument("--request", required=True, type=int, metavar="N")
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--badge", required=True)
    export.set_defaults(handler=cmd_export)
