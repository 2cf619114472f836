"""Provides the repository of the unit and its people."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.records import Person, Unit
from appliance.domain.roles import Role
from appliance.store.models import PersonRow, UnitRow
from appliance.store.repo import Repository
from appliance.store.timefmt import to_text


def _person(row: PersonRow) -> Person:
    return Person(
        badge=row.badge,
        name=row.name,
        role=Role(row.role),
        unit_code=row.unit_code,
        active=bool(row.active),
        locked=bool(row.locked),
        failed_pins=int(row.failed_pins),
        must_change_pin=bool(row.must_change_pin),
    )


class PeopleRepository(Repository):
    """The unit row and the person rows."""

    def get_unit(self) -> Unit | None:
        """The unit this kiosk serves, once `bwc init` has run."""
        row = self._first(UnitRow.select().where(UnitRow.home == True))  # noqa: E712
        return None if row is None else Unit(row.code, row.name)

    def other_unit(self, code: str) -> Unit | None:
        """Another unit registered here (Art. 9), or None."""
        query = UnitRow.select().where((UnitRow.code == code) & (UnitRow.home == False))  # noqa: E712
        row = self._first(query)
        return None if row is None else Unit(row.code, row.name)

    def add_other_unit(self, unit: Unit, at: datetime) -> Unit:
        """Register another unit, so its people and recorders can be named here (Art. 9)."""
        self._run(
            UnitRow.insert(code=unit.code, name=unit.name, created_at=to_text(at), home=False)
        )
        return unit

    def create_unit(self, unit: Unit, at: datetime) -> Unit:
        """Record the unit."""
        self._run(UnitRow.insert(code=unit.code, name=unit.name, created_at=to_text(at)))
        return unit

    def get(self, badge: str) -> Person | None:
        """The person with this badge, or None."""
        row = self._first(PersonRow.select().where(PersonRow.badge == badge))
        return None if row is None else _person(row)

    def pin_hash(self, badge: str) -> str | None:
        """The stored PIN hash of a badge."""
        row = self._first(PersonRow.select(PersonRow.pin_hash).where(PersonRow.badge == badge))
        return None if row is None else str(row.pin_hash)

    def add(self, person: Person, pin_hash_text: str, at: datetime) -> None:
        """Insert a person (as they start: unlocked, no failed PIN)."""
        self._run(
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
                must_change_pin=person.must_change_pin,
            )
        )

    def set_pin_state(self, badge: str, failed_pins: int, locked: bool) -> None:
        """Record the failed-PIN count and the lock."""
        self._run(
            PersonRow.update(failed_pins=failed_pins, locked=locked).where(PersonRow.badge == badge)
        )

    def set_pin_hash(self, badge: str, pin_hash_text: str) -> None:
        """Replace a person's PIN hash."""
        self._run(PersonRow.update(pin_hash=pin_hash_text).where(PersonRow.badge == badge))

    def set_must_change_pin(self, badge: str, must_change: bool) -> None:
        """Whether the person must choose a new PIN at their next kiosk sign-in."""
        self._run(PersonRow.update(must_change_pin=must_change).where(PersonRow.badge == badge))

    def set_active(self, badge: str, active: bool) -> None:
        """Activate or deactivate a person."""
        self._run(PersonRow.update(active=active).where(PersonRow.badge == badge))

    def has_active(self, role: Role, unit_code: str) -> bool:
        """Whether the unit has an active person in this role (locked or not)."""
        query = PersonRow.select().where(
            (PersonRow.role == role.value)
            & (PersonRow.unit_code == unit_code)
            & (PersonRow.active == True)  # noqa: E712 -- peewee builds SQL from ==
        )
        return bool(query.exists(self._db))

    def all_people(self) -> list[Person]:
        """Everyone, by role then name."""
        query = PersonRow.select().order_by(PersonRow.role, PersonRow.name)
        return [_person(r) for r in self._rows(query)]
