"""Provides the bureau's people: the first one alone, every later one with a bureau head's
confirmation; sign-in by badge and PIN, five wrong PINs locking the badge (DESIGN §6)."""

from __future__ import annotations

from appliance.domain.bureau import BUREAU_ROLES, BureauAction
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.domain.roles import Role
from appliance.services import pins
from appliance.services.bureau_context import BureauContext
from appliance.store.bureau.repository import BureauPerson

MAX_FAILED_PINS = 5
_NAME_LIMIT = 64


def anonymous(code: str) -> Actor:
    """Whoever is at the bureau's desk before signing in."""
    return Actor("anonymous", "none", code)


def actor_of(person: BureauPerson, code: str) -> Actor:
    """The audit identity of a signed-in bureau person."""
    return Actor(person.badge, person.role, code, person.name)


def check_badge(badge: str) -> str:
    """A badge as the registers keep it: 1-32 letters, digits, - or _."""
    if not (0 < len(badge) <= 32) or not all(
        c.isascii() and (c.isalnum() or c in "-_") for c in badge
    ):
        raise BadInput("bureau.bad_badge", badge=badge)
    return badge


class BureauPeople:
    """Who works at the bureau's desk, and their sign-in."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def sign_in(self, badge: str, pin: str) -> Actor:
        """Check the PIN for a badge; the fifth wrong one in a row locks it."""
        ctx = self._ctx
        code = ctx.settings.code
        with ctx.store.transaction():
            person = ctx.store.person(badge)
            if person is None:
                ctx.record(
                    anonymous(code), "sign_in", "person", badge, "refused", reason="unknown_badge"
                )
                refusal = Refused("unknown_badge")
            elif person.locked:
                ctx.record(
                    actor_of(person, code),
                    "sign_in",
                    "person",
                    badge,
                    "refused",
                    reason="badge_locked",
                )
                refusal = Refused("bureau.badge_locked", badge=badge)
            elif not person.active:
                ctx.record(
                    actor_of(person, code),
                    "sign_in",
                    "person",
                    badge,
                    "refused",
                    reason="person_inactive",
                )
                refusal = Refused("person_inactive", badge=badge)
            elif not pins.matches(pin, person.pin_hash):
                failed = person.failed_pins + 1
                locked = failed >= MAX_FAILED_PINS
                ctx.store.set_pin_state(badge, failed, locked)
                ctx.record(
                    actor_of(person, code),
                    "sign_in",
                    "person",
                    badge,
                    "refused",
                    reason="wrong_pin",
                    failed=failed,
                    locked=locked,
                )
                refusal = Refused(
                    "bureau.badge_locked" if locked else "wrong_pin",
                    badge=badge,
                    remaining=MAX_FAILED_PINS - failed,
                )
            else:
                if person.failed_pins:
                    ctx.store.set_pin_state(badge, 0, False)
                actor = actor_of(person, code)
                ctx.record(actor, "sign_in", "person", badge)
                return actor
        raise refusal

    def add(
        self,
        badge: str,
        name: str,
        role: str,
        pin: str,
        by: Actor | None = None,
        confirmer: Actor | None = None,
    ) -> BureauPerson:
        """Register a person (DESIGN §6: two people for a privileged role).

        The very first is added alone and must be a bureau head: someone must confirm what
        follows. The second is added by that bureau head alone, as there is nobody else to
        confirm yet; the log says so. From the third on, one person proposes (a collector,
        IT or a bureau head) and a different bureau head confirms.
        """
        ctx = self._ctx
        check_badge(badge)
        cleaned = " ".join(name.split())
        if not cleaned or len(cleaned) > _NAME_LIMIT or not cleaned.isprintable():
            raise BadInput("bureau.bad_name", limit=_NAME_LIMIT)
        try:
            chosen = Role(role)
        except ValueError:
            raise BadInput("bureau.bad_role", role=role) from None
        if chosen not in BUREAU_ROLES:
            raise BadInput("bureau.bad_role", role=role)
        pins.check_format(pin)
        count = ctx.store.people_count()
        first = count == 0
        if first and chosen is not Role.BUREAU_HEAD:
            raise BadInput("bureau.first_is_head")
        if first and by is not None:
            raise BadInput("bureau.first_alone")
        if not first:
            if by is None:
                raise BadInput("bureau.two_people")
            ctx.require(by, BureauAction.ADD_PERSON, "person", badge)
            if count == 1:
                confirmer = None
            elif confirmer is None:
                raise BadInput("bureau.two_people")
            else:
                _confirm(ctx, by, confirmer, "person", badge)
        actor = by or Actor("os:init", "admin", ctx.settings.code)
        with ctx.audited(actor, "person_add", "person", badge):
            if ctx.store.person(badge) is not None:
                raise Refused("bureau.person_exists", badge=badge)
            with ctx.store.transaction():
                ctx.store.add_person(
                    badge,
                    cleaned,
                    chosen.value,
                    pins.hash_pin(pin),
                    actor.actor_id,
                    None if confirmer is None else confirmer.actor_id,
                    ctx.clock.now(),
                )
                ctx.record(
                    actor,
                    "person_add",
                    "person",
                    badge,
                    name=cleaned,
                    role=chosen.value,
                    confirmed_by=None if confirmer is None else confirmer.actor_id,
                    alone=confirmer is None,
                )
        found = ctx.store.person(badge)
        assert found is not None  # noqa: S101 -- just written in this transaction
        return found

    def unlock(self, badge: str, by: Actor) -> None:
        """A bureau head lifts the lock five wrong PINs put on a badge."""
        ctx = self._ctx
        ctx.require(by, BureauAction.CONFIRM, "person", badge)
        with ctx.audited(by, "unlock_badge", "person", badge):
            person = ctx.store.person(badge)
            if person is None:
                raise Refused("unknown_badge")
            if not person.locked:
                raise Refused("bureau.not_locked", badge=badge)
            with ctx.store.transaction():
                ctx.store.set_pin_state(badge, 0, False)
                ctx.record(by, "unlock_badge", "person", badge)

    def people(self) -> list[BureauPerson]:
        """Everyone registered, by badge."""
        return self._ctx.store.people()


def _confirm(ctx: BureauContext, by: Actor, confirmer: Actor, kind: str, ident: str) -> None:
    """The second person: a bureau head, not the one who proposed (DESIGN §6)."""
    if confirmer.actor_id == by.actor_id:
        refusal = Refused("bureau.same_person", badge=by.actor_id)
        ctx.refused(by, f"{kind}_confirm", kind, ident, refusal)
        raise refusal
    ctx.require(confirmer, BureauAction.CONFIRM, kind, ident)


confirm = _confirm
