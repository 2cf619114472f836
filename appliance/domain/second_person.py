"""Provides the two-person rule for acts on people: when a second person is needed, and who."""

from __future__ import annotations

from collections.abc import Collection

from appliance.domain.errors import Refused
from appliance.domain.records import Person
from appliance.domain.roles import PRIVILEGED_ROLES, Action, Role, is_allowed


def grant_is_bootstrap(role: Role, has_confirmer: bool, unit_has_head: bool) -> bool:
    """Whether this grant is the bootstrap: the unit's first unit head, added alone.

    DESIGN §6: only while the unit has no (active) unit head may one be added by the admin
    alone; somebody must be there to confirm everyone after.
    """
    return role is Role.UNIT_HEAD and not has_confirmer and not unit_has_head


def needs_second_person(role: Role) -> bool:
    """Whether giving, resetting or removing this role takes two people (DESIGN §6)."""
    return role in PRIVILEGED_ROLES


def check_second_person(
    badge: str | None, second: Person | None, unit_code: str, excluded: Collection[str]
) -> None:
    """Raise unless `second` (as stored now) may confirm an act on the unit's people.

    `badge` is the confirming badge (None: nobody came); `excluded` holds the badges that
    cannot be their own second person: whoever asks and whoever the act is about. The
    confirmer must hold CONFIRM_GRANT (a unit head or the bureau head), be of this unit,
    active and not locked.
    """
    if badge is None:
        raise Refused("second_person_required")
    if (
        second is None
        or badge in excluded
        or second.badge in excluded
        or not is_allowed(second.role, Action.CONFIRM_GRANT)
        or second.unit_code != unit_code
        or not second.active
        or second.locked
    ):
        raise Refused("confirmer_not_allowed", badge=badge)
