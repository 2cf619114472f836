"""Provides the audit office's report of a period at the kiosk (Art. 15, 16; DESIGN §13).

The office scores the unit over a period: the findings counted by kind, by week and by officer,
the fixity samples re-hashed in it and the audit chain's state, as `bwc report audit` prints
them. The service audits every read, so nothing is read before Show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static
from textual_plotext import PlotextPlot

from appliance.domain.errors import BadInput
from appliance.domain.findings import FindingKind
from appliance.domain.records import Actor
from appliance.i18n import explain
from appliance.services.audit_report import AuditReport
from tui.screens.base import KioskScreen
from tui.text import plain, plain_lines
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# The default period: the last four weeks, today included.
DEFAULT_DAYS = 28
# The chain's head by its first hex digits, enough to hold against a printed checkpoint.
HEAD_SHOWN = 16
# The week chart has room for this many labels ("W48" and a space or two each).
WEEKS_NAMED = 6


@dataclass
class PeriodLoaded(Message):
    """The period's report, read (and audited) by the service."""

    report: AuditReport


def day_asked(text: str) -> date:
    """A day written YYYY-MM-DD; BadInput in the audit log's words when it is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput("audit_log.bad_day", day=text) from None


def bar_chart(plot: PlotextPlot, labels: list[str], counts: list[int], named: int) -> None:
    """Draw counts as bars, in the terminal's own colour (legible on a 16-colour console),
    at most `named` of them labelled, evenly spread, the first always."""
    plt = plot.plt
    plt.clear_figure()
    positions = [float(place) for place in range(1, len(labels) + 1)]
    plt.bar(positions, counts, width=0.6)
    # Labels chosen here, not by plotext, which drops the ones it finds crowded (F11 went).
    every = max(1, -(-len(labels) // named))
    plt.xticks(positions[::every], labels[::every])
    plt.xlim(0.5, len(labels) + 0.5)
    top = max(counts, default=0)
    # Counts are whole: ticks at whole numbers only, 0 and the highest always among them.
    step = max(1, -(-top // 3))
    plt.yticks([float(tick) for tick in sorted({*range(0, top + 1, step), top})])
    plot.refresh()


class AuditReportScreen(KioskScreen):
    """A period's findings by kind, week and officer, its fixity samples and the chain."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        last = self.services.reports.today()
        first = last - timedelta(days=DEFAULT_DAYS - 1)
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.audit_report.title")), classes="screen-title")
            with Horizontal(classes="report-period"):
                yield Input(
                    first.isoformat(),
                    placeholder=self.words("ui.audit_report.from"),
                    max_length=10,
                    id="report-from",
                )
                yield Input(
                    last.isoformat(),
                    placeholder=self.words("ui.audit_report.to"),
                    max_length=10,
                    id="report-to",
                )
                yield Button(self.words("ui.audit_report.show"), variant="primary", id="show")
                yield Button(self.words("ui.back"), id="back")
            with VerticalScroll(id="report-body"):
                yield Static(plain(self.words("ui.audit_report.ask")), id="report-summary")
                with Horizontal(id="report-charts"):
                    with Vertical(classes="report-chart", id="kind-chart"):
                        yield Static(plain(self.words("report.by_kind")), classes="chart-title")
                        yield PlotextPlot(id="by-kind")
                    with Vertical(classes="report-chart"):
                        yield Static(plain(self.words("report.by_week")), classes="chart-title")
                        yield PlotextPlot(id="by-week")
                with Horizontal(id="report-lists"):
                    yield Static("", id="report-officers")
                    with Vertical(id="report-state"):
                        yield Static("", id="report-fixity")
                        yield Static("", id="report-chain")
            yield Notice(id="report-notice")

    def on_mount(self) -> None:
        for plot in self.query(PlotextPlot):
            # Plotext's "clear" theme draws in the terminal's colours: no colour carries meaning.
            plot.theme = "clear"
        self.query_one("#report-charts").display = False
        self.query_one("#show", Button).focus()

    def period_asked(self) -> tuple[date, date] | None:
        """The period's first and last day; None (and a line saying why) when one is not a day."""
        try:
            first = day_asked(self.query_one("#report-from", Input).value.strip())
            last = day_asked(self.query_one("#report-to", Input).value.strip())
        except BadInput as bad:
            self.notice.refuse(explain(bad, self.kiosk.language))
            return None
        return first, last

    @on(Input.Submitted)
    @on(Button.Pressed, "#show")
    def show(self) -> None:
        """Read the period off the UI thread; the service audits the read (Art. 15)."""
        period = self.period_asked()
        if period is None:
            return
        self.notice.clear()
        read = partial(self.services.audit_report.period, self.actor, *period)
        self.calls.query("period", read, PeriodLoaded)

    def on_period_loaded(self, message: PeriodLoaded) -> None:
        report = message.report
        self.query_one("#report-summary", Static).update(plain(self.summary(report)))
        kinds = list(FindingKind)
        bar_chart(
            self.query_one("#by-kind", PlotextPlot),
            [kind.value for kind in kinds],
            [report.by_kind.get(kind, 0) for kind in kinds],
            len(kinds),
        )
        bar_chart(
            self.query_one("#by-week", PlotextPlot),
            # "2026-W48" as "W48": the period's weeks are few and in order.
            [week.split("-")[-1] for week in report.by_week],
            list(report.by_week.values()),
            WEEKS_NAMED,
        )
        self.query_one("#report-charts").display = True
        self.query_one("#report-officers", Static).update(plain_lines(self.officers(report)))
        self.query_one("#report-fixity", Static).update(plain(self.fixity(report)))
        self.query_one("#report-chain", Static).update(plain(self.chain(report)))

    def summary(self, report: AuditReport) -> str:
        """The period's count, and each kind found with its words and count, in one line."""
        first, last = report.first.isoformat(), report.last.isoformat()
        if not report.findings:
            return self.words("ui.audit_report.summary_none", first=first, last=last)
        kinds = self.words("ui.audit_report.kind_separator").join(
            self.words(
                "ui.audit_report.kind_count",
                kind=kind.value,
                label=self.words(f"finding_kind.{kind.value}"),
                count=report.by_kind[kind],
            )
            for kind in FindingKind
            if report.by_kind.get(kind)
        )
        return self.words(
            "ui.audit_report.summary",
            first=first,
            last=last,
            count=len(report.findings),
            kinds=kinds,
        )

    def officers(self, report: AuditReport) -> str:
        """The findings by officer, most first: name, badge and count, a line each."""
        lines = [self.words("report.by_officer")]
        ranked = sorted(report.by_officer.items(), key=lambda item: (-item[1], item[0]))
        for badge, count in ranked:
            if badge:
                name = report.names.get(badge, badge)
                line = self.words(
                    "ui.audit_report.officer_count", name=name, badge=badge, count=count
                )
            else:
                nobody = self.words("report.nobody")
                line = self.words("ui.audit_report.nobody_count", nobody=nobody, count=count)
            lines.append(f"  {line}")
        if not ranked:
            lines.append(f"  {self.words('report.none')}")
        return "\n".join(lines)

    def fixity(self, report: AuditReport) -> str:
        """The fixity samples of the period: runs, contents re-hashed, changed and missing."""
        runs = report.fixity
        return self.words(
            "ui.audit_report.fixity",
            title=self.words("report.fixity"),
            runs=len(runs),
            checked=sum(run.checked for run in runs),
            mismatched=sum(run.mismatched for run in runs),
            missing=sum(run.missing for run in runs),
        )

    def chain(self, report: AuditReport) -> str:
        """The audit chain's size and head as the report was read."""
        head = report.chain_head[:HEAD_SHOWN] + ("…" if report.chain_head else "")
        return self.words(
            "ui.audit_report.chain",
            title=self.words("report.chain"),
            state=self.words("report.chain_state", size=report.chain_size, head=head),
        )

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
