"""Provides the tests of the bwc-kiosk command and of the screens' words in both languages."""

from __future__ import annotations

import os
import shutil
import string
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.demo import kiosk_demo, make_home
from appliance.i18n.ui_messages import UI_MESSAGES
from tests.conftest import DEMO_PINS
from tests.tui.helpers import shown, sign_in
from tui.__main__ import demo_language, main, run_demo
from tui.app import create_app


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    ],
)
def test_demo_follows_the_locale(env: dict[str, str], language: str) -> None:
    """LC_ALL, then LC_MESSAGES, then LANG, as the C library reads them."""
    assert demo_language(env) == language


def test_uninitialised_home_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback: a home without a unit says how to make one; Textual switches are dropped.

    Nothing is created where there is no home (only `bwc init` makes one, DESIGN §8).
    """
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("TEXTUAL_ALLOW_SIGNALS", "1")
    # main() drops every TEXTUAL* variable; the snapshot plugin's own must come back after.
    for name in [key for key in os.environ if key.startswith("TEXTUAL")]:
        monkeypatch.setenv(name, os.environ[name])
    assert main(["--home", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bwc-kiosk: {tmp_path / 'empty'} does not exist: run `bwc init`")
    assert len(err.strip().splitlines()) == 1
    assert "TEXTUAL_ALLOW_SIGNALS" not in os.environ
    assert not (tmp_path / "empty").exists()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_screen_words_are_complete_in_both_languages() -> None:
    """Every key has English and Chinese text with the same placeholders."""
    for key, (english, chinese) in UI_MESSAGES.items():
        assert key.startswith("ui.")
        assert english.strip() and chinese.strip(), key
        assert _fields(english) == _fields(chinese), key


async def test_chinese_kiosk(tmp_path: Path, clock: SettableClock) -> None:
    """The kiosk speaks the language of kiosk.toml (`bwc init` writes zh_CN)."""
    services, badges = make_home(tmp_path / "zh", language="zh_CN", clock=clock, pins=DEMO_PINS)
    app = create_app(services, badges)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app, ".prompt") == "请刷工作证，或输入工号后按回车。"
        await sign_in(pilot, "1001", DEMO_PINS["1001"])
        assert shown(app, "#holding") == "您当前未领用记录仪。"


@pytest.mark.parametrize("keep", [False, True])
def test_the_demo_home_is_removed_unless_kept(keep: bool) -> None:
    """Issue 9 item 6: `make demo` leaves no home in /tmp; `KEEP=1` (--keep) keeps it.

    The demo is kiosk and service in one home: it signs the collector's hand-over with the
    home's audit key (a box's kiosk cannot: test_handover), and labels with neither.
    """
    demo = kiosk_demo("en")
    assert demo.services.ctx.audit_signer.can_sign()
    assert not demo.services.ctx.label_signer.can_sign()
    seen: list[bool] = []
    home = run_demo(demo, keep, lambda: seen.append((demo.services.settings.db_path).exists()))
    assert seen == [True]
    try:
        assert home.exists() is keep
    finally:
        shutil.rmtree(home, ignore_errors=True)
