"""`bwc device` over a recorder's life and the Art. 9 rule, as real `bwc` processes (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.demo import make_home
from tests.cli_run import bwc, events, verify_clean
from tests.conftest import DEMO_PINS


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-lifecycle") / "home"
    services, _ = make_home(root, language="en", pins=DEMO_PINS)
    services.close()
    return root


def run(home: Path, *argv: str, pins: tuple[str, ...] = ()) -> tuple[int, str, str]:
    done = bwc("--home", str(home), "--lang", "en", *argv, stdin="".join(p + "\n" for p in pins))
    return done.code, done.stdout, done.stderr


def newest(home: Path) -> tuple[str, str, str, dict[str, object]]:
    event = events(home)[-1]
    return event.action, event.object_id, event.outcome, json.loads(event.detail_json)


@pytest.mark.article("9")
def test_art_9_a_foreign_recorder_and_a_foreign_person_are_refused(home: Path) -> None:
    """Recorders are never lent to another unit or person (Art. 9): one line, audited."""
    signout = ("signout", "--device", "DSJ-X001", "--checks-confirmed", "--badge", "1001")
    line = bwc("--home", str(home), "--lang", "en", *signout, stdin="111111\n").failure(1)
    assert line == (
        "Recorder DSJ-X001 belongs to unit DEMO02; recorders are never lent to another unit "
        "(Art. 9)."
    )
    assert newest(home)[:3] == ("sign_out", "DSJ-X001", "refused")
    assert newest(home)[3]["reason"] == "recorder_other_unit"
    visitor = ("signout", "--device", "DSJ-B001", "--checks-confirmed", "--badge", "8001")
    line = bwc("--home", str(home), "--lang", "en", *visitor, stdin="888888\n").failure(1)
    assert line == (
        "Badge 8001 belongs to unit DEMO02: recorders here are never lent to another unit or "
        "person (Art. 9)."
    )
    assert newest(home)[3]["reason"] == "person_other_unit"
    # Another unit's people and recorders are registered with its code.
    add = ("device", "add", "--serial", "DSJ-Y001", "--brand", "Dahua", "--model", "M", "--unit")
    assert run(home, "--json", *add, "DEMO03")[0] == 0
    officer = ("officer", "add", "--badge", "8002", "--name", "Visitor", "--role")
    code, _, err = run(home, *officer, "unit_head", "--unit", "DEMO03", pins=("135790",))
    assert (code, err) == (
        1,
        "A person of another unit (DEMO03) is registered here as an officer only.\n",
    )
    code, out, _ = run(home, "--json", *officer, "officer", "--unit", "DEMO03", pins=("135790",))
    assert code == 0 and json.loads(out)["unit"] == "DEMO03"


@pytest.mark.article("5(8)", "7")
def test_a_fault_a_repair_a_loss_and_the_history(home: Path) -> None:
    """Art. 5(8), 9, 10 from the shell: PINs on stdin in the order of the badges."""
    fault = ("device", "fault", "--device", "DSJ-A001", "--badge", "1001", "--reason", "battery")
    code, out, _ = run(home, *fault, pins=(DEMO_PINS["1001"],))
    assert code == 0 and out.startswith("Fault reported on recorder DSJ-A001 (battery)")
    repaired = ("device", "repaired", "--device", "DSJ-A001", "--badge", "2001")
    code, _, err = run(home, *repaired, pins=(DEMO_PINS["2001"],))
    assert code == 1 and err.startswith("The pre-shift check is not complete (Art. 4):")
    assert newest(home)[:3] == ("mark_repaired", "DSJ-A001", "refused")
    code, out, _ = run(home, *repaired, "--checks-confirmed", pins=(DEMO_PINS["2001"],))
    assert (code, out) == (0, "Recorder DSJ-A001 passed its check and is back in the pool.\n")
    lost = ("device", "lost", "--device", "DSJ-B001", "--what", "left in a car")
    alone = (*lost, "--finding", "negligence", "--badge", "2001")
    code, _, err = run(home, *alone, pins=(DEMO_PINS["2001"],))
    assert code == 1 and err.startswith("A second person must confirm this")
    both = (*alone, "--badge", "4001")
    code, out, _ = run(home, "--json", *both, pins=(DEMO_PINS["2001"], DEMO_PINS["4001"]))
    declared = json.loads(out)
    assert code == 0 and (declared["kind"], declared["confirmed_by"]) == ("lost", "4001")
    code, out, _ = run(home, "device", "history", "--device", "DSJ-A001")
    assert code == 0
    assert "fault reported by 1001: battery" in out and "repaired, checked by 2001" in out
    assert "_" not in out.split("\n", 1)[1]  # words, not identifiers
    code, out, _ = run(home, "--json", "device", "history", "--device", "DSJ-B001")
    [loss] = [row for row in json.loads(out) if row["kind"] == "incident"]
    assert code == 0 and (loss["incident"], loss["finding"]) == ("lost", "negligence")
    code, _, err = run(home, "device", "history", "--device", "NOPE-1")
    assert (code, err) == (1, "Unknown recorder NOPE-1.\n")
    verify_clean(home)


@pytest.mark.article("10")
def test_art_10_a_loss_while_held_is_on_the_holders_record(tmp_path: Path) -> None:
    """`bwc officer history`: what the person held and what befell it while they held it."""
    home = tmp_path / "home"
    make_home(home, language="en", pins=DEMO_PINS)[0].close()
    signout = ("signout", "--device", "DSJ-A002", "--checks-confirmed", "--badge", "1001")
    assert run(home, *signout, pins=(DEMO_PINS["1001"],))[0] == 0
    damaged = ("device", "damaged", "--device", "DSJ-A002", "--what", "dropped on stairs")
    both = (*damaged, "--finding", "improper_use", "--badge", "2001", "--badge", "4001")
    assert run(home, *both, pins=(DEMO_PINS["2001"], DEMO_PINS["4001"]))[0] == 0
    signout = ("signout", "--device", "DSJ-A001", "--checks-confirmed", "--badge", "1001")
    assert run(home, *signout, pins=(DEMO_PINS["1001"],))[0] == 0
    fault = ("device", "fault", "--device", "DSJ-A001", "--badge", "1001", "--reason", "battery")
    assert run(home, *fault, pins=(DEMO_PINS["1001"],))[0] == 0

    code, out, err = run(home, "officer", "history", "--badge", "1001")

    assert (code, err) == (0, "")
    events = [line.split("  ", 1)[-1].strip() for line in out.splitlines()[1:]]
    assert events == [
        "signed out DSJ-A002",
        "returned DSJ-A002 (by 2001)",
        "DSJ-A002 damaged while held: dropped on stairs; finding: improper use; "
        "declared by 2001 and 4001",
        "fault on DSJ-A002 while held: casing (reported by 2001)",
        "signed out DSJ-A001",
        "returned DSJ-A001 (by 1001)",
        "fault on DSJ-A001 while held: battery (reported by 1001)",
    ], out
    code, out, _ = run(home, "--json", "officer", "history", "--badge", "1001")
    rows = json.loads(out)
    assert code == 0 and [row["kind"] for row in rows] == [
        "signed_out", "returned", "incident", "fault", "signed_out", "returned", "fault"
    ]  # fmt: skip
    assert (rows[2]["incident"], rows[2]["finding"], rows[2]["second"], rows[2]["serial"]) == (
        "damaged", "improper_use", "4001", "DSJ-A002"
    )  # fmt: skip
    # Another officer's record holds none of it.
    code, out, _ = run(home, "--json", "officer", "history", "--badge", "1002")
    assert (code, json.loads(out)) == (0, [])
    code, _, err = run(home, "officer", "history", "--badge", "7777")
    assert (code, err) == (1, "Unknown badge.\n")
    verify_clean(home)
