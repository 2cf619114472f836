"""Every bad kiosk.toml through the real `bwc` process: exit 2, one line naming the key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.config_cases import KEYS, UNKNOWN, Case, bad_cases

_CORE = [case for case in bad_cases() if case.core]


@pytest.fixture(scope="module")
def lean_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Byte-code cached in a private prefix, so 150 start-ups stay quick; English output."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "BWC_HOME")}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    env["LANG"] = "C.UTF-8"
    return env


def run_with(
    home: Path, text: str, env: dict[str, str], *argv: str
) -> subprocess.CompletedProcess[str]:
    home.mkdir(exist_ok=True)
    (home / "kiosk.toml").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "appliance", "--home", str(home), *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def assert_names(result: subprocess.CompletedProcess[str], key: str, home: Path) -> None:
    assert result.returncode == 2, (key, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and key in lines[0], result.stderr
    # A command refused at its configuration creates nothing (DESIGN §8).
    assert sorted(p.name for p in home.iterdir()) == ["kiosk.toml"]


@pytest.mark.parametrize("key", [k for k, *_ in KEYS])
def test_every_bad_value_of_every_key_through_bwc(
    tmp_path: Path, lean_env: dict[str, str], key: str
) -> None:
    cases: list[Case] = [case for case in _CORE if case.key == key]
    assert len(cases) >= 6  # wrong type, range, NaN, ±inf, 10**30, control character
    for number, case in enumerate(cases):
        home = tmp_path / f"h{number}"
        result = run_with(home, case.toml, lean_env, "device", "list")
        assert_names(result, case.key, home)
        if case.low is not None:
            assert f"{case.low} 至 {case.high}" in result.stderr  # kiosk.toml's language: zh_CN


@pytest.mark.parametrize(("text", "key"), UNKNOWN, ids=[key for _, key in UNKNOWN])
def test_unknown_keys_through_bwc(
    tmp_path: Path, lean_env: dict[str, str], text: str, key: str
) -> None:
    home = tmp_path / "home"
    assert_names(run_with(home, text, lean_env, "--lang", "en", "officer", "list"), key, home)


def test_a_bad_config_stops_init_too(tmp_path: Path, lean_env: dict[str, str]) -> None:
    home = tmp_path / "home"
    text = "[kiosk]\nidle_timeout_seconds = 5\n"
    result = run_with(home, text, lean_env, "init", "--unit-code", "U01", "--unit-name", "N")
    assert_names(result, "kiosk.idle_timeout_seconds", home)


def test_a_bad_handover_drive_through_bwc(tmp_path: Path, lean_env: dict[str, str]) -> None:
    """Art. 12(2): a drive registered twice stops bwc in one line naming the entry.

    Every other bad `[handover] drives` is in tests/unit/test_config.py (in-process: cheap).
    """
    home = tmp_path / "home"
    text = '[handover]\ndrives = [{ serial = "S1" }, { serial = "S1", label = "again" }]\n'
    result = run_with(home, text, lean_env, "--lang", "en", "device", "list")
    assert_names(result, "handover.drives[2].serial", home)
    assert "already registered" in result.stderr
