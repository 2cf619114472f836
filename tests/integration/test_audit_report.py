"""The audit office's report of a period (issue 13 item 4, Art. 15, 16; DESIGN §13).

The day of tests/report_steps (F1, F3, three F5, the demo's F9) and a fixity sample re-hashed
days later. `bwc report audit` (a real process under faketime) counts the findings by kind, by
officer and by week, lists the fixity run and the chain's head, and writes the PDF: its text
holds every count and every finding's sentence, and its last page's checkpoint verifies. At
the kiosk's service the read is audited. A period that ends before it begins, one too long, a
day that is not one and an existing file are each one line, and nothing is written.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.i18n import t
from appliance.services.report_form import finding_sentence
from tests.cli_run import bwc
from tests.conftest import DEMO_PINS
from tests.report_steps import FAKETIME, LATER, a_day, at, draw, flat, pdf_text, report

Demo = tuple[Services, dict[str, DemoBadge]]
pytestmark = pytest.mark.skipif(FAKETIME is None, reason="faketime (Debian) is not installed")
FIRST, LAST = date(2026, 11, 23), date(2026, 12, 6)


@pytest.fixture
def period(demo: Demo, clock: SettableClock, tmp_path: Path) -> Services:
    services, _ = demo
    a_day(services, clock, tmp_path / "card")
    at(clock, LATER)
    return services


@pytest.mark.article("15")
def test_the_period_counted_by_kind_officer_and_week_with_a_checkpoint(
    period: Services, tmp_path: Path
) -> None:
    services = period
    home = str(services.settings.home)
    sampled = report("--home", home, "--lang", "en", "fixity", "verify", "--sample", "2")
    assert sampled.code == 0, sampled.stderr
    out = tmp_path / "audit.pdf"
    span = ("--from", FIRST.isoformat(), "--to", LAST.isoformat())
    made = report(
        "--home", home, "--lang", "en", "--json", "report", "audit", *span, "--out", str(out)
    )
    assert made.code == 0, made.stderr
    said = json.loads(made.stdout)
    assert said["by_kind"] == {"F1": 1, "F3": 1, "F5": 3, "F9": 1}
    # F5's clips were recorded under no session, and the demo's fault had no holder.
    assert said["by_officer"] == {"1001": 1, "1002": 1, "": 4}
    # F3 falls due at midnight after the day; F5 three days on, a Monday.
    assert said["by_week"] == {"2026-W48": 3, "2026-W49": 3}
    (run,) = said["fixity"]
    assert (run["checked"], run["mismatched"], run["missing"]) == (2, 0, 0)
    assert said["chain"]["size"] > 0 and len(said["chain"]["head"]) == 64

    pages = pdf_text(out)
    text = flat("".join(pages))
    for label in ("report.by_kind", "report.by_officer", "report.by_week", "report.fixity"):
        assert flat(t(label, "en")) in text
    assert flat("F5not filed3") in text and flat("F9fault, loss or damage1") in text
    assert flat("2026-W483") in text and flat("2026-W493") in text
    assert flat("张伟 Zhang Wei1") in text and flat("no officer4") in text
    head = services.auth.sign_in("5001", DEMO_PINS["5001"])
    expected = services.audit_report.period(head, FIRST, LAST)
    for finding in expected.findings:
        assert flat(finding_sentence(finding, "en", expected.names)) in text
    checkpoint = said["checkpoint"]
    assert flat(checkpoint) in flat(pages[-1])
    kept = tmp_path / "checkpoint.txt"
    kept.write_text(checkpoint + "\n")
    verified = bwc("--home", home, "--lang", "en", "audit", "verify", "--checkpoint", str(kept))
    assert verified.code == 0 and "extends" in verified.stdout, verified.stdout
    drawn = draw(out, tmp_path / "audit-report-en")
    print(f"audit report drawn: {', '.join(str(p) for p in drawn)}")


def test_the_kiosks_read_of_a_period_is_audited(period: Services) -> None:
    services = period
    auditor = services.auth.sign_in("5001", DEMO_PINS["5001"])
    before = services.store.audit_log.count()
    read = services.audit_report.period(auditor, FIRST, LAST)
    assert len(read.findings) == 6
    (event,) = list(services.store.audit_log.iterate(after_seq=before))
    assert (event.action, event.actor, event.outcome) == ("audit_report_read", "5001", "ok")
    assert json.loads(event.detail_json)["findings"] == 6


@pytest.mark.parametrize(
    ("first", "last", "said"),
    [
        ("2026-12-06", "2026-11-23", "The period ends (2026-11-23) before it begins (2026-12-06)."),
        ("2025-01-01", "2026-12-01", "A report covers at most 366 days: write one for each year."),
        ("2026-11-31", "2026-12-01", "2026-11-31 is not a day: write it as YYYY-MM-DD."),
    ],
)
def test_a_bad_period_is_one_line_and_writes_nothing(
    period: Services, tmp_path: Path, first: str, last: str, said: str
) -> None:
    services = period
    out = tmp_path / "audit.pdf"
    before = services.store.audit_log.count()
    refused = report("--home", str(services.settings.home), "--lang", "en", "report", "audit",
                     "--from", first, "--to", last, "--out", str(out))  # fmt: skip
    assert refused.failure(2) == said
    assert not out.exists()
    assert services.store.audit_log.count() == before


def test_an_audit_report_is_never_written_over_a_file(period: Services, tmp_path: Path) -> None:
    services = period
    there = tmp_path / "there.pdf"
    there.write_bytes(b"last year's")
    span = ("--from", FIRST.isoformat(), "--to", LAST.isoformat())
    home = str(services.settings.home)
    refused = report("--home", home, "--lang", "en", "report", "audit", *span, "--out", str(there))
    assert refused.failure(2) == f"{there} exists already: a report is never written over another."
    assert there.read_bytes() == b"last year's"
