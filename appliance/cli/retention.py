"""Provides `bwc retention run [--dry-run]`: deletion by rule only (Art. 12(3), DESIGN §11).

Run by the bwc-retention timer as the service user, or from the console. A clock fault deletes
nothing, raises an alarm and exits 1; a content whose seal could not be cleared exits 1 too.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor

if TYPE_CHECKING:
    from appliance.bootstrap import Services

# Why a run printed no PDF (RetentionReport.pdf_missing), as the line that says so.
_NO_PDF = {
    "nothing_listed": "cli.retention_pdf_nothing_listed",
    "render_failed": "cli.retention_pdf_render_failed",
}


def cmd_run(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = os_actor(services.settings.unit_code, "system")
    report = services.retention.run(actor, dry_run=args.dry_run)
    key = "cli.retention_dry" if report.dry_run else "cli.retention_done"
    if report.deferred:
        key = "cli.retention_deferred"
    out.say(
        key,
        judged=report.judged,
        count=len(report.eligible),
        contents=len(report.deleted) + len(report.finished),
        path=str(report.lists[0]) if report.lists else "",
    )
    pdfs = [path for path in report.lists if path.suffix == ".pdf"]
    if pdfs:
        out.say("cli.retention_pdf", path=str(pdfs[0]))
    elif report.pdf_missing:
        out.say(_NO_PDF[report.pdf_missing])
    if report.failed:
        out.say("cli.retention_failed", count=len(report.failed))
    out.data(
        run=report.run,
        dry_run=report.dry_run,
        deferred=report.deferred,
        judged=report.judged,
        eligible=[
            {"clip": j.clip_id, "sha256": j.sha256, "size": j.size, "why": j.verdict.value}
            for j in report.eligible
        ],
        deleted=list(report.deleted),
        finished=list(report.finished),
        failed=list(report.failed),
        lists=[str(path) for path in report.lists],
        pdf=str(pdfs[0]) if pdfs else None,
        pdf_missing=report.pdf_missing or None,
    )
    return EXIT_REFUSED if report.failed else EXIT_OK


def register(sub: Any) -> None:
    """Add `retention` to the `bwc` command."""
    group = sub.add_parser("retention", help="deletion by rule only (Art. 12(3))")
    actions = group.add_subparsers(dest="sub", required=True)
    run = actions.add_parser("run", help="delete what the retention rule allows")
    run.add_argument("--dry-run", action="store_true", help="list what would go; delete nothing")
    run.set_defaults(handler=cmd_run)
