"""Provides the audit office's tools: verify the chain and the state, sign checkpoints."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from pathlib import Path

from appliance.atomic_file import write_atomically
from appliance.domain.archive_audit import ArchiveFinding, cross_check
from appliance.domain.articles import enforces
from appliance.domain.audit import (
    GENESIS_HASH,
    AuditEvent,
    ChainHead,
    ChainReport,
    Checkpoint,
    Problem,
    key_id,
    parse_checkpoint,
    walk,
)
from appliance.domain.errors import BadInput, Refused
from appliance.domain.projection import Difference, Projection, changes_of
from appliance.domain.records import Actor
from appliance.ports import Archive, KeyVerifier
from appliance.services.context import Context
from appliance.store.timefmt import to_text


@dataclass(frozen=True)
class VerifyResult:
    """What `audit verify` proved: the chain, the state against it, the file, the archive."""

    chain: ChainReport
    checkpoint: Checkpoint | None = None
    checkpoint_problem: Problem | None = None
    state_difference: Difference | None = None
    state_differences: int = 0
    state_problem: Problem | None = None
    integrity_problem: str = ""
    verified_head_problem: Problem | None = None
    archive_findings: list[ArchiveFinding] = field(default_factory=list)
    state_rows: int = 0
    archive_files: int = 0

    @property
    def clean(self) -> bool:
        """True when nothing at all is wrong."""
        return (
            self.chain.intact
            and not self.checkpoint_problem
            and self.state_difference is None
            and not self.state_problem
            and not self.integrity_problem
            and not self.verified_head_problem
            and not self.archive_findings
        )


class _Replay:
    """Feeds each event's changes into a projection; notes the first malformed one."""

    def __init__(self) -> None:
        self.projection = Projection()
        self.problem: Problem | None = None

    def __call__(self, event: AuditEvent, detail: object) -> None:
        try:
            changes = changes_of(detail)
        except ValueError:
            self.problem = self.problem or Problem("changes_malformed", {"seq": event.seq})
            return
        for change in changes:
            self.projection.apply(change)


class AuditService:
    """Verifies the hash chain and the state bound to it, and signs checkpoints (DESIGN §5)."""

    def __init__(self, ctx: Context, archive: Archive, verifier: KeyVerifier) -> None:
        self._ctx = ctx
        self._archive = archive
        self._verifier = verifier

    def key_id(self) -> str:
        """The id of the unit's audit key, as checkpoints name it."""
        return key_id(self._ctx.audit_signer.public_key_b64())

    def is_public_key(self, text: str) -> bool:
        """Whether text is a public key `verify` can check a checkpoint with."""
        return self._verifier.is_public_key(text)

    @enforces("11", "16(4)")
    def verify(
        self, actor: Actor, checkpoint_file: Path | None = None, public_key_b64: str | None = None
    ) -> VerifyResult:
        """Walk the whole chain, replay its changes and compare every state table (§5.1).

        Also runs SQLite's quick_check and compares the archive's files with the clip rows;
        with a checkpoint, proves the chain still extends it (truncation, rewrites).
        """
        checkpoint = _read_checkpoint(checkpoint_file) if checkpoint_file else None
        store = self._ctx.store
        with store.snapshot():
            bookmark = store.audit_log.verified_head()
            wanted = [checkpoint.size] if checkpoint else []
            wanted += [bookmark.seq] if bookmark else []
            replay = _Replay()
            report = walk(store.audit_log.iterate(), wanted, replay)
            difference, differences = (None, 0)
            if report.intact and not replay.problem:
                difference, differences = store.audit_log.compare_state(replay.projection)
            integrity = store.audit_log.integrity_problem()
            on_disk = self._archive.sizes()
            # DESIGN §11: a content the rule deleted has tombstones, not rows that want a file;
            # its file may still be there until the run that deleted it finishes the unlink.
            gone = store.retention.gone_contents()
            rows = {
                sha: sizes for sha, sizes in store.clips.sizes_by_hash().items() if sha not in gone
            }
            findings = cross_check(on_disk, rows, {**gone, **store.alarms.quarantined_sizes()})
        head_problem = _bookmark_problem(bookmark, report)
        problem = None
        if checkpoint is not None:
            problem = self._checkpoint_problem(checkpoint, report, public_key_b64)
        result = VerifyResult(
            report,
            checkpoint,
            problem,
            difference,
            differences,
            replay.problem,
            integrity,
            head_problem,
            findings,
            replay.projection.row_count(),
            len(on_disk),
        )
        with store.transaction():
            if result.clean:
                store.audit_log.set_verified_head(
                    ChainHead(report.size, report.head_hash), self._ctx.clock.now()
                )
            # Every read of the audit log is itself logged (DESIGN §5).
            self._ctx.record(
                actor,
                "audit_verify",
                "audit_log",
                "chain",
                "ok" if result.clean else "failed",
                size=report.size,
                first_bad_seq=report.first_bad_seq,
                checkpoint_size=checkpoint.size if checkpoint else None,
                state_difference=difference.sentence() if difference else None,
                state_differences=differences,
                integrity=integrity or None,
                archive_findings=len(findings),
            )
        return result

    def _checkpoint_problem(
        self, checkpoint: Checkpoint, report: ChainReport, public_key_b64: str | None
    ) -> Problem | None:
        key_text = public_key_b64 or self._ctx.audit_signer.public_key_b64()
        if not self._verifier.is_public_key(key_text):
            return Problem("signature_unreadable")
        try:
            signature = base64.urlsafe_b64decode(checkpoint.signature_b64 + "==")
        except (ValueError, binascii.Error):
            return Problem("signature_unreadable")
        if checkpoint.key and checkpoint.key != key_id(key_text):
            return Problem("other_key", {"key": checkpoint.key, "expected": key_id(key_text)})
        if not self._verifier.verify(key_text, checkpoint.signed_text().encode("ascii"), signature):
            return Problem("bad_signature")
        if checkpoint.unit_code != self._ctx.settings.unit_code:
            return Problem("other_unit", {"unit": checkpoint.unit_code})
        hashes = report.hash_at or {}
        if checkpoint.size > report.size:
            return Problem("chain_shorter", {"size": report.size, "checkpoint": checkpoint.size})
        if checkpoint.size not in hashes:
            return Problem("breaks_before", {"checkpoint": checkpoint.size})
        if hashes[checkpoint.size] != checkpoint.head_hash:
            return Problem("head_differs", {"seq": checkpoint.size})
        return None

    def checkpoint(self, actor: Actor, out: Path | None = None) -> Checkpoint:
        """Sign (unit, key, size, head hash, time) for the chain as it stands (DESIGN §5.2).

        Walks only the events after the last verified head, in a read snapshot that never
        holds the write lock; writes the line to `out` (atomically) before recording it, so
        a checkpoint that could not be written out is never logged as written.
        """
        store = self._ctx.store
        with store.snapshot():
            bookmark = store.audit_log.verified_head() or ChainHead(0, GENESIS_HASH)
            report = walk(
                store.audit_log.iterate(bookmark.seq), after=(bookmark.seq, bookmark.hash)
            )
        if not report.intact:
            with self._ctx.store.transaction():
                self._ctx.record(
                    actor,
                    "audit_checkpoint",
                    "audit_log",
                    "chain",
                    "refused",
                    reason=f"chain.{report.problem}",
                    params={"seq": str(report.first_bad_seq)},
                )
            raise Refused(
                f"chain.{report.problem}", seq=report.first_bad_seq, expected=report.size + 1
            )
        unsigned = Checkpoint(
            self._ctx.settings.unit_code,
            report.size,
            report.head_hash,
            to_text(self._ctx.clock.now()),
            key=self.key_id(),
        )
        signature = self._ctx.audit_signer.sign(unsigned.signed_text().encode("ascii"))
        encoded = base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")
        signed = Checkpoint(
            unsigned.unit_code,
            unsigned.size,
            unsigned.head_hash,
            unsigned.at,
            encoded,
            unsigned.key,
        )
        if out is not None:
            write_atomically(out, (signed.line() + "\n").encode("ascii"))
        with store.transaction():
            store.audit_log.set_verified_head(
                ChainHead(report.size, report.head_hash), self._ctx.clock.now()
            )
            self._ctx.record(
                actor,
                "audit_checkpoint",
                "audit_log",
                "chain",
                size=signed.size,
                head=signed.head_hash,
                key=signed.key,
                walked=report.walked,
                written_to=str(out) if out else None,
            )
        return signed


def _bookmark_problem(bookmark: ChainHead | None, report: ChainReport) -> Problem | None:
    """The verified head must still be a head of this chain (it is checked, not trusted)."""
    if bookmark is None or not report.intact:
        return None
    seq, expected = bookmark.seq, bookmark.hash
    found = (report.hash_at or {}).get(seq)
    if found is None:
        return Problem("verified_head_beyond", {"seq": seq, "size": report.size})
    if found != expected:
        return Problem("verified_head_differs", {"seq": seq})
    return None


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
