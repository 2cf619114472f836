"""The holds screen at the kiosk: the list in words, a hold set, a lift by two (Art. 12(3)).

Each test is one Pilot walk asserting the screen, the rows and the audit events together.
"""

from __future__ import annotations

import json

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.holds import HoldScope
from tests.tui.helpers import notice_text, scan, settle, sign_in
from tui.app import KioskApp, create_app
from tui.dialogs.second_person import SecondPersonDialog
from tui.screens.holds import HoldsScreen


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


def rows(app: KioskApp) -> list[str]:
    options = app.screen.query_one("#holds-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_holds(pilot: Pilot[None], badge: str, pin: str) -> None:
    await sign_in(pilot, badge, pin)
    await pilot.click("#holds")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HoldsScreen)


async def test_a_collector_sets_a_case_hold_and_an_officer_hold_with_words_in_the_list(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """One person with a note sets a hold; a hold without a note is refused in one line."""
    services, badges = demo
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_holds(pilot, "3001", badges["3001"].pin)
        assert rows(app) == ["No holds yet."]
        await type_into(pilot, "#hold-subject", "ZF-0012")
        await pilot.click("#set-hold")
        await settle(pilot)
        line = notice_text(app)
        assert line.startswith("A note is") or "note" in line.lower()
        assert "\n" not in line and services.holds.listing() == []
        await type_into(pilot, "#hold-note", "Mr Li complained")
        await pilot.click("#set-hold")
        await settle(pilot)
        assert notice_text(app).startswith("Hold No. 1 is set")
        assert rows(app)[0] == (
            "No. 1 · complaint · case ZF-0012 · set by 3001 · in force · Mr Li complained"
        )
        # The officer's footage over two days: a petition (信访).
        await pilot.click("#hold-kind-petition")
        await pilot.click("#hold-scope-officer")
        await type_into(pilot, "#hold-subject", "1001")
        await type_into(pilot, "#hold-from", "2026-03-01")
        await type_into(pilot, "#hold-to", "2026-03-02")
        await type_into(pilot, "#hold-note", "petition 7")
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app).startswith("Hold No. 2 is set")
        assert "footage of 1001 from 2026-03-01 00:00 to 2026-03-03 00:00" in rows(app)[0]
    first, second = sorted(services.holds.listing(), key=lambda hold: hold.id)
    assert (first.target.scope, first.target.case_number, first.set_by) == (
        HoldScope.CASE, "ZF-0012", "3001"
    )  # fmt: skip
    assert (second.target.scope, second.target.officer_badge) == (HoldScope.OFFICER, "1001")
    events = [e for e in services.store.audit_log.iterate() if e.action == "hold_set"]
    # Bad input changes nothing and is not an act (as every BadInput): two holds, two events.
    assert [(e.outcome, e.actor) for e in events] == [("ok", "3001"), ("ok", "3001")]


async def test_a_unit_head_lifts_a_hold_with_a_second_person_not_themself(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §6, §11: the same person is refused on the dialog; the bureau head confirms."""
    services, badges = demo
    head = services.auth.sign_in("2001", badges["2001"].pin)
    services.holds.set_on_case(head, "litigation", "suit 3", "ZF-0099")
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_holds(pilot, "2001", badges["2001"].pin)
        app.screen.query_one("#holds-list", OptionList).focus()
        await settle(pilot)
        await pilot.click("#lift-hold")
        await settle(pilot)
        assert isinstance(app.screen, SecondPersonDialog)
        await scan(pilot, "2001")
        await scan(pilot, badges["2001"].pin)
        assert isinstance(app.screen, SecondPersonDialog)
        assert notice_text(app).startswith("A hold is lifted by two different people")
        assert services.holds.listing()[0].active
        await scan(pilot, "4001")
        await scan(pilot, badges["4001"].pin)
        await settle(pilot)
        assert isinstance(app.screen, HoldsScreen)
        assert notice_text(app).startswith("Hold No. 1 is lifted, confirmed by")
        assert "lifted" in rows(app)[0]
    (hold,) = services.holds.listing()
    assert (hold.active, hold.lifted_by, hold.lift_confirmed_by) == (False, "2001", "4001")
    lifts = [e for e in services.store.audit_log.iterate() if e.action == "hold_lift"]
    assert [e.outcome for e in lifts] == ["refused", "ok"]
    assert json.loads(lifts[0].detail_json)["reason"] == "hold_lift_same_person"
