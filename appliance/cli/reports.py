"""Provides `bwc report daily [--day D] [--out F.pdf]`: the unit head's day on paper (Art. 14).

Run each evening by the bwc-daily-report timer as the service user (into exports/reports/), or
from the console. The PDF's last page is a checkpoint of the audit log signed as it is written.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, os_actor
from appliance.domain.errors import BadInput

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def _day(text: str | None, services: Services) -> date:
    if text is None:
        return services.reports.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput("report.bad_day", day=text) from None


def cmd_daily(services: Services, args: argparse.Namespace, out: Output) -> int:
    """The day's report, written as a PDF with the checkpoint on its last page."""
    day = _day(args.day, services)
    actor = os_actor(services.settings.unit_code, "system")
    target = Path(args.out) if args.out else None
    written = services.reports.write_daily(actor, day, target, out.language)
    report = written.report
    out.say(
        "report.written",
        day=day.isoformat(),
        path=str(written.path),
        sessions=len(report.sessions),
        findings=len(report.findings),
        alarms=len(report.alarms),
    )
    out.data(
        day=day.isoformat(),
        path=str(written.path),
        checkpoint=written.checkpoint_line,
        sessions=len(report.sessions),
        findings=[
            {
                "kind": f.kind.value,
                "about": f.about.value,
                "subject": f.subject,
                "at": f.at.isoformat(),
                "badge": f.badge,
                "variant": f.variant,
            }
            for f in report.findings
        ],  # fmt: skip
        alarms=[alarm.id for alarm in report.alarms],
    )
    return EXIT_OK


def cmd_audit(services: Services, args: argparse.Namespace, out: Output) -> int:
    """The audit office's period, written as a PDF with the checkpoint on its last page."""
    first, last = _day(args.first, services), _day(args.last, services)
    actor = os_actor(services.settings.unit_code, "system")
    written = services.audit_report.write(actor, first, last, Path(args.out), out.language)
    report = written.report
    out.say(
        "report.audit_written",
        first=first.isoformat(),
        last=last.isoformat(),
        path=str(written.path),
        findings=len(report.findings),
    )
    out.data(
        first=first.isoformat(),
        last=last.isoformat(),
        path=str(written.path),
        checkpoint=written.checkpoint_line,
        by_kind={kind.value: count for kind, count in sorted(report.by_kind.items())},
        by_officer=report.by_officer,
        by_week=report.by_week,
        fixity=[
            {
                "at": run.at.isoformat(),
                "checked": run.checked,
                "mismatched": run.mismatched,
                "missing": run.missing,
            }
            for run in report.fixity
        ],  # fmt: skip
        chain={"size": report.chain_size, "head": report.chain_head},
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `report` to the `bwc` command."""
    group = sub.add_parser("report", help="the daily report (Art. 14) and the audit's (Art. 15)")
    actions = group.add_subparsers(dest="sub", required=True)
    daily = actions.add_parser("daily", help="the day's report as a PDF with the checkpoint")
    daily.add_argument("--day", metavar="YYYY-MM-DD", help="the day (default: today)")
    daily.add_argument(
        "--out", metavar="FILE.pdf", help="where (new); default exports/reports/daily-DAY.pdf"
    )
    daily.set_defaults(handler=cmd_daily)
    audit = actions.add_parser(
        "audit", help="the audit office's period: findings by kind, officer, week (Art. 15)"
    )
    audit.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    audit.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    audit.add_argument("--out", required=True, metavar="FILE.pdf", help="where (new)")
    audit.set_defaults(handler=cmd_audit)
