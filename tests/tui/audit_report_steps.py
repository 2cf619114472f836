"""Provides the steps to the audit office's report that its test and the walk share."""

from __future__ import annotations

from textual.pilot import Pilot

from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from tests.conftest import DEMO_PINS
from tests.tui.helpers import settle, sign_in


def make_findings(services: Services) -> None:
    """Findings made through the services: 1001 returns B001 with no footage (F1), and reports
    a cracked lens on A001 (F9, beside the demo's battery fault)."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-B001", set(ALL_ITEMS))
    services.custody.return_recorder(officer, "DSJ-B001")
    services.lifecycle.report_fault(officer, "DSJ-A001", "lens", "cracked")


async def open_reports(pilot: Pilot[None]) -> None:
    """The auditor 5001 at the audit report's screen, nothing read yet."""
    await sign_in(pilot, "5001", DEMO_PINS["5001"])
    await pilot.click("#reports")
    await settle(pilot)


async def at_report(pilot: Pilot[None], services: Services) -> None:
    """The auditor at the report of the default period (the last 28 days), with findings."""
    make_findings(services)
    await open_reports(pilot)
    await pilot.click("#show")
    await settle(pilot)
