"""Provides a day of findings made through the services, and `bwc` run days later under
faketime, for the daily report's and the audit report's tests (Art. 14, 15)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from tests.cli_run import Result, env
from tests.conftest import DEMO_PINS, START
from tests.release.homes import seed

DAY = START.date()
# When the report is written: days later (the clips overdue, a recorder still out).
LATER = START + timedelta(days=5)
FAKETIME = shutil.which("faketime")


def report(*argv: str) -> Result:
    """`bwc …` with its clock at LATER (running on from there), as the evening's timer."""
    done = subprocess.run(
        [str(FAKETIME), LATER.strftime("%Y-%m-%d %H:%M:%S"), sys.executable, "-m", "appliance",
         *argv],
        capture_output=True, text=True, env={**env(), "TZ": "UTC"}, check=False, timeout=120,
    )  # fmt: skip
    return Result(done.returncode, done.stdout, done.stderr)


def flat(text: str) -> str:
    # A PDF wraps lines where it likes; CJK text has no spaces to keep.
    return "".join(text.split())


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def draw(pdf: Path, prefix: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt poppler-utils, in APT_PACKAGES)")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True, timeout=60)
    pages = sorted(prefix.parent.glob(f"{prefix.name}*.png"))
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pages)
    return pages


def at(clock: SettableClock, when: datetime) -> None:
    clock.advance((when - clock.now()).total_seconds())


def a_day(services: Services, clock: SettableClock, card: Path) -> None:
    """The day of START: F1, F3 (not returned), F5 on three clips, and the demo's F9."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    other = services.auth.sign_in("1002", DEMO_PINS["1002"])
    at(clock, START.replace(hour=8))
    services.custody.sign_out(officer, "DSJ-B001", set(ALL_ITEMS))
    at(clock, START.replace(hour=9))
    services.custody.sign_out(other, "DSJ-A002", set(ALL_ITEMS))
    at(clock, START.replace(hour=12))
    services.custody.return_recorder(officer, "DSJ-B001")
    at(clock, START.replace(hour=15))
    seed(services, card, 3, size=20_000)
