"""The auditor reads the audit log at the kiosk (Art. 15, DESIGN §13).

The newest events show in words; "Refusals only" and a person narrow them; a day that is
not a day is refused in one line; each read is itself an event in the auditor's name.
"""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.tui.helpers import notice_text, settle
from tests.tui.log_steps import at_log
from tui.app import create_app
from tui.screens.audit_log import AuditLogScreen


def _column(table: DataTable[object], key: str) -> list[str]:
    return [str(cell) for cell in table.get_column(key)]


async def test_the_auditor_reads_and_filters_the_log(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await at_log(pilot, services)
        screen = app.screen
        assert isinstance(screen, AuditLogScreen)
        table = screen.query_one("#log", DataTable)
        # Newest first: the read itself, the auditor's sign-in, the officer's refusal.
        assert _column(table, "what")[:3] == ["audit log read", "signed in", "acknowledge an alarm"]
        assert _column(table, "who")[:3] == ["5001", "5001", "1001"]
        assert table.row_count == len(list(services.store.audit_log.iterate()))

        screen.query_one("#log-refused").value = True  # type: ignore[attr-defined]
        screen.query_one("#show", Button).press()
        await settle(pilot)
        assert _column(table, "outcome") == ["refused"]
        assert _column(table, "why") == ["Not allowed: the role officer may not acknowled…"]

        screen.query_one("#log-refused").value = False  # type: ignore[attr-defined]
        screen.query_one("#log-who", Input).value = "5001"
        screen.query_one("#show", Button).press()
        await settle(pilot)
        assert set(_column(table, "who")) == {"5001"}
        assert _column(table, "what").count("audit log read") == 3
        assert "signed in" in _column(table, "what")

        screen.query_one("#log-from", Input).value = "2026-02-30"
        screen.query_one("#show", Button).press()
        await settle(pilot)
        assert notice_text(app) == "2026-02-30 is not a day: write it as YYYY-MM-DD."

    reads = [e for e in services.store.audit_log.recent(40) if e.action == "audit_log_read"]
    assert [e.actor for e in reads] == ["5001"] * 3
