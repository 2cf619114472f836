"""Provides `bwc label`: signed QR labels for badges and recorders, and the answer to the
kiosk's requests (`bwc label serve`: labels, the collector's hand-over, a disclosure's
export, DESIGN §6)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, os_actor
from appliance.domain.errors import Refused
from appliance.domain.requests import LABEL_OF, KioskRequest, RequestKind
from appliance.domain.scan import CodeKind
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_label(services: Services, args: argparse.Namespace, out: Output) -> int:
    kind = CodeKind.BADGE if args.label_kind == "badge" else CodeKind.DEVICE
    path = services.labels.write(
        os_actor(services.settings.unit_code), kind, args.value, Path(args.out)
    )
    out.say("cli.label_written", path=str(path))
    out.data(path=str(path), text=services.labels.text(kind, args.value))
    return EXIT_OK


def cmd_label_serve(services: Services, args: argparse.Namespace, out: Output) -> int:
    """Answer what the kiosk asked for (the dock does it too, as it runs)."""
    if not services.requests.can_serve():
        raise Refused("request_no_key")
    answered = services.requests.serve(os_actor(services.settings.unit_code))
    rows = []
    for request in answered:
        out.line(_answer_line(request, out.language))
        rows.append(
            {"id": request.id, "kind": request.kind.value, "subject": request.subject,
             "state": request.state.value, "result": request.result, "reason": request.reason}
        )  # fmt: skip
    if not answered:
        out.say("cli.requests_none")
    out.data(answered=rows)
    return EXIT_OK


def _answer_line(request: KioskRequest, language: str) -> str:
    """One answered request in words."""
    label = request.kind in LABEL_OF
    export = request.kind is RequestKind.DISCLOSURE_EXPORT
    disc = request.kind is RequestKind.DISC_BURN
    if not request.reason:
        if label:
            return t("cli.request_done", language, id=request.id, path=request.result)
        if export:
            return t(
                "cli.request_disclosure_done",
                language,
                **{"request": request.subject, **request.params},
                id=request.id,
                package=request.result,
            )
        if disc:
            job = request.params.get("job") or t("print.none", language)
            params = {**request.params, "id": request.id, "job": job}
            return t("cli.request_disc_done", language, **params)
        step = t(f"request_kind.{request.kind.value}", language)
        return t("cli.request_handover_done", language, id=request.id, step=step)
    if label:
        said = t("cli.request_refused", language, id=request.id, subject=request.subject)
    elif export:
        said = t("cli.request_disclosure_refused", language, id=request.id, subject=request.subject)
    elif disc:
        said = t("cli.request_disc_refused", language, id=request.id, subject=request.subject)
    else:
        step = t(f"request_kind.{request.kind.value}", language)
        said = t("cli.request_handover_refused", language, id=request.id, step=step)
    why = t(request.reason, language, **{"badge": request.requested_by, **request.params})
    return f"{said} {why}"


def register(sub: Any) -> None:
    """Add `label badge` and `label device` to the `bwc` command."""
    label = sub.add_parser("label", help="signed QR labels").add_subparsers(
        dest="label_kind", required=True
    )
    for kind in ("badge", "device"):
        one = label.add_parser(kind)
        one.add_argument("value")
        one.add_argument("--out", required=True)
        one.set_defaults(handler=cmd_label)
    serve = label.add_parser(
        "serve", help="do what the kiosk asked for: labels, the hand-over, exports"
    )
    serve.set_defaults(handler=cmd_label_serve)
