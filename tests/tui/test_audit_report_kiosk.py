"""The audit office reads a period's report at the kiosk (issue 13 item 4, Art. 15, 16).

Findings made through the services (a recorder returned with no footage, a cracked lens
beside the demo's battery fault) are counted by kind in words above the charts, the officer
is named, and the read is audited in the auditor's name. A day that is not a day, or a period
that ends before it begins, is refused in one line; an officer's home offers no report.
"""

from __future__ import annotations

from textual.widgets import Button, Input
from textual_plotext import PlotextPlot

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.conftest import DEMO_PINS
from tests.tui.audit_report_steps import at_report, make_findings, open_reports
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.audit_report import AuditReportScreen

Demo = tuple[Services, dict[str, DemoBadge]]


def _reads(services: Services) -> list[tuple[str, str, str]]:
    return [
        (event.actor, event.object_id, event.outcome)
        for event in services.store.audit_log.iterate()
        if event.action == "audit_report_read"
    ]


async def test_the_auditor_reads_the_last_four_weeks(demo: Demo, clock: SettableClock) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_report(pilot, services)
        assert isinstance(app.screen, AuditReportScreen)
        assert notice_text(app) == ""
        assert shown(app, "#report-summary") == (
            "2026-10-31 to 2026-11-27: 3 findings: F1 no footage 1, F9 fault, loss or damage 2."
        )
        officers = shown(app, "#report-officers").splitlines()
        assert officers == [
            "Findings by officer",
            "  no officer: 2",
            "  张伟 Zhang Wei (1001): 1",
        ]
        assert shown(app, "#report-fixity") == (
            "Fixity samples re-hashed: 0 runs, 0 re-hashed, 0 changed, 0 missing."
        )
        # The chain as it stood when the report was read: the read itself is the next event.
        read, head = services.store.audit_log.recent(2)
        assert read.action == "audit_report_read" and read.seq == head.seq + 1
        assert shown(app, "#report-chain") == (
            f"The audit chain: {head.seq} events; head {head.hash[:16]}…"
        )
        # The charts drew what the report counted: eleven kinds, the period's five weeks.
        kinds = app.screen.query_one("#by-kind", PlotextPlot).plt.build()
        assert "F11" in kinds and "F10" in kinds
        weeks = app.screen.query_one("#by-week", PlotextPlot).plt.build()
        assert all(f"W{n}" in weeks for n in range(44, 49))
    assert _reads(services) == [("5001", "2026-10-31/2026-11-27", "ok")]


async def test_a_day_that_is_not_one_reads_nothing(demo: Demo, clock: SettableClock) -> None:
    services, badges = demo
    make_findings(services)
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        screen = app.screen
        assert isinstance(screen, AuditReportScreen)
        # Nothing is read before Show: every read is an audited event.
        assert _reads(services) == []
        screen.query_one("#report-from", Input).value = "2026-02-30"
        screen.query_one("#show", Button).press()
        await settle(pilot)
        assert notice_text(app) == "2026-02-30 is not a day: write it as YYYY-MM-DD."
        assert _reads(services) == []
        assert not screen.query_one("#report-charts").display

        # The service refuses a period that ends before it begins, in one line.
        screen.query_one("#report-from", Input).value = "2026-11-28"
        screen.query_one("#report-from", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app) == "The period ends (2026-11-27) before it begins (2026-11-28)."
        assert [outcome for _, _, outcome in _reads(services)] == ["refused"]

        # Enter in a field shows a good period too.
        screen.query_one("#report-from", Input).value = "2026-11-27"
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app) == ""
        assert shown(app, "#report-summary").startswith("2026-11-27 to 2026-11-27: 3 findings")


async def test_an_officer_has_no_reports(demo: Demo, clock: SettableClock) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "1001", DEMO_PINS["1001"])
        assert not app.screen.query("#reports")
