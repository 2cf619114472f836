"""Provides the bureau's footage commands: clips list, and exports under the rules of Art. 13."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.cli.bureau_commands import Handler, signed_in
from appliance.cli.output import EXIT_OK, Output
from appliance.quantities import human_bytes

if TYPE_CHECKING:
    from appliance.bureau_root import Bureau

# clips ---------------------------------------------------------------------------------


def cmd_clips_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Clips across units by unit, officer, case and day."""
    from appliance.i18n import t

    actor = signed_in(bureau, args.badge)
    start, end = (args.day, args.day) if args.day else (args.date_from, args.date_to)
    found = bureau.clips.find(actor, args.unit, args.officer, args.case, start, end, args.limit)
    rows = []
    for shown in found:
        c = shown.clip
        restricted = t("bureau.restricted", out.language)
        rows.append(
            {
                "clip": c.id,
                "unit": c.unit,
                "day": c.day,
                "officer": c.officer or "",
                "recorder": restricted if shown.restricted else c.recorder,
                "name": restricted if shown.restricted else c.original_name,
                "cases": "" if shown.restricted else ", ".join(c.cases),
                "size": c.size if out.json_mode else human_bytes(c.size),
                "classification": c.classification
                if out.json_mode
                else t(f"classification.{c.classification}", out.language),
                **({"sha256": c.sha256, "unit_clip": c.box_clip_id} if out.json_mode else {}),
            }
        )
    if not rows and not out.json_mode:
        out.say("bureau.no_clips_found")
        return EXIT_OK
    out.table(
        rows,
        ["clip", "unit", "day", "officer", "recorder", "name", "cases", "size", "classification"],
    )
    return EXIT_OK


# exports -------------------------------------------------------------------------------


def cmd_export_request(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Ask for clips to go out (Art. 13)."""
    actor = signed_in(bureau, args.badge)
    request = bureau.exports.request(actor, args.clips, args.recipient, args.reason)
    out.say("bureau.export_requested", request=request.id, count=len(request.clip_ids))
    out.data(request=request.id, clips=list(request.clip_ids), items_sha256=request.items_sha256)
    return EXIT_OK


def decide(approve: bool) -> Handler:
    from appliance.domain.confidentiality import Classification

    def handler(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
        actor = signed_in(bureau, args.badge)
        note = getattr(args, "reason", "") or ""
        allow = [Classification(c) for c in getattr(args, "allow_class", None) or []]
        request = bureau.exports.decide(actor, args.request, approve, note, allow)
        key = "bureau.export_approved" if approve else "bureau.export_refused"
        expires = "" if request.expires_at is None else out.time(request.expires_at)
        out.say(key, request=request.id, expires=expires)
        out.data(request=request.id, state=request.state.value)
        return EXIT_OK

    return handler


def cmd_export_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Every export request, newest first."""
    from appliance.i18n import t

    rows = [
        {
            "request": r.id,
            "state": r.state.value
            if out.json_mode
            else t(f"bureau.export_state.{r.state.value}", out.language),
            "clips": len(r.clip_ids),
            "recipient": r.recipient,
            "requested_by": r.requested_by,
            "decided_by": r.decided_by or "",
        }
        for r in bureau.exports.requests()
    ]
    out.table(rows, ["request", "state", "clips", "recipient", "requested_by", "decided_by"])
    return EXIT_OK


def cmd_export_write(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Write an approved export as a sealed package (once)."""
    actor = signed_in(bureau, args.badge)
    done = bureau.exports.export(actor, args.request, Path(args.out))
    out.say(
        "bureau.export_written",
        request=done.request,
        path=str(done.path),
        count=done.clips,
        receipt=done.signature_sha256[:16],
    )
    out.data(
        request=done.request,
        path=str(done.path),
        receipt=done.signature_sha256,
        clips=done.clips,
        bytes=done.bytes,
    )
    return EXIT_OK
