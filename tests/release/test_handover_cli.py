"""The weekly hand-over through the real `bwc` (Art. 12(2)): due, create, receipt, refusals.

The home's clips were recorded in 2026-W48; `bwc` runs on the real clock, after that week's
Monday, so every hand-over here is late and raises the alarm.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.adapters.bag_reader import verify_package
from tests.cli_run import bwc, events, verify_clean
from tests.conftest import DEMO_PINS
from tests.release.homes import WEEK, release_home, release_template

__all__ = ["release_home", "release_template"]

C = DEMO_PINS["3001"]


def _run(home: Path, *argv: str, pin: str = C) -> tuple[int, str, str]:
    done = bwc("--home", str(home), "--lang", "en", *argv, stdin=pin + "\n")
    return done.code, done.stdout, done.stderr


@pytest.mark.article("12(2)")
def test_due_create_receipt_and_nothing_due_after(release_home: Path, tmp_path: Path) -> None:
    code, out, _ = _run(release_home, "handover", "due", "--badge", "3001")
    assert code == 0
    assert out.splitlines()[1].split() == ["2026-11-25", "-", "4", "200000"]
    assert "4 clip(s), 200000 bytes not yet handed over." in out
    package = tmp_path / "W48"
    done = bwc(
        "--home",
        str(release_home),
        "--json",
        "handover",
        "create",
        "--week",
        WEEK,
        "--badge",
        "3001",
        "--out",
        str(package),
        stdin=C + "\n",
    )
    assert done.code == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["clips"] == 4 and made["bytes"] == 200000
    assert verify_package(package).files == 4
    # Late: the Monday after W48 is past, so the alarm and its event are there (Art. 12(2)).
    raised = [e for e in events(release_home) if e.action == "alarm_raised"]
    assert json.loads(raised[-1].detail_json)["kind"] == "handover_late"
    code, out, _ = _run(
        release_home, "handover", "receipt", "--package", str(package), "--badge", "3001"
    )
    assert code == 0 and "4 clip(s) handed over" in out
    received = [e for e in events(release_home) if e.action == "handover_received"][-1]
    assert json.loads(received.detail_json)["receipt"] == made["receipt"]
    line = bwc(
        "--home",
        str(release_home),
        "--lang",
        "en",
        "handover",
        "receipt",
        "--package",
        str(package),
        "--badge",
        "3001",
        stdin=C + "\n",
    ).failure(1)
    assert line == f"Package {made['package']} was already received."
    assert events(release_home)[-1].outcome == "refused"
    line = bwc(
        "--home",
        str(release_home),
        "--lang",
        "en",
        "handover",
        "create",
        "--week",
        WEEK,
        "--badge",
        "3001",
        "--out",
        str(tmp_path / "again"),
        stdin=C + "\n",
    ).failure(1)
    assert line == f"Nothing is due for hand-over up to week {WEEK}."
    last = events(release_home)[-1]
    assert (last.action, last.outcome) == ("handover_create", "refused")
    assert not (tmp_path / "again").exists()
    verify_clean(release_home)


def test_a_package_never_received_is_offered_again(release_home: Path, tmp_path: Path) -> None:
    for name in ("first", "second"):
        code, _out, err = _run(
            release_home,
            "handover",
            "create",
            "--week",
            WEEK,
            "--badge",
            "3001",
            "--out",
            str(tmp_path / name),
        )
        assert code == 0, err
    first = json.loads((tmp_path / "first" / "metadata" / "clips.json").read_text())
    second = json.loads((tmp_path / "second" / "metadata" / "clips.json").read_text())
    assert [c["sha256"] for c in first] == [c["sha256"] for c in second]
    # The first package's receipt still counts: it was made here and verifies.
    code, _out, err = _run(
        release_home, "handover", "receipt", "--package", str(tmp_path / "first"), "--badge", "3001"
    )
    assert code == 0, err


def test_refusals_are_one_line_and_logged(release_home: Path, tmp_path: Path) -> None:
    home = str(release_home)
    line = bwc(
        "--home",
        home,
        "--lang",
        "en",
        "handover",
        "create",
        "--week",
        "2026-W99",
        "--badge",
        "3001",
        "--out",
        str(tmp_path / "x"),
        stdin=C + "\n",
    ).failure(2)
    assert line.startswith("2026-W99 is not a week")
    line = bwc(
        "--home",
        home,
        "--lang",
        "en",
        "handover",
        "create",
        "--week",
        "2099-W10",
        "--badge",
        "3001",
        "--out",
        str(tmp_path / "x"),
        stdin=C + "\n",
    ).failure(1)
    assert line == "Week 2099-W10 is not over yet."
    assert events(release_home)[-1].outcome == "refused"
    line = bwc(
        "--home",
        home,
        "--lang",
        "en",
        "handover",
        "create",
        "--week",
        WEEK,
        "--badge",
        "1001",
        "--out",
        str(tmp_path / "x"),
        stdin=DEMO_PINS["1001"] + "\n",
    ).failure(1)
    assert line == "Not allowed: the role officer may not receive the weekly hand-over."
    last = events(release_home)[-1]
    assert (last.action, last.outcome, last.role) == ("receive_handover", "refused", "officer")
    (tmp_path / "fake").mkdir()
    line = bwc(
        "--home",
        home,
        "--lang",
        "en",
        "handover",
        "receipt",
        "--package",
        str(tmp_path / "fake"),
        "--badge",
        "3001",
        stdin=C + "\n",
    ).failure(1)
    assert line == "A file of the package is missing: signature.txt."
    assert not (tmp_path / "x").exists()
