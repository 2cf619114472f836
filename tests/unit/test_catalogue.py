"""The one catalogue: both languages complete, same placeholders, untrusted values escaped."""

from __future__ import annotations

import string

from appliance.i18n import t
from appliance.i18n.catalogue import CATALOGUE


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_message_is_in_both_languages_with_the_same_placeholders() -> None:
    for key, (english, chinese) in CATALOGUE.items():
        assert english.strip() and chinese.strip(), key
        assert placeholders(english) == placeholders(chinese), key


def test_chinese_is_chinese() -> None:
    assert any("\u4e00" <= ch <= "\u9fff" for ch in t("badge_locked", "zh_CN", badge="1"))


def test_parameters_cannot_inject_terminal_escapes() -> None:
    shown = t("unknown_recorder", "en", serial="\x1b[31mX\nforged line")
    assert "\x1b" not in shown and "\n" not in shown
    assert "\\x1b" in shown
