"""Provides the audit office's report of a period (Art. 15, 16; DESIGN §13).

The office inspects, supervises and scores the units: the findings of the period by kind, by
officer and by week, the fixity samples re-hashed in it, and the audit chain's state. The
kiosk shows it to the auditor and the bureau head (READ_AUDIT, each read audited); `bwc report
audit` writes it as a PDF whose last page is a checkpoint signed as it is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from appliance.atomic_file import write_atomically
from appliance.domain.alarms import FixityRun
from appliance.domain.articles import enforces
from appliance.domain.errors import BadInput
from appliance.domain.findings import Finding, FindingKind
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.ports import FormError, FormRenderer
from appliance.services.audit import AuditService
from appliance.services.context import Context
from appliance.services.findings import FindingsService, Window
from appliance.services.report_form import audit_values

# The longest period one report covers: a year and a day (a leap year's whole).
MAX_DAYS = 366
NOBODY = ""


@dataclass(frozen=True)
class AuditReport:
    """A period's findings counted three ways, its fixity samples and the chain's head."""

    first: date
    last: date
    unit_code: str
    unit_name: str
    made_at: datetime
    findings: tuple[Finding, ...]
    by_kind: dict[FindingKind, int]
    # By the officer the finding is about ("" for none: a content, another unit's recorder).
    by_officer: dict[str, int]
    # By ISO week, "YYYY-Www", every week of the period (zero included), in order.
    by_week: dict[str, int]
    fixity: tuple[FixityRun, ...]
    chain_size: int
    chain_head: str
    names: dict[str, str]


@dataclass(frozen=True)
class WrittenAudit:
    """An audit report written to a file, with its checkpoint."""

    report: AuditReport
    path: Path
    checkpoint_line: str


def week_of(day: date) -> str:
    """The ISO week of a day, as "YYYY-Www"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class AuditReportService:
    """The audit office's period (Art. 15, 16)."""

    def __init__(
        self, ctx: Context, findings: FindingsService, audit: AuditService, forms: FormRenderer
    ) -> None:
        self._ctx = ctx
        self._findings = findings
        self._audit = audit
        self._forms = forms

    @enforces("15")
    def period(self, actor: Actor, first: date, last: date) -> AuditReport:
        """The period's report for the audit office at the kiosk; the read is audited."""
        subject = f"{first.isoformat()}/{last.isoformat()}"
        self._ctx.require(actor, Action.READ_AUDIT, "report", subject)
        with self._ctx.audited(actor, "audit_report_read", "report", subject):
            report = self._report(first, last)
            self._ctx.record(
                actor, "audit_report_read", "report", subject, findings=len(report.findings)
            )
        return report

    def _report(self, first: date, last: date) -> AuditReport:
        if last < first:
            raise BadInput("report.bad_period", first=first.isoformat(), last=last.isoformat())
        if (last - first).days >= MAX_DAYS:
            raise BadInput("report.period_too_long", days=MAX_DAYS)
        store = self._ctx.store
        window = Window(self._findings.day(first).start, self._findings.day(last).end)
        found = self._findings.compute(window)
        names = {p.badge: p.name for p in store.people.all_people()}
        weeks: dict[str, int] = {}
        day = first
        while day <= last:
            weeks.setdefault(week_of(day), 0)
            day += timedelta(days=1)
        zone = window.start.tzinfo
        for finding in found:
            local = finding.at.astimezone(zone).date() if zone else finding.at.date()
            key = week_of(min(max(local, first), last))
            weeks[key] = weeks.get(key, 0) + 1
        head = store.audit_log.recent(1)
        settings = self._ctx.settings
        return AuditReport(
            first,
            last,
            settings.unit_code,
            settings.unit_name,
            self._ctx.clock.now(),
            tuple(found),
            dict(Counter(f.kind for f in found)),
            dict(Counter(f.badge or NOBODY for f in found)),
            weeks,
            tuple(store.alarms.fixity_runs(window.start, window.end)),
            head[0].seq if head else 0,
            head[0].hash if head else "",
            names,
        )

    def write(
        self, actor: Actor, first: date, last: date, out: Path, language: str
    ) -> WrittenAudit:
        """The period's PDF at `out` (new), the checkpoint signed now on its last page. The
        console's user holds the files (DESIGN §6): it acts as the service user."""
        if out.exists() or out.is_symlink():
            raise BadInput("report.out_exists", path=str(out))
        if not out.parent.is_dir():
            raise BadInput("report.out_missing", path=str(out.parent))
        report = self._report(first, last)
        checkpoint = self._audit.checkpoint(actor).line()
        values = audit_values(report, checkpoint, language, self._ctx.settings)
        try:
            pdf = self._forms.render("audit_report", values, report.made_at)
        except FormError as exc:
            raise BadInput("report.form_failed", detail=exc.detail[:200]) from None
        write_atomically(out, pdf, 0o640)
        with self._ctx.store.transaction():
            self._ctx.record(
                actor, "report_written", "report", f"{first.isoformat()}/{last.isoformat()}",
                kind="audit", path=str(out), findings=len(report.findings), checkpoint=checkpoint,
            )  # fmt: skip
        return WrittenAudit(report, out, checkpoint)
