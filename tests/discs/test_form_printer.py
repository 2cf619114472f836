"""The record form sent to the printer (Art. 12(4): signed by hand and sealed, so on paper).

LpPrinter against a real cupsd (tests/discs/cups.py): a job taken and completed; a queue the
server does not have refused with lp's own words; a queue name that would be an option never
reaches lp. Through the kiosk's disc: a printer that refuses leaves the disc made, says so in
one line with where the form is, and the log names the failure; no printer set up says to
print the form from its file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.adapters.printers import LpPrinter, NoPrinter
from appliance.bootstrap import Services, open_services
from appliance.demo import DemoBadge
from appliance.ports import Printer, PrintError
from tests.discs.cups import QUEUE, Cups, available, cups_server
from tests.tui.disc_steps import CASE, filed_cases, open_disc
from tests.tui.helpers import settle, shown
from tui.app import create_app
from tui.screens.done import DoneScreen

Demo = tuple[Services, dict[str, DemoBadge]]

needs_cups = pytest.mark.skipif(not available(), reason="needs cupsd and lp, as root")


@pytest.fixture(scope="module")
def cups() -> Iterator[Cups]:
    with cups_server() as server:
        yield server


@pytest.fixture
def on_cups(cups: Cups, monkeypatch: pytest.MonkeyPatch) -> Cups:
    """lp in this process talks to the test's cupsd only."""
    monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
    return cups


def a_pdf(tmp_path: Path) -> Path:
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%test form\n")
    return pdf


@needs_cups
def test_cups_takes_the_form_and_completes_the_job(on_cups: Cups, tmp_path: Path) -> None:
    job = LpPrinter(QUEUE).print_pdf(a_pdf(tmp_path), "ZF-0012 record form")
    assert job.startswith(f"{QUEUE}-") and job.removeprefix(f"{QUEUE}-").isdigit()
    jobs = on_cups.lpstat("-W", "all", "-o", QUEUE)
    assert job in jobs.split()


@needs_cups
def test_a_queue_the_server_lacks_is_refused_in_lps_words(on_cups: Cups, tmp_path: Path) -> None:
    with pytest.raises(PrintError) as refused:
        LpPrinter("nosuch").print_pdf(a_pdf(tmp_path), "form")
    assert refused.value.reason == "print_failed"
    assert "does not exist" in refused.value.detail


@pytest.mark.parametrize("queue", ["-oraw", "a b", "a/b", ""])
def test_a_queue_name_that_is_no_queue_never_reaches_lp(tmp_path: Path, queue: str) -> None:
    # lp is not even looked for: a missing program would say tool_missing instead.
    printer = LpPrinter(queue, program=str(tmp_path / "no-lp-here"))
    with pytest.raises(PrintError) as refused:
        printer.print_pdf(a_pdf(tmp_path), "form")
    assert (refused.value.reason, refused.value.detail) == ("print_failed", "not a queue name")


def test_lp_missing_is_said(tmp_path: Path) -> None:
    printer = LpPrinter(QUEUE, program=str(tmp_path / "no-lp-here"))
    with pytest.raises(PrintError) as refused:
        printer.print_pdf(a_pdf(tmp_path), "form")
    assert refused.value.reason == "tool_missing"


async def _make_disc_at_kiosk(
    demo: Demo, clock: SettableClock, tmp_path: Path, printer: Printer
) -> tuple[Services, str]:
    services, badges = demo
    filed_cases(services, tmp_path / "card")
    services.close()
    kiosk = open_services(services.settings, clock=clock, printer=printer)
    app = create_app(kiosk, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_disc(pilot, "2001")
        await settle(pilot)
        await pilot.click("#make")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        line = shown(app, "#done-line")
    return kiosk, line


@needs_cups
async def test_a_printer_that_refuses_leaves_the_disc_made_and_says_so(
    demo: Demo, clock: SettableClock, tmp_path: Path, on_cups: Cups
) -> None:
    kiosk, line = await _make_disc_at_kiosk(demo, clock, tmp_path, LpPrinter("nosuch"))
    (disc,) = kiosk.store.discs.of_case(CASE)
    form = kiosk.settings.exports_dir / "discs"
    (made_in,) = [p for p in form.iterdir() if p.name != "burner"]
    assert line.endswith(
        " The record form was not printed (the printer did not take it): print"
        f" {made_in / (CASE + '-record-form.pdf')}, have it signed, sealed and filed with the disc."
    )
    (printed,) = [e for e in kiosk.store.audit_log.recent(10) if e.action == "disc_form_printed"]
    detail = json.loads(printed.detail_json)
    assert (printed.object_id, printed.outcome, detail["reason"], detail["printer"]) == (
        str(disc.id),
        "failed",
        "print.print_failed",
        "nosuch",
    )
    assert "does not exist" in detail["detail"]
    kiosk.close()


async def test_no_printer_set_up_says_to_print_the_form_from_its_file(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    kiosk, line = await _make_disc_at_kiosk(demo, clock, tmp_path, NoPrinter())
    assert kiosk.store.discs.of_case(CASE) != []
    assert " No printer is set up: print the record form " in line
    assert line.endswith(
        "-record-form.pdf, have the officer and the unit leader sign it, seal it and file it"
        " with the disc."
    )
    kiosk.close()
