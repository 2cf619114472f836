"""Provides the repository of the unit and its people."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.records import Person, Unit
from appliance.domain.roles import Role
from appliance.store.models import PersonRow, UnitRow
from appliance.store.timefmt import to_text


def get_unit() -> Unit | None:
    """The unit this kiosk serves, once `bwc init` has run."""
    row = UnitRow.select().first()
    return None if row is None else Unit(row.code, row.name)


def create_unit(code: str, name: str, at: datetime) -> Unit:
    """Record the unit."""
    UnitRow.insert(code=code, name=name, created_at=to_text(at)).execute()
    return Unit(code, name)


def _person(row: PersonRow) -> Person:
    return Person(
        badge=row.badge,
        name=row.name,
        role=Role(row.role),
        unit_code=row.unit_code,
        active=bool(row.active),
        locked=bool(row.locked),
        failed_pins=int(row.failed_pins),
    )


def get(badge: str) -> Person | None:
    """The person with this badge, or None."""
    row = PersonRow.get_or_none(PersonRow.badge == badge)
    return None if row is None else _person(row)


def pin_hash(badge: str) -> str | None:
    """The stored PIN hash of a badge."""
    row = PersonRow.get_or_none(PersonRow.badge == badge)
    return None if row is None else str(row.pin_hash)


def add(person: Person, pin_hash_text: str, at: datetime) -> None:
    """Insert a person."""
    PersonRow.insert(
        badge=person.badge,
        name=person.name,
        role=person.role.value,
        unit_code=person.unit_code,
        pin_hash=pin_hash_text,
        active=person.active,
        locked=False,
        failed_pins=0,
        created_at=to_text(at),
    ).execute()


def set_pin_state(badge: str, failed_pins: int, locked: bool) -> None:
    """Record the failed-PIN count and the lock."""
    PersonRow.update(failed_pins=failed_pins, locked=locked).where(
        PersonRow.badge == badge
    ).execute()


def set_pin_hash(badge: str, pin_hash_text: str) -> None:
    """Replace a person's PIN hash."""
    PersonRow.update(pin_hash=pin_hash_text).where(PersonRow.badge == badge).execute()


def set_active(badge: str, active: bool) -> None:
    """Activate or deactivate a person."""
    PersonRow.update(active=active).where(PersonRow.badge == badge).execute()


def has_active(role: Role, unit_code: str) -> bool:
    """Whether the unit has an active person in this role (locked or not)."""
    query = PersonRow.select().where(
        (PersonRow.role == role.value)
        & (PersonRow.unit_code == unit_code)
        & (PersonRow.active == True)  # noqa: E712 -- peewee builds SQL from ==
    )
    return bool(query.exists())


def all_people() -> list[Person]:
    """Everyone, by role then name."""
    return [_person(r) for r in PersonRow.select().order_by(PersonRow.role, PersonRow.name)]
