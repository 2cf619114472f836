"""Provides deactivating a person and resetting a PIN, each by one person or by two (§6).

Who may: the admin (who manages people) or the unit head (who answers for the unit, Art. 7),
never on their own badge. When the person concerned holds a privileged role, a second person
confirms, as for giving that role: a unit head or the bureau head of the unit, signed in with
badge and PIN, who is neither the one asking nor the one concerned.
"""

from __future__ import annotations

from appliance.domain.errors import Refused
from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action
from appliance.domain.second_person import check_second_person, needs_second_person
from appliance.services import pins
from appliance.services.context import Context, allowed


class PersonnelService:
    """Takes people out of service and gives them a fresh PIN, audited with both names."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def deactivate(self, actor: Actor, badge: str, confirmer: Actor | None = None) -> Person:
        """Deactivate a person: they can no longer sign in or take a recorder."""
        with self._ctx.audited(actor, "deactivate_person", "person", badge):
            target = self._target(actor, Action.DEACTIVATE_PERSON, badge, confirmer)
            if not target.active:
                raise Refused("person_inactive", badge=badge)
            held = self._ctx.store.custody.open_for_holder(badge)
            if held:
                # Art. 10: whoever wears it is responsible; that must not end mid-custody.
                raise Refused("still_holding", badge=badge, serial=held[0].serial)
            self._ctx.store.people.set_active(badge, False)
            self._ctx.record(actor, "deactivate_person", "person", badge, **_confirmed(confirmer))
            return self._current(badge)

    def reactivate(self, actor: Actor, badge: str, confirmer: Actor | None = None) -> Person:
        """Put a deactivated person back in service, by the same rules as taking them out."""
        with self._ctx.audited(actor, "reactivate_person", "person", badge):
            target = self._target(actor, Action.DEACTIVATE_PERSON, badge, confirmer)
            if target.active:
                raise Refused("person_already_active", badge=badge)
            self._ctx.store.people.set_active(badge, True)
            self._ctx.record(actor, "reactivate_person", "person", badge, **_confirmed(confirmer))
            return self._current(badge)

    def reset_pin(
        self, actor: Actor, badge: str, new_pin: str, confirmer: Actor | None = None
    ) -> Person:
        """Give a person a new PIN; it also lifts the lock and clears the failed count.

        The PIN is one the resetter typed, so its owner chooses their own at the next kiosk
        sign-in (DESIGN §6): nobody but them should know the PIN they sign with.
        """
        pins.check_format(new_pin)
        with self._ctx.audited(actor, "reset_pin", "person", badge):
            target = self._target(actor, Action.RESET_PIN, badge, confirmer)
            if not target.active:
                raise Refused("person_inactive", badge=badge)
            self._ctx.store.people.set_pin_hash(badge, pins.hash_pin(new_pin))
            self._ctx.store.people.set_pin_state(badge, 0, False)
            self._ctx.store.people.set_must_change_pin(badge, True)
            # The PIN itself never reaches the log; was_locked says what the reset undid.
            self._ctx.record(
                actor,
                "reset_pin",
                "person",
                badge,
                was_locked=target.locked,
                **_confirmed(confirmer),
            )
            return self._current(badge)

    def _target(self, actor: Actor, action: Action, badge: str, confirmer: Actor | None) -> Person:
        """The person concerned, once every rule about who may touch them holds."""
        if not allowed(actor, action):
            raise Refused("permission_denied", action=action.value, role=actor.role)
        target = self._ctx.store.people.get(badge)
        if target is None:
            raise Refused("unknown_badge")
        if target.badge == actor.actor_id:
            raise Refused("own_badge")
        # The admin manages everyone registered here; a unit head only their own unit.
        if not allowed(actor, Action.MANAGE_PEOPLE) and target.unit_code != actor.unit_code:
            raise Refused("permission_denied", action=action.value, role=actor.role)
        if confirmer is not None or needs_second_person(target.role):
            confirm_badge = None if confirmer is None else confirmer.actor_id
            second = None if confirm_badge is None else self._ctx.store.people.get(confirm_badge)
            unit = self._ctx.settings.unit_code
            check_second_person(confirm_badge, second, unit, {badge, actor.actor_id})
        return target

    def _current(self, badge: str) -> Person:
        person = self._ctx.store.people.get(badge)
        if person is None:  # the row was just read in this transaction
            raise Refused("unknown_badge")
        return person


def _confirmed(confirmer: Actor | None) -> dict[str, object]:
    return {"confirmed_by": "" if confirmer is None else confirmer.actor_id}
