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


def register(sub: Any) -> None:
    """Add `report` to the `bwc` command."""
    group = sub.add_parser("report", help="the unit head's daily report (Art. 14)")
    actions = group.add_subparsers(dest="sub", required=True)
    daily = actions.add_parser("daily", help="the day's report as a PDF with the checkpoint")
    daily.add_argument("--day", metavar="YYYY-MM-DD", help="the day (default: today)")
    daily.add_argument(
        "--out", metavar="FILE.pdf", help="where (new); default exports/reports/daily-DAY.pdf"
    )
    daily.set_defaults(handler=cmd_daily)
