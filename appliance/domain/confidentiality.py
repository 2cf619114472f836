"""Provides the confidentiality classes of clips and the one table of what each allows (Art. 3).

DESIGN §10: `privacy` and `trade_secret` clips are listed to officers only as "restricted"
and disclosed only when the approval names the class; `state_secret` clips are shown only to
unit head, bureau head and auditor and never exported by the kiosk, but they are handed over
(the information collector is the custodian) and marked so in the package.
"""

from __future__ import annotations

from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.roles import Role


class Classification(StrEnum):
    """A clip's confidentiality class (Art. 3); a clip never classified is `normal`."""

    NORMAL = "normal"
    PRIVACY = "privacy"
    TRADE_SECRET = "trade_secret"  # noqa: S105 -- a class name, not a secret
    STATE_SECRET = "state_secret"  # noqa: S105 -- a class name, not a secret


class Use(StrEnum):
    """What is done with a clip that its class may limit."""

    LIST = "list"
    FILE = "file"
    DISCLOSE = "disclose"
    HAND_OVER = "hand_over"


class Verdict(StrEnum):
    """What the table answers for one role, class and use."""

    ALLOWED = "allowed"
    # Listed as "restricted": that it exists, its size and day, nothing about its content.
    RESTRICTED = "restricted"
    # Only when the approval of the disclosure names the class (Art. 3, 13).
    IF_NAMED = "if_named"
    HIDDEN = "hidden"
    REFUSED = "refused"


_N, _P, _T, _S = (
    Classification.NORMAL,
    Classification.PRIVACY,
    Classification.TRADE_SECRET,
    Classification.STATE_SECRET,
)
_ALL_ROLES = frozenset(Role)
# Those who may see a state secret at all (DESIGN §10).
_SECRET_READERS = frozenset({Role.UNIT_HEAD, Role.BUREAU_HEAD, Role.AUDITOR})
# Those who see privacy and trade-secret clips in full: everyone but officers and the admin
# (who manages people and devices, not footage).
_CLASS_READERS = frozenset({Role.UNIT_HEAD, Role.INFO_COLLECTOR, Role.BUREAU_HEAD, Role.AUDITOR})


def _listing(role: Role, cls: Classification) -> Verdict:
    if cls is _N:
        return Verdict.ALLOWED
    if cls is _S:
        if role in _SECRET_READERS:
            return Verdict.ALLOWED
        # The custodian counts and sizes what goes over without seeing what it is.
        return Verdict.RESTRICTED if role is Role.INFO_COLLECTOR else Verdict.HIDDEN
    return Verdict.ALLOWED if role in _CLASS_READERS else Verdict.RESTRICTED


def _filing(role: Role, cls: Classification) -> Verdict:
    # Filing reveals nothing; who may file at all is the permission table's (Art. 8).
    if cls is _S:
        return Verdict.ALLOWED if role in _SECRET_READERS else Verdict.REFUSED
    return Verdict.ALLOWED


def _disclosure(role: Role, cls: Classification) -> Verdict:
    if cls is _S:
        return Verdict.REFUSED  # never exported by the kiosk
    return Verdict.ALLOWED if cls is _N else Verdict.IF_NAMED


TABLE: dict[tuple[Role, Classification, Use], Verdict] = {
    **{(r, c, Use.LIST): _listing(r, c) for r in _ALL_ROLES for c in Classification},
    **{(r, c, Use.FILE): _filing(r, c) for r in _ALL_ROLES for c in Classification},
    **{(r, c, Use.DISCLOSE): _disclosure(r, c) for r in _ALL_ROLES for c in Classification},
    # Art. 12(2): every clip goes to the collector, whatever its class.
    **{(r, c, Use.HAND_OVER): Verdict.ALLOWED for r in _ALL_ROLES for c in Classification},
}


@enforces("3")
def verdict(role: Role, cls: Classification, use: Use) -> Verdict:
    """The table's answer for one role, class and use."""
    return TABLE[(role, cls, use)]


@enforces("3")
def may_disclose(cls: Classification, named: frozenset[Classification]) -> bool:
    """Whether an approval that names `named` classes lets a clip of class `cls` go out."""
    answer = _disclosure(Role.BUREAU_HEAD, cls)
    return answer is Verdict.ALLOWED or (answer is Verdict.IF_NAMED and cls in named)
