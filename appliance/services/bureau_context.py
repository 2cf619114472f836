"""Provides what every bureau use case shares: the store, the clock, the bureau's key, the
archive, and the audited refusal (DESIGN §5: every refusal is an event too)."""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from appliance.bureau_config import BureauSettings
from appliance.domain.audit import AuditEvent, Checkpoint, key_id, walk
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
from appliance.store.timefmt import to_text


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

    def record_many(
        self, actor: Actor, entries: Sequence[tuple[str, str, str, dict[str, object]]]
    ) -> list[AuditEvent]:
        """Append events of one actor at once, each (action, object type, object id, detail),
        all with outcome ok (call inside store.transaction())."""
        return self.store.append_many(
            self.clock.now(),
            actor.actor_id,
            actor.role,
            [(action, kind, ident, "ok", detail) for action, kind, ident, detail in entries],
        )

    def refused(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        refusal: Refusal,
        **detail: object,
    ) -> None:
        """Record a refusal in a transaction of its own (with what else it concerns)."""
        with self.store.transaction():
            self.record(
                actor,
                action,
                object_type,
                object_id,
                "refused",
                reason=refusal.reason,
                params={k: str(v) for k, v in sorted(refusal.params.items())},
                **detail,
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


def sign_checkpoint(ctx: BureauContext, actor: Actor) -> Checkpoint:
    """Sign the bureau's chain as it stands, walked whole first (DESIGN §5); the act is logged.

    The event that records it comes after the signed head: the checkpoint covers the chain up
    to, not including, its own record, as the box's does.
    """
    with ctx.store.snapshot():
        report = walk(ctx.store.iterate())
    if not report.intact:
        raise Refused(f"chain.{report.problem}", seq=report.first_bad_seq, expected=report.size + 1)
    key = key_id(ctx.signer.public_key_b64())
    unsigned = Checkpoint(
        ctx.settings.code, report.size, report.head_hash, to_text(ctx.clock.now()), "", key
    )
    raw = ctx.signer.sign(unsigned.signed_text().encode("ascii"))
    signature = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    signed = replace(unsigned, signature_b64=signature)
    with ctx.store.transaction():
        ctx.record(
            actor, "audit_checkpoint", "audit_log", "chain", size=signed.size, head=signed.head_hash
        )
    return signed
