"""Provides the unit, people and recorder registers that IT and unit heads keep."""

from __future__ import annotations

import re

from appliance.domain.custody import RecorderState
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor, Person, Recorder, Unit
from appliance.domain.roles import Action, Role
from appliance.domain.scan import BADGE_PATTERN, SERIAL_PATTERN, UNIT_PATTERN
from appliance.domain.second_person import (
    check_second_person,
    grant_is_bootstrap,
    needs_second_person,
)
from appliance.services import pins
from appliance.services.context import Context, allowed

_NAME_MAX = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_name(text: str) -> str:
    """A display name: 1-64 printable characters, no control codes (DESIGN §3.5)."""
    name = text.strip()
    if not name or len(name) > _NAME_MAX or _CONTROL.search(name) or not name.isprintable():
        raise BadInput("bad_name")
    return name


def check_unit_code(code: str) -> str:
    """A unit code: 1-32 letters, digits, '_' or '-' (DESIGN §8)."""
    if not UNIT_PATTERN.fullmatch(code):
        raise BadInput("bad_unit_code")
    return code


class RegistryService:
    """Keeps the unit, its people and its recorders."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def registered_unit(self) -> Unit | None:
        """The unit the database holds, if any (none: not initialised, or emptied)."""
        return self._ctx.store.people.get_unit()

    def unit(self) -> Unit:
        """The unit, or Refused('not_initialised')."""
        unit = self._ctx.store.people.get_unit()
        if unit is None:
            raise Refused("not_initialised")
        return unit

    def init_unit(self, actor: Actor, code: str, name: str) -> Unit:
        """Record the unit once (`bwc init`); a second init for the same unit is a no-op."""
        check_unit_code(code)
        name = check_name(name)
        with self._ctx.store.transaction():
            existing = self._ctx.store.people.get_unit()
            if existing is not None:
                if existing.code != code:
                    raise Refused("already_initialised", unit=existing.code)
                return existing
            unit = self._ctx.store.people.create_unit(Unit(code, name), self._ctx.clock.now())
            self._ctx.record(actor, "init_unit", "unit", code, name=name)
            return unit

    def add_person(
        self,
        actor: Actor,
        badge: str,
        name: str,
        role: str,
        pin: str,
        confirmer: Actor | None = None,
        unit_code: str | None = None,
        temporary_pin: bool = False,
    ) -> Person:
        """Register a person with a PIN (hashed; never stored or logged in clear).

        A privileged role needs two people (DESIGN §6): the admin who proposes (`actor`) and
        a unit head or the bureau head who confirms, signed in with badge and PIN
        (`confirmer`). The one exception is the bootstrap: while the unit has no active unit
        head, the first one may be added alone, and the event says so.

        `unit_code` names another unit (Art. 9): its people are registered as officers only,
        so the rule that they sign nothing out here can fire. A `temporary_pin` is one the
        admin typed: its owner chooses their own at the next kiosk sign-in (DESIGN §6).
        """
        if not BADGE_PATTERN.fullmatch(badge):
            raise BadInput("bad_badge")
        name = check_name(name)
        try:
            role_value = Role(role)
        except ValueError:
            raise BadInput("bad_role", role=role) from None
        pins.check_format(pin)
        if unit_code is not None:
            check_unit_code(unit_code)
        with self._ctx.audited(actor, "add_person", "person", badge):
            if not allowed(actor, Action.MANAGE_PEOPLE):
                raise Refused("permission_denied", action="manage_people", role=actor.role)
            unit = self.unit()
            if self._ctx.store.people.get(badge) is not None:
                raise Refused("badge_exists", badge=badge)
            if unit_code is not None and unit_code != unit.code:
                if role_value is not Role.OFFICER:
                    raise Refused("other_unit_officer_only", unit=unit_code)
                self._other_unit(unit_code)
                person = Person(badge, name, role_value, unit_code, must_change_pin=temporary_pin)
                self._ctx.store.people.add(person, pins.hash_pin(pin), self._ctx.clock.now())
                self._ctx.record(
                    actor, "add_person", "person", badge, name=name, role=role, unit=unit_code
                )
                return person
            has_head = self._ctx.store.people.has_active(Role.UNIT_HEAD, unit.code)
            bootstrap = grant_is_bootstrap(role_value, confirmer is not None, has_head)
            if needs_second_person(role_value) and not allowed(actor, Action.GRANT_ROLE):
                raise Refused("permission_denied", action="grant_role", role=actor.role)
            if confirmer is not None or (needs_second_person(role_value) and not bootstrap):
                confirm_badge = None if confirmer is None else confirmer.actor_id
                second = (
                    None if confirm_badge is None else self._ctx.store.people.get(confirm_badge)
                )
                check_second_person(confirm_badge, second, unit.code, {badge, actor.actor_id})
            person = Person(badge, name, role_value, unit.code, must_change_pin=temporary_pin)
            self._ctx.store.people.add(person, pins.hash_pin(pin), self._ctx.clock.now())
            self._ctx.record(
                actor,
                "add_person",
                "person",
                badge,
                name=name,
                role=role,
                confirmed_by="" if confirmer is None else confirmer.actor_id,
                bootstrap=bootstrap,
            )
            return person

    def add_recorder(
        self, actor: Actor, serial: str, brand: str, model: str, unit_code: str | None = None
    ) -> Recorder:
        """Register a recorder, available: to this unit, or to another one it belongs to.

        Art. 9: a recorder of another unit is registered so the dock knows it (its footage is
        flagged `foreign_unit`) and sign-out refuses it with the rule's words.
        """
        if not SERIAL_PATTERN.fullmatch(serial):
            raise BadInput("bad_serial")
        brand, model = check_name(brand), check_name(model)
        if unit_code is not None:
            check_unit_code(unit_code)
        with self._ctx.audited(actor, "add_recorder", "recorder", serial):
            if not allowed(actor, Action.MANAGE_DEVICES):
                raise Refused("permission_denied", action="manage_devices", role=actor.role)
            unit = self.unit()
            if self._ctx.store.recorders.get(serial) is not None:
                raise Refused("serial_exists", serial=serial)
            owner = unit.code if unit_code is None else unit_code
            if owner != unit.code:
                self._other_unit(owner)
            recorder = Recorder(serial, brand, model, owner, RecorderState.AVAILABLE)
            self._ctx.store.recorders.add(recorder, self._ctx.clock.now())
            self._ctx.record(
                actor, "add_recorder", "recorder", serial, brand=brand, model=model, unit=owner
            )
            return recorder

    def _other_unit(self, code: str) -> Unit:
        """Another unit, registered by its code the first time one of its own is (Art. 9)."""
        known = self._ctx.store.people.other_unit(code)
        if known is not None:
            return known
        return self._ctx.store.people.add_other_unit(Unit(code, code), self._ctx.clock.now())

    def people(self) -> list[Person]:
        """Everyone registered."""
        return self._ctx.store.people.all_people()

    def recorders(self) -> list[Recorder]:
        """Every recorder registered."""
        return self._ctx.store.recorders.all_recorders()

    def person(self, badge: str) -> Person | None:
        """One person by badge."""
        return self._ctx.store.people.get(badge)

    def recorder(self, serial: str) -> Recorder | None:
        """One recorder by serial."""
        return self._ctx.store.recorders.get(serial)
