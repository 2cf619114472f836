"""Provides the audit office's tools: verify the chain, sign checkpoints, check against one."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path

from appliance.adapters.signer import public_key_from_b64, verify_with
from appliance.domain.audit import ChainReport, Checkpoint, parse_checkpoint, walk
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.services.context import Context
from appliance.store import audit_log
from appliance.store.db import transaction
from appliance.store.timefmt import to_text


@dataclass(frozen=True)
class VerifyResult:
    """A chain walk, and, when a checkpoint was given, whether the chain still extends it."""

    chain: ChainReport
    checkpoint: Checkpoint | None = None
    checkpoint_problem: str = ""

    @property
    def clean(self) -> bool:
        """True when the chain is intact and extends the checkpoint (if any)."""
        return self.chain.intact and not self.checkpoint_problem


class AuditService:
    """Verifies the hash chain and signs checkpoints (DESIGN §5)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def verify(
        self, actor: Actor, checkpoint_file: Path | None = None, public_key_b64: str | None = None
    ) -> VerifyResult:
        """Re-walk the chain; with a checkpoint, also prove it was not truncated behind it."""
        checkpoint = _read_checkpoint(checkpoint_file) if checkpoint_file else None
        wanted = [checkpoint.size] if checkpoint else []
        report = walk(audit_log.iterate(), wanted)
        problem = ""
        if checkpoint is not None:
            problem = self._checkpoint_problem(checkpoint, report, public_key_b64)
        with transaction():
            # Every read of the audit log is itself logged (DESIGN §5).
            self._ctx.record(
                actor,
                "audit_verify",
                "audit_log",
                "chain",
                "ok" if report.intact and not problem else "failed",
                size=report.size,
                first_bad_seq=report.first_bad_seq,
                checkpoint_size=checkpoint.size if checkpoint else None,
            )
        return VerifyResult(report, checkpoint, problem)

    def _checkpoint_problem(
        self, checkpoint: Checkpoint, report: ChainReport, public_key_b64: str | None
    ) -> str:
        key_text = public_key_b64 or self._ctx.audit_signer.public_key_b64()
        try:
            public = public_key_from_b64(key_text)
            signature = base64.urlsafe_b64decode(checkpoint.signature_b64 + "==")
        except (ValueError, binascii.Error):
            return "the checkpoint's signature is not readable"
        if not verify_with(public, checkpoint.signed_text().encode("ascii"), signature):
            return "the checkpoint's signature is not valid for the unit's key"
        if checkpoint.unit_code != self._ctx.settings.unit_code:
            return f"the checkpoint is for unit {checkpoint.unit_code}"
        hashes = report.hash_at or {}
        if checkpoint.size > report.size or checkpoint.size not in hashes:
            return f"the chain has {report.size} intact events, the checkpoint {checkpoint.size}"
        if hashes[checkpoint.size] != checkpoint.head_hash:
            return f"event {checkpoint.size} differs from the checkpoint's head"
        return ""

    def checkpoint(self, actor: Actor) -> Checkpoint:
        """Sign (unit, size, head hash, time) after appending the checkpoint event itself."""
        with transaction():
            self._ctx.record(actor, "audit_checkpoint", "audit_log", "chain")
            report = walk(audit_log.iterate())
            if not report.intact:
                raise Refused("audit_broken", seq=report.first_bad_seq, problem=report.problem)
            unsigned = Checkpoint(
                self._ctx.settings.unit_code,
                report.size,
                report.head_hash,
                to_text(self._ctx.clock.now()),
            )
        signature = self._ctx.audit_signer.sign(unsigned.signed_text().encode("ascii"))
        encoded = base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")
        return Checkpoint(
            unsigned.unit_code, unsigned.size, unsigned.head_hash, unsigned.at, encoded
        )


def _read_checkpoint(path: Path) -> Checkpoint:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise BadInput("checkpoint_unreadable", path=str(path)) from None
    for line in reversed(lines):
        parsed = parse_checkpoint(line)
        if parsed is not None:
            return parsed
    raise BadInput("checkpoint_unreadable", path=str(path))
