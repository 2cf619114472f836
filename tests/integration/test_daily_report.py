"""The unit head's daily report (issue 13 item 2, Art. 14; DESIGN §13).

A day on a demo home, made through the services on a settable clock: a recorder returned with
no footage (F1), one not returned by midnight (F3), three clips archived and never filed (F5),
the demo's battery fault (F9). `bwc report daily` (a real process, on the real clock days
later) writes the PDF: its text holds every finding's sentence and next step, in English and in
Chinese (a fault's part in words, never its identifier); its last page's checkpoint is the one
`--json` prints, and it verifies with `bwc audit verify --checkpoint`. Pages are drawn to PNG in
the test's folder for a reviewer. A report is never written over a file, a bad day is one line,
and the timer's second report of a day is a new file.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.domain.findings import FindingKind
from appliance.services.report_form import finding_sentence, next_step
from tests.cli_run import bwc
from tests.conftest import DEMO_PINS
from tests.report_steps import DAY, FAKETIME, LATER, a_day, at, draw, flat, pdf_text, report
from tests.tui.test_failed_check import read_the_dock

Demo = tuple[Services, dict[str, DemoBadge]]
pytestmark = pytest.mark.skipif(FAKETIME is None, reason="faketime (Debian) is not installed")


@pytest.fixture
def day(demo: Demo, clock: SettableClock, tmp_path: Path) -> Services:
    services, _ = demo
    a_day(services, clock, tmp_path / "card")
    # Days later, as the report is read: the clips are overdue, the recorder not back.
    at(clock, LATER)
    return services


@pytest.mark.article("14")
def test_the_pdf_holds_every_finding_and_a_checkpoint_that_verifies(
    day: Services, tmp_path: Path
) -> None:
    services = day
    home = str(services.settings.home)
    expected = services.reports.daily(services.auth.sign_in("2001", DEMO_PINS["2001"]), DAY)
    kinds = sorted({f.kind for f in expected.findings})
    assert kinds == [
        FindingKind.NO_FOOTAGE,
        FindingKind.LATE,
        FindingKind.UNFILED,
        FindingKind.FAULT_OR_LOSS,
    ]
    assert len([f for f in expected.findings if f.kind is FindingKind.UNFILED]) == 3

    out = tmp_path / "daily.pdf"
    made = report("--home", home, "--lang", "en", "--json", "report", "daily",
               "--day", DAY.isoformat(), "--out", str(out))  # fmt: skip
    assert made.code == 0, made.stderr
    said = json.loads(made.stdout)
    assert said["path"] == str(out) and said["sessions"] == 2
    assert [f["kind"] for f in said["findings"]] == [f.kind.value for f in expected.findings]

    pages = pdf_text(out)
    text = flat("".join(pages))
    for finding in expected.findings:
        assert flat(finding_sentence(finding, "en", expected.names)) in text
        assert flat(next_step(finding, "en")) in text
    assert flat("Art. 5(8), 10: recorder DSJ-C001 was reported faulty (battery).") in text
    assert flat("Art. 16(1): recorder DSJ-B001 came back from") in text
    # The checkpoint on the last page is the one the command printed, and it verifies.
    checkpoint = said["checkpoint"]
    assert flat(checkpoint) in flat(pages[-1])
    kept = tmp_path / "checkpoint.txt"
    kept.write_text(checkpoint + "\n")
    verified = bwc("--home", home, "--lang", "en", "audit", "verify", "--checkpoint", str(kept))
    assert verified.code == 0, verified.stdout + verified.stderr
    assert "extends" in verified.stdout
    drawn = draw(out, tmp_path / "daily-report-en")
    assert len(drawn) == len(pages) >= 2
    print(f"daily report drawn: {', '.join(str(p) for p in drawn)}")


def test_the_chinese_report_says_every_fact_in_words(day: Services, tmp_path: Path) -> None:
    services = day
    out = tmp_path / "daily-zh.pdf"
    made = report("--home", str(services.settings.home), "--lang", "zh_CN", "report", "daily",
               "--day", DAY.isoformat(), "--out", str(out))  # fmt: skip
    assert made.code == 0, made.stderr
    assert made.stdout.startswith(f"{DAY.isoformat()} 日报已写入 {out}：领用 2 次，发现问题 6 项")
    text = flat("".join(pdf_text(out)))
    assert flat("执法记录仪使用情况日报") in text
    assert flat("第五条第八项、第十条：执法记录仪 DSJ-C001 报告故障（电池）。") in text
    assert "battery" not in text and "not_returned" not in text
    draw(out, tmp_path / "daily-report-zh")


def test_a_report_is_never_written_over_a_file_and_a_bad_day_is_one_line(
    day: Services, tmp_path: Path
) -> None:
    services = day
    home = str(services.settings.home)
    there = tmp_path / "there.pdf"
    there.write_bytes(b"a report of yesterday")
    before = services.store.audit_log.count()
    refused = report("--home", home, "--lang", "en", "report", "daily", "--out", str(there))
    assert refused.failure(2) == f"{there} exists already: a report is never written over another."
    assert there.read_bytes() == b"a report of yesterday"
    bad = report("--home", home, "--lang", "en", "report", "daily", "--day", "2026-13-01")
    assert bad.failure(2) == "2026-13-01 is not a day: write it as YYYY-MM-DD."
    missing = report("--home", home, "--lang", "en", "report", "daily",
                  "--out", str(tmp_path / "nowhere" / "r.pdf"))  # fmt: skip
    assert missing.failure(2) == f"The folder {tmp_path / 'nowhere'} does not exist."
    assert services.store.audit_log.count() == before
    assert not (services.settings.exports_dir / "reports").exists()


def test_the_timer_writes_into_exports_reports_and_never_over_the_first(day: Services) -> None:
    services = day
    home = str(services.settings.home)
    for _ in range(2):
        done = report("--home", home, "--lang", "en", "report", "daily", "--day", DAY.isoformat())
        assert done.code == 0, done.stderr
    folder = services.settings.exports_dir / "reports"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"daily-{DAY.isoformat()}.2.pdf",
        f"daily-{DAY.isoformat()}.pdf",
    ]
    written = [e for e in services.store.audit_log.recent(10) if e.action == "report_written"]
    assert [json.loads(e.detail_json)["path"] for e in written][::-1] == [
        str(folder / f"daily-{DAY.isoformat()}.pdf"),
        str(folder / f"daily-{DAY.isoformat()}.2.pdf"),
    ]


def test_a_day_with_nothing_says_none_and_the_next_day_is_its_own(day: Services) -> None:
    """Near miss: the next day has no session, clip or fault of its own."""
    services = day
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    following = services.reports.daily(head, DAY + timedelta(days=1))
    assert following.sessions == () and following.findings == ()
    assert services.reports.daily(head, date(2026, 1, 1)).findings == ()


def test_a_sign_out_refused_by_a_failed_reading_is_an_f8_of_the_day(
    demo: Demo, clock: SettableClock
) -> None:
    """Art. 4: the refusal changes nothing, so its audit event is what the finding reads; the
    failed items are said in the checklist's words. Near miss: a refusal for another reason
    (a recorder not available) is no F8."""
    services, _ = demo
    read_the_dock(services)
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    with pytest.raises(Refused) as failed:
        services.custody.sign_out(officer, "DSJ-B002", set(ALL_ITEMS))
    assert failed.value.reason == "reading_failed"
    with pytest.raises(Refused) as busy:
        services.custody.sign_out(officer, "DSJ-C001", set(ALL_ITEMS))
    assert busy.value.reason != "reading_failed"
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    day = services.reports.daily(head, services.reports.today())
    (f8,) = [f for f in day.findings if f.kind is FindingKind.CHECK]
    assert (f8.variant, f8.badge, f8.facts["serial"]) == ("failed", "1001", "DSJ-B002")
    assert finding_sentence(f8, "en", day.names) == (
        "Art. 4: the pre-shift check of recorder DSJ-B002 failed (Main battery charged)."
    )
    assert finding_sentence(f8, "zh_CN", day.names) == (
        "第四条：执法记录仪 DSJ-B002 的使用前检查未通过（主电池电量充足）。"
    )
