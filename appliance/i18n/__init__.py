"""Provides translation from the one catalogue (zh_CN and English, both complete)."""

from __future__ import annotations

import json
import string
from collections.abc import Mapping

from appliance.domain.errors import Refusal, Refused
from appliance.i18n.catalogue import CATALOGUE
from appliance.safe_text import printable

LANGUAGES = ("zh_CN", "en")
_INDEX = {"en": 0, "zh_CN": 1}


def t(key: str, language: str, /, **params: object) -> str:
    """The message for key in language; parameters are shown escaped (untrusted text).

    Positional-only, so a parameter named `key` or `language` is a parameter, not a clash.
    """
    entry = CATALOGUE.get(_plural_key(key, params))
    if entry is None:
        return printable(key)
    template = entry[_INDEX.get(language, 0)]
    safe = {name: printable(str(value)) for name, value in params.items()}
    return string.Formatter().vformat(template, (), _Missing(safe))


# The parameters that count something: with a count of one, a key's `.one` form is used
# ("1 clip", "1 try"); Chinese has no plural, so both forms say the same there.
_COUNTS = ("count", "remaining")


def _plural_key(key: str, params: dict[str, object]) -> str:
    for name in _COUNTS:
        if params.get(name) in (1, "1") and f"{key}.one" in CATALOGUE:
            return f"{key}.one"
    return key


# Parameters whose values are identifiers (a role, an action, a recorder state): shown to
# people in words from the catalogue (`role.auditor` -> "auditor" / "考核办"), never raw.
_WORDED = ("role", "action", "state", "classification", "step")


def explain(refusal: Refusal, language: str) -> str:
    """One clear line saying why an action was refused."""
    params = {name: _worded(name, value, language) for name, value in refusal.params.items()}
    if refusal.reason in ("reading_failed", "repair_check_failed"):
        params["failed"] = _failed_readings(refusal.params, language)
    elif "items" in refusal.params:
        params["items"] = _item_names(str(refusal.params["items"]), language)
    return t(refusal.reason, language, **params)


# The catalogue prefix that turns each coded word of a history line into words.
_HISTORY_WORDS = {"part": "part", "kind": "incident", "finding": "finding", "state": "job"}


def history_sentence(key: str, params: Mapping[str, object], language: str) -> str:
    """A recorder's history line or a person's record line as a sentence (STYLE 14a).

    The coded words a line carries (a fault's part, an incident's kind and finding, an
    offload's state) are said in words; the CLI and the kiosk say them the same way.
    """
    said = {
        name: t(f"{_HISTORY_WORDS[name]}.{value}", language) if name in _HISTORY_WORDS else value
        for name, value in params.items()
    }
    return t(key, language, **said)


def alarm_kind_words(kind: str, language: str) -> str:
    """An alarm's kind as people say it; a kind without words is said generically."""
    key = f"alarm.{kind}"
    return t(key if key in CATALOGUE else "alarm.other", language)


def event_words(action: str, language: str) -> str:
    """An audit event's action as people say it (the auditor's reading, Art. 15)."""
    for key in (f"event.{action}", f"action.{action}"):
        if key in CATALOGUE:
            return t(key, language)
    return t("event.other", language)


def object_words(object_type: str, object_id: str, language: str) -> str:
    """What an event is about: the kind in words, then its number or name (escaped)."""
    key = f"object.{object_type}"
    kind = t(key, language) if key in CATALOGUE else printable(object_type)
    return f"{kind} {printable(object_id)}".strip()


def outcome_words(outcome: str, language: str) -> str:
    """An event's outcome in words."""
    key = f"outcome.{outcome}"
    return t(key, language) if key in CATALOGUE else printable(outcome)


def refusal_words(detail_json: str, language: str) -> str:
    """Why an event was refused, as the refusal said it then; "" when it names no reason."""
    try:
        detail = json.loads(detail_json)
    except ValueError:
        return ""
    reason = detail.get("reason") if isinstance(detail, dict) else None
    if not isinstance(reason, str) or reason not in CATALOGUE:
        return ""
    params = detail.get("params")
    given = {str(k): v for k, v in params.items()} if isinstance(params, dict) else {}
    return explain(Refused(reason, **given), language)


def item_separator(language: str) -> str:
    """How a list is written: "a, b" in English, "甲、乙" in Chinese."""
    return "、" if language == "zh_CN" else ", "


def _item_names(items: str, language: str) -> str:
    """Pre-shift check items (identifiers, comma-separated) as people name them (Art. 4)."""
    names = [t(f"item.{item}", language) for item in items.split(",") if item]
    return item_separator(language).join(names)


def _failed_readings(params: dict[str, object], language: str) -> str:
    """Each failed reading as a clause: the item, what it read and what a shift needs."""
    items, readings, thresholds = (
        str(params.get(name, "")).split(";") for name in ("items", "readings", "thresholds")
    )
    clauses = [
        t(f"check_fail.{item}", language, reading=reading, threshold=threshold)
        for item, reading, threshold in zip(items, readings, thresholds, strict=False)
        if item
    ]
    return ("；" if language == "zh_CN" else "; ").join(clauses)


def _worded(name: str, value: object, language: str) -> object:
    key = f"{name}.{value}"
    if name in _WORDED and key in CATALOGUE:
        return t(key, language)
    return value


class _Missing(dict[str, str]):
    """Leaves an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
