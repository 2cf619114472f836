"""The one catalogue: both languages complete, same placeholders, untrusted values escaped."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import appliance
from appliance.domain.errors import Refused
from appliance.domain.roles import Action, Role
from appliance.i18n import explain, t
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


def test_every_role_and_action_has_words() -> None:
    """STYLE 14a: a refusal names a role or an action in words, never by its identifier."""
    for role in Role:
        assert f"role.{role.value}" in CATALOGUE
    for action in Action:
        assert f"action.{action.value}" in CATALOGUE
    denied = Refused("permission_denied", action="deactivate_person", role="officer")
    assert explain(denied, "en") == "Not allowed: the role officer may not deactivate a person."
    assert explain(denied, "zh_CN") == "无权操作：执法人员不能停用人员。"
    # A value with no words of its own is shown as it is, escaped.
    odd = Refused("permission_denied", action="x\x1b", role="system")
    assert explain(odd, "en") == "Not allowed: the role system may not x\\x1b."


@pytest.mark.parametrize("action", list(Action))
def test_a_denial_names_the_role_and_the_action_in_words(action: Action) -> None:
    """STYLE 14a: no identifier reaches a person, in the most common refusal either."""
    assert f"action.{action.value}" in CATALOGUE
    for role in Role:
        for language in ("en", "zh_CN"):
            line = explain(Refused("permission_denied", action=action.value, role=role), language)
            assert action.value not in line and t(f"action.{action.value}", language) in line
            assert t(f"role.{role.value}", language) in line
    assert "info_collector" not in explain(
        Refused("permission_denied", action=action.value, role="info_collector"), "en"
    )


def _literal_reasons() -> set[tuple[str, str]]:
    """Every refusal raised with a literal reason anywhere in appliance/ (file, reason)."""
    found = set()
    kinds = {"Refused", "BadInput", "Refusal", "IllegalTransition"}
    for path in Path(appliance.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in kinds
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((path.name, node.args[0].value))
    return found


def test_every_refusal_reason_has_a_sentence() -> None:
    """A refusal without a catalogue entry would show its identifier to a person."""
    reasons = _literal_reasons()
    assert len(reasons) > 40  # the scan finds them
    missing = sorted((name, reason) for name, reason in reasons if reason not in CATALOGUE)
    assert missing == []
