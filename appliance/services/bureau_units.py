"""Provides the units registered at the bureau, each with the public key of its box, once,
by two people (the collector or IT proposes, a bureau head confirms; DESIGN §6)."""

from __future__ import annotations

from appliance.domain.audit import key_id
from appliance.domain.bureau import BureauAction, BureauUnit, check_code
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.services.bureau_context import BureauContext
from appliance.services.bureau_people import confirm

_NAME_LIMIT = 64


class BureauUnits:
    """Register a unit's key; list the units and how far each one's chain is held."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def add(
        self, code: str, name: str, public_key_b64: str, by: Actor, confirmer: Actor
    ) -> BureauUnit:
        """Register a unit with the key its box signs with (`keys/audit.pub`)."""
        ctx = self._ctx
        check_code(code)
        cleaned = " ".join(name.split()) or code
        if len(cleaned) > _NAME_LIMIT or not cleaned.isprintable():
            raise BadInput("bureau.bad_name", limit=_NAME_LIMIT)
        key_text = public_key_b64.strip()
        if not ctx.verifier.is_public_key(key_text):
            raise BadInput("bureau.bad_public_key")
        ctx.require(by, BureauAction.REGISTER_UNIT, "unit", code)
        confirm(ctx, by, confirmer, "unit", code)
        with ctx.audited(by, "unit_add", "unit", code):
            if ctx.store.unit(code) is not None:
                # Once: a new key for a known unit is what a re-keyed box would ask for.
                raise Refused("bureau.unit_exists", unit=code)
            other = ctx.store.unit_by_key(key_id(key_text))
            if other is not None:
                raise Refused("bureau.key_taken", unit=other.code)
            with ctx.store.transaction():
                ctx.store.add_unit(
                    code,
                    cleaned,
                    key_text,
                    key_id(key_text),
                    by.actor_id,
                    confirmer.actor_id,
                    ctx.clock.now(),
                )
                ctx.record(
                    by,
                    "unit_add",
                    "unit",
                    code,
                    name=cleaned,
                    key=key_id(key_text),
                    public_key=key_text,
                    confirmed_by=confirmer.actor_id,
                )
        found = ctx.store.unit(code)
        assert found is not None  # noqa: S101 -- just written
        return found

    def units(self) -> list[BureauUnit]:
        """Every unit, by code."""
        return self._ctx.store.units()
