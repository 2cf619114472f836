"""The `bwc` command contract (DESIGN §8): real processes, exit codes, --json, PIN on stdin."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.domain.checks import ALL_ITEMS
from appliance.i18n import t


def bwc(home: Path, *args: str, pin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("BWC_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "appliance", "--home", str(home), *args],
        input=pin + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def refusal(done: subprocess.CompletedProcess[str]) -> tuple[int, str, dict[str, str]]:
    """Exit code, reason and parameters of a `--json` run that was refused."""
    error = json.loads(done.stdout)["error"]
    return done.returncode, error["reason"], error["params"]


def audit_rows(home: Path, action: str, object_id: str) -> list[tuple[str, dict[str, object]]]:
    """(outcome, detail) of every audit event of one action on one object, in order."""
    with sqlite3.connect(home / "bwc.db") as db:
        found = db.execute(
            "SELECT outcome, detail_json FROM audit_event"
            " WHERE action = ? AND object_id = ? ORDER BY seq",
            (action, object_id),
        ).fetchall()
    return [(str(outcome), json.loads(detail)) for outcome, detail in found]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert bwc(home, "init", "--unit-code", "U01", "--unit-name", "城关中队").returncode == 0
    assert (
        bwc(
            home,
            "officer",
            "add",
            "--badge",
            "1001",
            "--name",
            "张三",
            "--role",
            "officer",
            pin="123456",
        ).returncode
        == 0
    )
    assert (
        bwc(
            home,
            "officer",
            "add",
            "--badge",
            "2001",
            "--name",
            "李四",
            "--role",
            "unit_head",
            pin="654321",
        ).returncode
        == 0
    )
    assert (
        bwc(
            home, "device", "add", "--serial", "DSJ-001", "--brand", "Hik", "--model", "M1"
        ).returncode
        == 0
    )
    return home


def test_init_writes_config_keys_and_chinese(home: Path) -> None:
    assert 'language = "zh_CN"' in (home / "kiosk.toml").read_text()
    assert (home / "keys" / "audit.key").stat().st_mode & 0o777 == 0o400
    listed = bwc(home, "officer", "list")
    assert "张三" in listed.stdout


def test_signout_needs_confirmed_checks_then_return(home: Path) -> None:
    refused = bwc(home, "signout", "--badge", "1001", "--device", "DSJ-001", pin="123456")
    assert refused.returncode == 1
    # Art. 4: the items the recorder cannot report are listed, one per line, in words.
    for item in ALL_ITEMS:
        assert f"  {t('item.' + item.value, 'zh_CN')}\n" in refused.stdout
        assert item.value not in refused.stdout + refused.stderr
    ok = bwc(
        home,
        "--json",
        "signout",
        "--badge",
        "1001",
        "--device",
        "DSJ-001",
        "--checks-confirmed",
        pin="123456",
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["holder"] == "1001"
    taken = ("signout", "--badge", "2001", "--device", "DSJ-001", "--checks-confirmed")
    again = bwc(home, "--json", *taken, pin="654321")
    assert refusal(again) == (
        1,
        "recorder_not_available",
        {"serial": "DSJ-001", "state": "signed_out"},
    )
    # People read the state in their own words, never the stored value (STYLE 14a).
    said = bwc(home, *taken, pin="654321")
    assert (said.returncode, said.stderr) == (1, "记录仪 DSJ-001 当前状态为 已领用，不能领用。\n")
    english = bwc(home, "--lang", "en", *taken, pin="654321")
    assert "signed_out" not in english.stderr and english.stderr.count("\n") == 1
    listed = json.loads(bwc(home, "--json", "device", "list").stdout)
    assert listed[0]["state"] == "signed_out" and listed[0]["holder"] == "1001"
    # Art. 7: the unit head returns it on the officer's behalf.
    back = bwc(home, "--json", "return", "--badge", "2001", "--device", "DSJ-001", pin="654321")
    assert back.returncode == 0
    assert json.loads(back.stdout)["returned_by"] == "2001"


def test_bad_input_exits_2_and_changes_nothing(home: Path) -> None:
    before = json.loads(bwc(home, "--json", "audit", "verify").stdout)["size"]
    add = ("--json", "officer", "add", "--name", "n")
    hostile = bwc(home, *add, "--badge", "x\x1b[2J", "--role", "officer", pin="123456")
    assert refusal(hostile) == (2, "bad_badge", {})
    assert "\x1b" not in hostile.stdout
    assert refusal(bwc(home, *add, "--badge", "1003", "--role", "officer", pin="12")) == (
        2,
        "pin_format",
        {},
    )
    assert refusal(bwc(home, *add, "--badge", "1003", "--role", "chief", pin="123456")) == (
        2,
        "bad_role",
        {"role": "chief"},
    )
    usage = bwc(home, "--json", "signout", "--badge", "1001")
    assert refusal(usage)[:2] == (2, "cli.usage") and "--device" in refusal(usage)[2]["detail"]
    people = json.loads(bwc(home, "--json", "officer", "list").stdout)
    assert sorted(p["badge"] for p in people) == ["1001", "2001"]
    after = json.loads(bwc(home, "--json", "audit", "verify").stdout)["size"]
    assert after == before + 1  # only the first verify's own read event was added


def signout(home: Path, badge: str, pin: str) -> subprocess.CompletedProcess[str]:
    """`bwc --json signout` of DSJ-001 with the checks confirmed."""
    argv = ("--json", "signout", "--badge", badge, "--device", "DSJ-001", "--checks-confirmed")
    return bwc(home, *argv, pin=pin)


def test_wrong_pins_lock_the_badge_and_the_head_unlocks(home: Path) -> None:
    wrong = ("--json", "return", "--badge", "1001", "--device", "DSJ-001")
    tries = [refusal(bwc(home, *wrong, pin="000000")) for _ in range(5)]
    # DESIGN §6: five failures lock the badge; each refusal says how many are left.
    assert tries == [(1, "wrong_pin", {"remaining": str(n)}) for n in (4, 3, 2, 1)] + [
        (1, "badge_locked", {"badge": "1001"})
    ]
    # After five failures even the right PIN is refused until a unit head unlocks.
    assert refusal(signout(home, "1001", "123456")) == (1, "badge_locked", {"badge": "1001"})
    signed_in = audit_rows(home, "sign_in", "1001")
    assert [(o, d.get("reason"), d.get("failed"), d.get("locked")) for o, d in signed_in] == [
        ("refused", "wrong_pin", n, n == 5) for n in range(1, 6)
    ] + [("refused", "badge_locked", None, None)]
    with sqlite3.connect(home / "bwc.db") as db:
        state = db.execute("SELECT failed_pins, locked FROM person WHERE badge = '1001'").fetchall()
    assert state == [(5, 1)]

    add = ("officer", "add", "--badge", "1003", "--name", "王五", "--role", "officer")
    assert bwc(home, *add, pin="135790").returncode == 0
    by_officer = bwc(home, "--json", "officer", "unlock", "--badge", "1001", "--by", "1003",
                     pin="135790")  # fmt: skip
    assert refusal(by_officer)[:2] == (1, "permission_denied")
    assert [o for o, _ in audit_rows(home, "unlock_badge", "1001")] == ["refused"]
    assert refusal(signout(home, "1001", "123456"))[:2] == (1, "badge_locked")

    unlock = ("--json", "officer", "unlock", "--badge", "1001", "--by", "2001")
    unlocked = bwc(home, *unlock, pin="654321")
    assert unlocked.returncode == 0, unlocked.stdout + unlocked.stderr
    assert json.loads(unlocked.stdout) == {
        "ok": True,
        "confirmed_by": None,
        "badge": "1001",
        "unlocked": True,
    }
    assert [o for o, _ in audit_rows(home, "unlock_badge", "1001")] == ["refused", "ok"]
    done = signout(home, "1001", "123456")
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["holder"] == "1001"
    assert audit_rows(home, "sign_in", "1001")[-1] == ("ok", {})


def test_audit_verify_and_checkpoint(home: Path, tmp_path: Path) -> None:
    line = bwc(home, "audit", "checkpoint", "--out", str(tmp_path / "cp")).stdout.strip()
    key_id = hashlib.sha256((home / "keys" / "audit.pub").read_text().strip().encode()).hexdigest()
    # DESIGN §5.2: a checkpoint names the unit and the key that signed it.
    assert line.startswith(f"bwc-checkpoint/2 unit=U01 key={key_id[:16]} size=")
    assert (tmp_path / "cp").read_text() == line + "\n"
    verified = bwc(home, "--json", "audit", "verify", "--checkpoint", str(tmp_path / "cp"))
    report = json.loads(verified.stdout)
    assert verified.returncode == 0 and report["intact"] and report["checkpoint_ok"]
    (tmp_path / "bad").write_text("not a checkpoint\n")
    bad = bwc(home, "--json", "audit", "verify", "--checkpoint", str(tmp_path / "bad"))
    assert refusal(bad) == (2, "checkpoint_unreadable", {"path": str(tmp_path / "bad")})


def test_signed_labels(home: Path, tmp_path: Path) -> None:
    made = bwc(home, "--json", "label", "badge", "1001", "--out", str(tmp_path / "b.png"))
    assert made.returncode == 0
    assert json.loads(made.stdout)["text"].startswith("BWC1.B.U01.1001.")
    assert (tmp_path / "b.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    unknown = bwc(home, "--json", "label", "device", "NOPE", "--out", str(tmp_path / "d.png"))
    assert refusal(unknown) == (1, "unknown_recorder", {"serial": "NOPE"})
    assert not (tmp_path / "d.png").exists()


def test_uninitialised_home_is_refused(tmp_path: Path) -> None:
    # DESIGN §8: only `bwc init` creates a home; any other command on a missing one exits 2.
    missing = bwc(tmp_path / "missing", "device", "list")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert f"{tmp_path / 'missing'} 不存在" in missing.stderr and "bwc init" in missing.stderr
    assert not (tmp_path / "missing").exists()
    (tmp_path / "bare").mkdir()
    bare = bwc(tmp_path / "bare", "--lang", "en", "device", "list")
    assert bare.returncode == 2
    assert (
        bare.stderr
        == "This home has no unit yet: run `bwc init --unit-code CODE --unit-name NAME`.\n"
    )
    assert list((tmp_path / "bare").iterdir()) == []
