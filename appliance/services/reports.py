"""Provides the unit head's day (Art. 14): the recorders, the day's custody and its footage,
the findings with their next step, and the alarms still open; and its PDF with the checkpoint.

The kiosk shows the day to those who may see the unit (VIEW_UNIT_STATUS); `bwc report daily`
(the timer, each evening, as the service user) writes it to `exports/reports/` as a PDF whose
last page is a checkpoint of the audit chain signed as it is written (DESIGN §5.2, §13).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from appliance.atomic_file import write_atomically
from appliance.domain.alarms import Alarm
from appliance.domain.articles import enforces
from appliance.domain.errors import BadInput
from appliance.domain.findings import Finding
from appliance.domain.records import Actor, CustodySession, RecorderStatus
from appliance.domain.roles import Action
from appliance.ports import FormError, FormRenderer
from appliance.services.audit import AuditService
from appliance.services.context import Context
from appliance.services.findings import FindingsService, Window
from appliance.services.report_form import daily_values

REPORTS_FOLDER = "reports"


@dataclass(frozen=True)
class SessionLine:
    """One custody session of the day and the footage it brought back."""

    session: CustodySession
    holder_name: str
    clips: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class DailyReport:
    """The unit's day as the unit head checks it (Art. 14)."""

    day: date
    window: Window
    unit_code: str
    unit_name: str
    made_at: datetime
    recorders: tuple[RecorderStatus, ...]
    sessions: tuple[SessionLine, ...]
    findings: tuple[Finding, ...]
    alarms: tuple[Alarm, ...]
    names: dict[str, str]


@dataclass(frozen=True)
class WrittenReport:
    """A report written to a file, with the checkpoint on its last page."""

    report: DailyReport
    path: Path
    checkpoint_line: str


class ReportService:
    """The unit head's day, on the screen and on paper."""

    def __init__(
        self, ctx: Context, findings: FindingsService, audit: AuditService, forms: FormRenderer
    ) -> None:
        self._ctx = ctx
        self._findings = findings
        self._audit = audit
        self._forms = forms

    def today(self) -> date:
        """The unit's local date now."""
        return self._findings.today()

    @enforces("14")
    def daily(self, actor: Actor, day: date) -> DailyReport:
        """The day, for a person who may see the unit (the kiosk)."""
        self._ctx.require(actor, Action.VIEW_UNIT_STATUS, "report", day.isoformat())
        return self._daily(day)

    def _daily(self, day: date) -> DailyReport:
        store, window = self._ctx.store, self._findings.day(day)
        names = {p.badge: p.name for p in store.people.all_people()}
        sessions = store.custody.sessions_started(window.start, window.end)
        carried: dict[int, list[tuple[int, float]]] = {}
        for clip in store.clips.of_sessions(s.id for s in sessions):
            if clip.session_id is not None:
                seconds = clip.media.duration_seconds or 0.0
                carried.setdefault(clip.session_id, []).append((clip.size, seconds))
        lines = tuple(
            SessionLine(
                s,
                names.get(s.holder_badge, s.holder_badge),
                len(carried.get(s.id, [])),
                sum(size for size, _ in carried.get(s.id, [])),
                sum(seconds for _, seconds in carried.get(s.id, [])),
            )
            for s in sessions
        )
        settings = self._ctx.settings
        return DailyReport(
            day,
            window,
            settings.unit_code,
            settings.unit_name,
            self._ctx.clock.now(),
            tuple(store.custody.unit_status()),
            lines,
            tuple(self._findings.compute(window)),
            tuple(store.alarms.open_alarms()),
            names,
        )

    def write_daily(
        self, actor: Actor, day: date, out: Path | None, language: str
    ) -> WrittenReport:
        """The day's PDF at `out` (new), or in exports/reports/ by its day; the checkpoint
        is signed now and printed on its last page. Whoever runs `bwc` holds the files: the
        console and the timer act as the service user (DESIGN §6)."""
        target = out if out is not None else self._default_path(day)
        if out is not None and (target.exists() or target.is_symlink()):
            raise BadInput("report.out_exists", path=str(target))
        if not target.parent.is_dir():
            raise BadInput("report.out_missing", path=str(target.parent))
        report = self._daily(day)
        checkpoint = self._audit.checkpoint(actor).line()
        values = daily_values(report, checkpoint, language, self._ctx.settings)
        try:
            pdf = self._forms.render("daily_report", values, report.made_at)
        except FormError as exc:
            raise BadInput("report.form_failed", detail=exc.detail[:200]) from None
        write_atomically(target, pdf, 0o640)
        with self._ctx.store.transaction():
            self._ctx.record(
                actor, "report_written", "report", day.isoformat(),
                kind="daily", path=str(target), findings=len(report.findings),
                sessions=len(report.sessions), checkpoint=checkpoint,
            )  # fmt: skip
        return WrittenReport(report, target, checkpoint)

    def _default_path(self, day: date) -> Path:
        folder = self._ctx.settings.exports_dir / REPORTS_FOLDER
        folder.mkdir(mode=0o750, parents=True, exist_ok=True)
        first = folder / f"daily-{day.isoformat()}.pdf"
        if not first.exists():
            return first
        # Written again the same day (by hand after the timer): a new file, never over one.
        number = 2
        while (folder / f"daily-{day.isoformat()}.{number}.pdf").exists():
            number += 1
        return folder / f"daily-{day.isoformat()}.{number}.pdf"
