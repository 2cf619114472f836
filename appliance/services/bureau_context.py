"""Provides what every bureau use case shares: the store, the clock, the bureau's key, the
archive, and the audited refusal (DESIGN §5: every refusal is an event too)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from appliance.bureau_config import BureauSettings
from appliance.domain.audit import AuditEvent
from appliance.domain.bureau import BureauAction, bureau_allows
from appliance.domain.errors import Refusal, Refused
from appliance.domain.records import Actor
from appliance.ports import (
    Archive,
    Clock,
    KeyVerifier,
    PackageContents,
    PackageWriter,
    Signer,
)
from appliance.store.bureau.repository import BureauStore


@dataclass
class BureauContext:
    """The bureau's shared parts; one per open bureau home."""

    settings: BureauSettings
    store: BureauStore
    clock: Clock
    signer: Signer
    archive: Archive
    reader: PackageContents
    verifier: KeyVerifier
    writer: PackageWriter

    def record(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        outcome: str = "ok",
        **detail: object,
    ) -> AuditEvent:
        """Append one event to the bureau's log (call inside store.transaction())."""
        return self.store.append(
            self.clock.now(),
            actor.actor_id,
            actor.role,
            action,
            object_type,
            object_id,
            outcome,
            detail,
        )

    def refused(
        self, actor: Actor, action: str, object_type: str, object_id: str, refusal: Refusal
    ) -> None:
        """Record a refusal in a transaction of its own."""
        with self.store.transaction():
            self.record(
                actor,
                action,
                object_type,
                object_id,
                "refused",
                reason=refusal.reason,
                params={k: str(v) for k, v in sorted(refusal.params.items())},
            )

    def require(self, actor: Actor, action: BureauAction, object_type: str, ident: str) -> None:
        """Refused (and audited) unless the bureau's table lets the actor's role do this."""
        if not bureau_allows(actor.role, action):
            refusal = Refused("permission_denied", action=f"bureau.{action.value}", role=actor.role)
            self.refused(actor, action.value, object_type, ident, refusal)
            raise refusal

    @contextmanager
    def audited(self, actor: Actor, action: str, object_type: str, ident: str) -> Iterator[None]:
        """Run a step; a refusal it raises is recorded, then raised on."""
        try:
            yield
        except Refusal as refusal:
            self.refused(actor, action, object_type, ident, refusal)
            raise
