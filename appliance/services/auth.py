"""Provides sign-in: badge or QR scan, then PIN, with a lock after five failures (DESIGN §6)."""

from __future__ import annotations

from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action
from appliance.domain.scan import CodeKind, ScanCode, parse_scan
from appliance.domain.second_person import check_second_person
from appliance.services import pins
from appliance.services.context import Context, allowed

MAX_FAILED_PINS = 5


def actor_of(person: Person) -> Actor:
    """The audit identity of a signed-in person."""
    return Actor(person.badge, person.role.value, person.unit_code, person.name, person)


def anonymous(unit_code: str) -> Actor:
    """Whoever stands at the kiosk before signing in."""
    return Actor("anonymous", "none", unit_code)


class AuthService:
    """Identifies badges and checks PINs."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def read_code(self, raw: str, expect: CodeKind | None = None) -> ScanCode:
        """Parse scanner input; an invalid or forged code is audited and raises BadInput."""
        unit = self._ctx.settings.unit_code
        try:
            return parse_scan(raw, unit, self._ctx.label_signer.verify, expect)
        except BadInput as bad:
            with self._ctx.store.transaction():
                # The raw text is untrusted: only its length goes to the log.
                self._ctx.record(
                    anonymous(unit),
                    "scan",
                    "code",
                    "-",
                    "refused",
                    reason=bad.reason,
                    length=len(raw),
                )
            raise

    def identify(self, raw: str) -> Person:
        """The person a scanned badge names; unknown badges are refused and audited."""
        code = self.read_code(raw, CodeKind.BADGE)
        person = self._ctx.store.people.get(code.value)
        if person is None:
            with self._ctx.store.transaction():
                self._ctx.record(
                    anonymous(self._ctx.settings.unit_code),
                    "sign_in",
                    "person",
                    code.value,
                    "refused",
                    reason="unknown_badge",
                )
            raise Refused("unknown_badge")
        return person

    def sign_in(self, badge: str, pin: str) -> Actor:
        """Check the PIN for a badge; five failures lock it until a unit head unlocks it."""
        unit = self._ctx.settings.unit_code
        with self._ctx.store.transaction():
            person = self._ctx.store.people.get(badge)
            stored = self._ctx.store.people.pin_hash(badge)
            if person is None or stored is None:
                self._ctx.record(
                    anonymous(unit), "sign_in", "person", badge, "refused", reason="unknown_badge"
                )
                refusal = Refused("unknown_badge")
            elif person.locked:
                self._ctx.record(
                    actor_of(person), "sign_in", "person", badge, "refused", reason="badge_locked"
                )
                refusal = Refused("badge_locked", badge=badge)
            elif not person.active:
                self._ctx.record(
                    actor_of(person),
                    "sign_in",
                    "person",
                    badge,
                    "refused",
                    reason="person_inactive",
                )
                refusal = Refused("person_inactive", badge=badge)
            elif not pins.matches(pin, stored):
                failed = person.failed_pins + 1
                locked = failed >= MAX_FAILED_PINS
                self._ctx.store.people.set_pin_state(badge, failed, locked)
                self._ctx.record(
                    actor_of(person),
                    "sign_in",
                    "person",
                    badge,
                    "refused",
                    reason="wrong_pin",
                    failed=failed,
                    locked=locked,
                )
                refusal = (
                    Refused("badge_locked", badge=badge)
                    if locked
                    else Refused("wrong_pin", remaining=MAX_FAILED_PINS - failed)
                )
            else:
                if person.failed_pins:
                    self._ctx.store.people.set_pin_state(badge, 0, False)
                self._ctx.record(actor_of(person), "sign_in", "person", badge)
                return actor_of(person)
        raise refusal

    def choose_pin(self, actor: Actor, new_pin: str) -> Actor:
        """The signed-in person replaces a PIN somebody else typed with their own (DESIGN §6)."""
        pins.check_format(new_pin)
        with self._ctx.audited(actor, "choose_pin", "person", actor.actor_id):
            person = self._ctx.store.people.get(actor.actor_id)
            stored = self._ctx.store.people.pin_hash(actor.actor_id)
            if person is None or stored is None:
                raise Refused("unknown_badge")
            if not person.must_change_pin:
                raise Refused("pin_change_not_due")
            if pins.matches(new_pin, stored):
                raise Refused("pin_unchanged")
            self._ctx.store.people.set_pin_hash(person.badge, pins.hash_pin(new_pin))
            self._ctx.store.people.set_must_change_pin(person.badge, False)
            # The PIN never reaches the log; the person row carries a digest of its hash.
            self._ctx.record(actor, "choose_pin", "person", person.badge)
        changed = self._ctx.store.people.get(actor.actor_id)
        return actor if changed is None else actor_of(changed)

    def sign_off(self, actor: Actor, reason: str = "user") -> None:
        """Record the end of a kiosk session (by the user or the idle timeout)."""
        with self._ctx.store.transaction():
            self._ctx.record(actor, "sign_off", "person", actor.actor_id, reason=reason)

    def sign_in_scanned(self, raw: str, pin: str) -> Actor:
        """Sign in from a scanned (or typed) badge code and a PIN: the kiosk's second person."""
        return self.sign_in(self.identify(raw).badge, pin)

    def unlock_confirmed(self, actor: Actor, badge: str, raw: str, pin: str) -> Actor:
        """The admin's unlock with a second person at the kiosk: they sign in, then confirm.

        Two steps, each audited: the second person's sign-in (a wrong PIN counts against
        their badge, DESIGN §6), then the unlock naming both. Returns the confirmer.
        """
        second = self.sign_in_scanned(raw, pin)
        self.unlock(actor, badge, second)
        return second

    def unlock(self, actor: Actor, badge: str, confirmer: Actor | None = None) -> None:
        """Lift the lock on a badge: a unit head alone, or the admin with a second person.

        DESIGN §6 gives the unlock to a unit head; when every unit head is locked out (a
        stranger typing wrong PINs), the admin has a way back that still takes two people:
        a unit head or the bureau head, signed in with badge and PIN, confirms it.
        """
        with self._ctx.audited(actor, "unlock_badge", "person", badge):
            alone = allowed(actor, Action.UNLOCK_BADGE)
            if not alone and not allowed(actor, Action.UNLOCK_WITH_SECOND):
                raise Refused("permission_denied", action="unlock_badge", role=actor.role)
            person = self._ctx.store.people.get(badge)
            if person is None:
                raise Refused("unknown_badge")
            if alone and person.unit_code != actor.unit_code:
                raise Refused("permission_denied", action="unlock_badge", role=actor.role)
            if not alone or confirmer is not None:
                confirm_badge = None if confirmer is None else confirmer.actor_id
                second = (
                    None if confirm_badge is None else self._ctx.store.people.get(confirm_badge)
                )
                check_second_person(confirm_badge, second, actor.unit_code, {badge, actor.actor_id})
            if not person.locked:
                raise Refused("badge_not_locked", badge=badge)
            self._ctx.store.people.set_pin_state(badge, 0, False)
            self._ctx.record(
                actor,
                "unlock_badge",
                "person",
                badge,
                by_name=actor.name,
                confirmed_by="" if confirmer is None else confirmer.actor_id,
                confirmer_name="" if confirmer is None else confirmer.name,
            )
