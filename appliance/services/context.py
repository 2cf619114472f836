"""Provides the context every service shares: settings, clock, keys, the store, the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from appliance.config import Settings
from appliance.domain.errors import Refusal, Refused
from appliance.domain.records import Actor
from appliance.domain.roles import Action, Role, is_allowed
from appliance.ports import Clock, Signer
from appliance.store.home import Store


def allowed(actor: Actor, action: Action) -> bool:
    """Whether the actor's role holds the permission (system actors hold none)."""
    try:
        return is_allowed(Role(actor.role), action)
    except ValueError:
        return False


@dataclass(frozen=True)
class Context:
    """What the services are built from (see bootstrap.build_services)."""

    settings: Settings
    clock: Clock
    audit_signer: Signer
    label_signer: Signer
    # The home's database: every service reads and writes through it, and only it.
    store: Store

    def record(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        outcome: str = "ok",
        /,
        **detail: object,
    ) -> None:
        """Append one audit event in the caller's transaction (DESIGN §3.3).

        The leading parameters are positional-only, so a detail may be called anything
        (`action`, `role`, …) without clashing with them.
        """
        self.store.audit_log.append(
            self.clock.now(),
            actor.actor_id,
            actor.role,
            action,
            object_type,
            object_id,
            outcome,
            dict(detail),
        )

    @contextmanager
    def audited(
        self, actor: Actor, action: str, object_type: str, object_id: str
    ) -> Iterator[None]:
        """Run a change in one transaction; a refusal rolls it back and is audited on its own.

        Every refusal changes nothing, and every refusal is in the log (DESIGN §5).
        """
        try:
            with self.store.transaction():
                yield
        except Refusal as refusal:
            with self.store.transaction():
                self.record(
                    actor,
                    action,
                    object_type,
                    object_id,
                    "refused",
                    reason=refusal.reason,
                    params=_params(refusal),
                )
            raise

    def require(self, actor: Actor, action: Action, object_type: str, object_id: str) -> None:
        """Raise Refused('permission_denied') unless allowed; every denial is audited (§6)."""
        if allowed(actor, action):
            return
        with self.store.transaction():
            self.record(
                actor,
                action.value,
                object_type,
                object_id,
                "refused",
                reason="permission_denied",
                params={"action": action.value, "role": actor.role},
            )
        raise Refused("permission_denied", action=action.value, role=actor.role)


def _params(refusal: Refusal) -> dict[str, str]:
    """A refusal's parameters as text, kept in a field of their own (STYLE 8b)."""
    return {name: str(value) for name, value in sorted(refusal.params.items())}
