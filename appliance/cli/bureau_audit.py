"""Provides the bureau's audit commands: the report across units, alarms, verify, the checkpoint."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from appliance.cli.bureau_commands import signed_in, system_actor
from appliance.cli.output import EXIT_OK, Output
from appliance.domain.errors import Refused
from appliance.quantities import human_bytes

if TYPE_CHECKING:
    from appliance.bureau_root import Bureau

# report, alarms, verify ----------------------------------------------------------------


def cmd_report_audit(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """The audit office's report across units (Art. 15)."""
    from appliance.i18n import t

    actor = signed_in(bureau, args.badge)
    report = bureau.reports.audit(actor, args.date_from, args.date_to)
    out.say("bureau.report_title", start=report.start, end=report.end, count=len(report.units))
    rows = []
    for u in report.units:
        rows.append(
            {
                "unit": u.code,
                "name": u.name,
                "weeks": f"{len(u.weeks_received)}/{len(u.weeks_due)}",
                "missing": ", ".join(u.weeks_missing),
                "late": ", ".join(u.weeks_late),
                "clips": u.clips,
                "size": u.bytes if out.json_mode else human_bytes(u.bytes),
                "officers": u.officers,
                "cases": u.cases,
                "chain": "; ".join(
                    t(f"bureau.alarm.{kind}", out.language) + f" @{seq}"
                    for kind, seq in u.chain_alarms
                ),
                "refused": u.refused,
            }
        )
    if out.json_mode:
        out.data(
            start=report.start,
            end=report.end,
            units=[
                {
                    **row,
                    "weeks_due": list(u.weeks_due),
                    "weeks_received": list(u.weeks_received),
                    "weeks_missing": list(u.weeks_missing),
                    "weeks_late": list(u.weeks_late),
                    "chain_alarms": [{"kind": k, "seq": s} for k, s in u.chain_alarms],
                    "classes": u.classes,
                    "held_size": u.held_size,
                }
                for row, u in zip(rows, report.units, strict=True)
            ],
            totals=report.totals,
            log={"events": report.log_events, "intact": report.log_intact},
        )
        return EXIT_OK
    out.table(
        rows,
        [
            "unit",
            "name",
            "weeks",
            "missing",
            "late",
            "clips",
            "size",
            "officers",
            "cases",
            "chain",
            "refused",
        ],
    )
    key = "bureau.report_log_intact" if report.log_intact else "bureau.report_log_broken"
    out.say(key, count=report.log_events, seq=report.log_first_bad or 0)
    return EXIT_OK


def cmd_alarms_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """The alarms nobody acknowledged, oldest first."""
    from appliance.i18n import t

    alarms = bureau.alarms.alarms(open_only=not args.all)
    if not alarms and not out.json_mode:
        out.say("bureau.no_alarms")
        return EXIT_OK
    rows = [
        {
            "alarm": a.id,
            "when": out.time(a.at) if not out.json_mode else a.at.isoformat(),
            "unit": a.unit,
            "what": a.kind if out.json_mode else t(f"bureau.alarm.{a.kind}", out.language),
            "seq": a.seq if a.seq is not None else "",
            "package": str(a.detail.get("package", "")),
        }
        for a in alarms
    ]
    out.table(rows, ["alarm", "when", "unit", "what", "seq", "package"])
    return EXIT_OK


def cmd_alarms_ack(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Acknowledge an alarm with a note of what was done (the collector or a bureau head)."""
    actor = signed_in(bureau, args.badge)
    alarm = bureau.alarms.acknowledge(actor, args.alarm, args.note)
    out.say("bureau.alarm_acknowledged_now", alarm=alarm.id)
    out.data(alarm=alarm.id, acknowledged_by=alarm.acknowledged_by)
    return EXIT_OK


def cmd_verify(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Fixity of every content and the bureau's log; exit 1 naming the first problem."""
    report = bureau.verify.verify(system_actor(bureau))
    out.data(
        sound=report.sound,
        contents=report.contents,
        bytes=report.bytes,
        events=report.events,
        problem=report.problem or None,
        subject=report.subject or None,
    )
    if report.sound:
        out.say(
            "bureau.verified",
            count=report.contents,
            size=human_bytes(report.bytes),
            events=report.events,
        )
        return EXIT_OK
    raise Refused(report.problem, subject=report.subject, seq=report.subject)


def cmd_checkpoint(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Sign the bureau's log as it stands and print the line (for the audit office's copy)."""
    from appliance.services.bureau_context import sign_checkpoint

    checkpoint = sign_checkpoint(bureau.ctx, system_actor(bureau))
    out.line(checkpoint.line())
    out.data(checkpoint=checkpoint.line(), size=checkpoint.size)
    return EXIT_OK


def cmd_public_key(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Print the bureau's public key: `bwc package verify --public-key` checks exports with it."""
    key = bureau.ctx.signer.public_key_b64()
    out.line(key)
    out.data(public_key=key)
    return EXIT_OK
