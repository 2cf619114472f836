"""Provides translation from the one catalogue (zh_CN and English, both complete)."""

from __future__ import annotations

import string

from appliance.domain.errors import Refusal
from appliance.i18n.catalogue import CATALOGUE
from appliance.safe_text import printable

LANGUAGES = ("zh_CN", "en")
_INDEX = {"en": 0, "zh_CN": 1}


def t(key: str, language: str, /, **params: object) -> str:
    """The message for key in language; parameters are shown escaped (untrusted text).

    Positional-only, so a parameter named `key` or `language` is a parameter, not a clash.
    """
    entry = CATALOGUE.get(key)
    if entry is None:
        return printable(key)
    template = entry[_INDEX.get(language, 0)]
    safe = {name: printable(str(value)) for name, value in params.items()}
    return string.Formatter().vformat(template, (), _Missing(safe))


# Parameters whose values are identifiers (a role, an action, a recorder state): shown to
# people in words from the catalogue (`role.auditor` -> "auditor" / "考核办"), never raw.
_WORDED = ("role", "action", "state", "classification")


def explain(refusal: Refusal, language: str) -> str:
    """One clear line saying why an action was refused."""
    params = {name: _worded(name, value, language) for name, value in refusal.params.items()}
    return t(refusal.reason, language, **params)


def _worded(name: str, value: object, language: str) -> object:
    key = f"{name}.{value}"
    if name in _WORDED and key in CATALOGUE:
        return t(key, language)
    return value


class _Missing(dict[str, str]):
    """Leaves an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
