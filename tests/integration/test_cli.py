"""The `bwc` command contract (DESIGN §8): real processes, exit codes, --json, PIN on stdin."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


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
    # Art. 4: the items the recorder cannot report are listed, one per line.
    for item in ("main_battery", "spare_battery", "free_space", "clock", "lens_microphone"):
        assert f"  {item}:" in refused.stdout
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
    again = bwc(
        home,
        "signout",
        "--badge",
        "2001",
        "--device",
        "DSJ-001",
        "--checks-confirmed",
        pin="654321",
    )
    assert again.returncode == 1 and "DSJ-001" in again.stderr
    listed = json.loads(bwc(home, "--json", "device", "list").stdout)
    assert listed[0]["state"] == "signed_out" and listed[0]["holder"] == "1001"
    # Art. 7: the unit head returns it on the officer's behalf.
    back = bwc(home, "--json", "return", "--badge", "2001", "--device", "DSJ-001", pin="654321")
    assert back.returncode == 0
    assert json.loads(back.stdout)["returned_by"] == "2001"


def test_bad_input_exits_2_and_changes_nothing(home: Path) -> None:
    before = json.loads(bwc(home, "--json", "audit", "verify").stdout)["size"]
    assert (
        bwc(
            home,
            "officer",
            "add",
            "--badge",
            "x\x1b[2J",
            "--name",
            "n",
            "--role",
            "officer",
            pin="123456",
        ).returncode
        == 2
    )
    assert (
        bwc(
            home, "officer", "add", "--badge", "1003", "--name", "n", "--role", "officer", pin="12"
        ).returncode
        == 2
    )
    assert (
        bwc(
            home,
            "officer",
            "add",
            "--badge",
            "1003",
            "--name",
            "n",
            "--role",
            "chief",
            pin="123456",
        ).returncode
        == 2
    )
    assert bwc(home, "signout", "--badge", "1001").returncode == 2  # argparse usage
    people = json.loads(bwc(home, "--json", "officer", "list").stdout)
    assert sorted(p["badge"] for p in people) == ["1001", "2001"]
    after = json.loads(bwc(home, "--json", "audit", "verify").stdout)["size"]
    assert after == before + 1  # only the first verify's own read event was added


def signout(home: Path, badge: str, pin: str) -> int:
    """`bwc signout` of DSJ-001 with the checks confirmed; its exit code."""
    argv = ("signout", "--badge", badge, "--device", "DSJ-001", "--checks-confirmed")
    return bwc(home, *argv, pin=pin).returncode


def test_wrong_pins_lock_the_badge_and_the_head_unlocks(home: Path) -> None:
    wrong = ("return", "--badge", "1001", "--device", "DSJ-001")
    assert [bwc(home, *wrong, pin="000000").returncode for _ in range(5)] == [1] * 5
    # DESIGN §6: after five failures even the right PIN is refused until a unit head unlocks.
    assert signout(home, "1001", "123456") == 1
    unlock = ("officer", "unlock", "--badge", "1001", "--by", "2001")
    assert bwc(home, *unlock, pin="654321").returncode == 0
    assert signout(home, "1001", "123456") == 0


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
    assert bwc(home, "audit", "verify", "--checkpoint", str(tmp_path / "bad")).returncode == 2


def test_signed_labels(home: Path, tmp_path: Path) -> None:
    made = bwc(home, "--json", "label", "badge", "1001", "--out", str(tmp_path / "b.png"))
    assert made.returncode == 0
    assert json.loads(made.stdout)["text"].startswith("BWC1.B.U01.1001.")
    assert (tmp_path / "b.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert bwc(home, "label", "device", "NOPE", "--out", str(tmp_path / "d.png")).returncode == 1


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
