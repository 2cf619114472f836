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
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.findings import FindingKind
from appliance.services.report_form import finding_sentence, next_step
from tests.cli_run import Result, bwc, env
from tests.conftest import DEMO_PINS, START
from tests.release.homes import seed

Demo = tuple[Services, dict[str, DemoBadge]]
DAY = START.date()
# When the report is written: days later (the clips overdue, a recorder still out).
LATER = START + timedelta(days=5)
FAKETIME = shutil.which("faketime")
pytestmark = pytest.mark.skipif(FAKETIME is None, reason="faketime (Debian) is not installed")


def report(*argv: str) -> Result:
    """`bwc …` with its clock at LATER (running on from there), as the evening's timer."""
    done = subprocess.run(
        [str(FAKETIME), LATER.strftime("%Y-%m-%d %H:%M:%S"), sys.executable, "-m", "appliance",
         *argv],
        capture_output=True, text=True, env={**env(), "TZ": "UTC"}, check=False, timeout=120,
    )  # fmt: skip
    return Result(done.returncode, done.stdout, done.stderr)


def _flat(text: str) -> str:
    # A PDF wraps lines where it likes; CJK text has no spaces to keep.
    return "".join(text.split())


def _pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _draw(pdf: Path, prefix: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt poppler-utils, in APT_PACKAGES)")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True, timeout=60)
    pages = sorted(prefix.parent.glob(f"{prefix.name}*.png"))
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pages)
    return pages


def _at(clock: SettableClock, when: datetime) -> None:
    clock.advance((when - clock.now()).total_seconds())


def a_day(services: Services, clock: SettableClock, card: Path) -> None:
    """The day of START: F1, F3 (not returned), F5 on three clips, and the demo's F9."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    other = services.auth.sign_in("1002", DEMO_PINS["1002"])
    _at(clock, START.replace(hour=8))
    services.custody.sign_out(officer, "DSJ-B001", set(ALL_ITEMS))
    _at(clock, START.replace(hour=9))
    services.custody.sign_out(other, "DSJ-A002", set(ALL_ITEMS))
    _at(clock, START.replace(hour=12))
    services.custody.return_recorder(officer, "DSJ-B001")
    _at(clock, START.replace(hour=15))
    seed(services, card, 3, size=20_000)


@pytest.fixture
def day(demo: Demo, clock: SettableClock, tmp_path: Path) -> Services:
    services, _ = demo
    a_day(services, clock, tmp_path / "card")
    # Days later, as the report is read: the clips are overdue, the recorder not back.
    _at(clock, LATER)
    return services


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

    pages = _pdf_text(out)
    text = _flat("".join(pages))
    for finding in expected.findings:
        assert _flat(finding_sentence(finding, "en", expected.names)) in text
        assert _flat(next_step(finding, "en")) in text
    assert _flat("Art. 5(8), 10: recorder DSJ-C001 was reported faulty (battery).") in text
    assert _flat("Art. 16(1): recorder DSJ-B001 came back from") in text
    # The checkpoint on the last page is the one the command printed, and it verifies.
    checkpoint = said["checkpoint"]
    assert _flat(checkpoint) in _flat(pages[-1])
    kept = tmp_path / "checkpoint.txt"
    kept.write_text(checkpoint + "\n")
    verified = bwc("--home", home, "--lang", "en", "audit", "verify", "--checkpoint", str(kept))
    assert verified.code == 0, verified.stdout + verified.stderr
    assert "extends" in verified.stdout
    drawn = _draw(out, tmp_path / "daily-report-en")
    assert len(drawn) == len(pages) >= 2
    print(f"daily report drawn: {', '.join(str(p) for p in drawn)}")


def test_the_chinese_report_says_every_fact_in_words(day: Services, tmp_path: Path) -> None:
    services = day
    out = tmp_path / "daily-zh.pdf"
    made = report("--home", str(services.settings.home), "--lang", "zh_CN", "report", "daily",
               "--day", DAY.isoformat(), "--out", str(out))  # fmt: skip
    assert made.code == 0, made.stderr
    assert made.stdout.startswith(f"{DAY.isoformat()} 日报已写入 {out}：领用 2 次，发现问题 6 项")
    text = _flat("".join(_pdf_text(out)))
    assert _flat("执法记录仪使用情况日报") in text
    assert _flat("第五条第八项、第十条：执法记录仪 DSJ-C001 报告故障（电池）。") in text
    assert "battery" not in text and "not_returned" not in text
    _draw(out, tmp_path / "daily-report-zh")


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
