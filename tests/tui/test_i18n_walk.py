"""Provides the i18n walk of the kiosk: every screen, both languages, words only (STYLE 14a).

Issue 9: no catalogue key, enum value or identifier appears on any screen; a key missing in
one language fails. The walk goes through `tests/tui/walk.py`'s stops, which must reach every
screen the kiosk defines; each stop is rendered once, in both languages, by the snapshot tests
(test_snapshots), which apply `identifiers_in` to what the screen shows.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from enum import StrEnum
from pathlib import Path

import appliance.domain
from appliance.i18n.catalogue import CATALOGUE
from tests.tui.walk import STOPS, screen_classes

ROOT = Path(__file__).resolve().parents[2]
# A key written out in code: t("…"), words("…"), say("…"), refuse(…"…") and the like.
KEY_IN_CODE = re.compile(r"""(?:\bt|words|say|_key|KEY)\(?\s*=?\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def domain_enum_values() -> set[str]:
    """Every value of every enum of the domain (recorder states, job states, flags, roles …)."""
    values: set[str] = set()
    for module in pkgutil.iter_modules(appliance.domain.__path__):
        loaded = importlib.import_module(f"appliance.domain.{module.name}")
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                values |= {member.value for member in value}
    return values


ENUM_VALUES = domain_enum_values()
# Identifiers look like identifiers: a snake_case word is never English or Chinese prose.
SNAKE = sorted(value for value in ENUM_VALUES if "_" in value)
WORDS = sorted(value for value in ENUM_VALUES if value.isalpha() and len(value) >= 3)


# A key the catalogue lacks still looks like one of its keys: a namespace, a dot, a name
# (`cli.col.alarm`); a file name of that shape (`checkpoint.txt`) is not one.
_NAMESPACES = sorted({key.split(".")[0] for key in CATALOGUE if "." in key})
_KEY_SHAPE = re.compile(rf"\b(?:{'|'.join(_NAMESPACES)})(?:\.[a-z][a-z_]*)+\b")
_FILE_ENDINGS = ("txt", "png", "pdf", "iso", "json", "jsonl", "toml", "db", "sql", "pub", "key")


def identifiers_in(text: str, language: str) -> list[str]:
    """The keys, enum values and identifiers a person would see in text."""
    found = [key for key in CATALOGUE if "." in key and key in text]
    found += [
        shaped
        for shaped in _KEY_SHAPE.findall(text)
        if shaped not in CATALOGUE and shaped.rsplit(".", 1)[1] not in _FILE_ENDINGS
    ]
    found += [value for value in SNAKE if re.search(rf"\b{re.escape(value)}\b", text)]
    if language == "zh_CN":
        # Chinese prose has no lower-case English word: each enum value there is one leaking.
        found += [value for value in WORDS if re.search(rf"\b{re.escape(value)}\b", text)]
    return found


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for key, (english, chinese) in CATALOGUE.items():
        assert english.strip() and chinese.strip(), key
        assert fields(english) == fields(chinese), key


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    named: set[str] = set()
    for folder in ("appliance", "tui"):
        for path in (ROOT / folder).rglob("*.py"):
            if "i18n" not in path.parts:
                named |= set(KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert named, "the pattern finds no key: it is broken"
    assert sorted(key for key in named if key not in CATALOGUE) == []


def test_every_enum_value_shown_has_words() -> None:
    """The enums the screens and the CLI word: each value has its key in both languages."""
    from appliance.domain.checks import CheckItem
    from appliance.domain.custody import RecorderState
    from appliance.domain.footage import ClipFlag
    from appliance.domain.lifecycle import JobState
    from appliance.domain.overview import Readiness
    from appliance.domain.roles import Role

    worded = {
        "state": RecorderState,
        "job": JobState,
        "flag": ClipFlag,
        "role": Role,
        "item": CheckItem,
        "check_fail": CheckItem,
        "ready": Readiness,
    }
    missing = [
        f"{prefix}.{member.value}"
        for prefix, enum in worded.items()
        for member in enum
        if f"{prefix}.{member.value}" not in CATALOGUE
    ]
    # The lens and microphone are never measured, so they never fail a reading.
    assert missing == ["check_fail.lens_microphone"]


def test_the_walk_reaches_every_screen() -> None:
    """A new screen without a stop fails here: add it to tests/tui/walk.py."""
    assert screen_classes() <= {stop.screen for stop in STOPS}
