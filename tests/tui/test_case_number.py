"""Provides the case-number tests at the filing screen: the rule's limit, never a cut (Art. 8).

The domain allows 64 characters (`CASE_NUMBER_MAX`); a 64-character number is filed whole, a
65-character one is refused in a sentence and nothing is filed under any shorter number.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.domain.filing import CASE_NUMBER_MAX
from tests.conftest import DEMO_PINS
from tests.demo_homes import demo_copy
from tests.tui.double_press_rows import at_filing
from tests.tui.helpers import notice_text, settle
from tui.app import create_app

# Chinese case numbers are long: 教执罚〔2026〕… padded to the limit.
WHOLE = ("教执罚〔2026〕第" + "0" * CASE_NUMBER_MAX)[: CASE_NUMBER_MAX - 1] + "号"


async def test_a_64_character_case_number_is_filed_whole_by_enter(
    tmp_path: Path, clock: SettableClock
) -> None:
    """Typed into the field and ended by Enter (the screen's main action), filed uncut."""
    assert len(WHOLE) == CASE_NUMBER_MAX
    services, badges = demo_copy(tmp_path / "home", "en", clock, DEMO_PINS)
    app = create_app(services, badges, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_filing(pilot, services, clock)
        field = app.screen.query_one("#case", Input)
        field.value = ""
        field.focus()
        field.insert_text_at_cursor(WHOLE)
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app) == f"Filed 2 clips under case {WHOLE}."
    filed = services.clips.listing(case_number=WHOLE)
    assert len(filed) == 2


async def test_a_65_character_case_number_is_refused_in_words(
    tmp_path: Path, clock: SettableClock
) -> None:
    """One more character: a sentence with the limit, and no clip filed under any number."""
    services, badges = demo_copy(tmp_path / "home", "en", clock, DEMO_PINS)
    app = create_app(services, badges, clock=clock)
    too_long = WHOLE + "X"
    async with app.run_test(size=(80, 24)) as pilot:
        await at_filing(pilot, services, clock)
        field = app.screen.query_one("#case", Input)
        field.value = ""
        field.focus()
        field.insert_text_at_cursor(too_long)
        await pilot.press("Y")
        # The field holds one character more than the rule, so the number is not cut to 64.
        assert field.value == too_long
        await pilot.press("enter")
        await settle(pilot)
        assert notice_text(app) == "A case number is 1 to 64 printable characters."
        assert app.screen.query_one("#unfiled", SelectionList).option_count == 2
    assert services.clips.listing(case_number=WHOLE) == []
    assert services.clips.listing(case_number=too_long) == []
    # Bad input (exit 2 on the CLI), caught before any rule is asked: nothing filed, none logged.
    assert [e for e in services.store.audit_log.iterate() if e.action == "file_clip"] == []
