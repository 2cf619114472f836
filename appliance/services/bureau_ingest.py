"""Provides the bureau's ingest: every hand-over package on a drive verified with the code of
`bwc package verify`, its chain proven to extend the one held, then stored (Art. 8, 12(2)).

A package is taken whole or not at all. It is refused, with its reason, when it fails
verification, comes from a unit not registered, was signed with another key, or carries a
chain that does not extend the unit's held chain (truncated, forked, replayed, or with a
package missing in between); a chain break also raises an alarm naming the unit and the seq.
Nothing of a refused package stays: contents copied for it are withdrawn. A package already
held is a no-op.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from appliance.domain.articles import enforces
from appliance.domain.bureau import (
    Break,
    BureauAction,
    BureauUnit,
    ChainBreak,
    HeldChain,
    NewClip,
    clip_entries,
    continuity,
)
from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.domain.packages import (
    BAG_INFO,
    BAGIT_TXT,
    MANIFEST,
    SIGNATURE,
    TAG_MANIFEST,
    PackageFault,
    VerifiedPackage,
)
from appliance.domain.records import Actor
from appliance.ports import ContentConflict, PartCorrupt
from appliance.services.bureau_context import BureauContext

_BAG_FILES = (SIGNATURE, BAGIT_TXT, BAG_INFO, MANIFEST, TAG_MANIFEST)


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one package: ingested, held already, or refused (with why)."""

    name: str
    status: str
    unit: str = ""
    period: str = ""
    clips: int = 0
    new_clips: int = 0
    bytes: int = 0
    package_id: int | None = None
    refusal: Refusal | None = None


class _Recorded(Exception):
    """A refusal already written to the log (with its alarm): raise it on, record nothing."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.reason)
        self.refusal = refusal


class BureauIngest:
    """Takes in hand-over packages from a drive or a directory."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def packages_in(self, source: Path) -> list[Path]:
        """The packages at source: source itself if it is one, else each directory in it.

        Hidden names (a package still being written is `.…partial`) are passed over: the box
        moves a package into place only when it is complete (DESIGN §10).
        """
        try:
            if source.is_symlink() or not source.is_dir():
                raise BadInput("bureau.no_source", path=str(source))
            # Any of a bag's own files makes it one package (a damaged one is refused whole),
            # never a drive whose data/ and metadata/ would each be offered as a package.
            if any(os.path.lexists(source / name) for name in _BAG_FILES):
                return [source]
            children = sorted(entry for entry in source.iterdir() if not entry.name.startswith("."))
        except OSError as exc:
            raise BadInput(
                "bureau.source_unreadable", path=str(source), error=exc.strerror or ""
            ) from None
        return [c for c in children if c.is_dir() or c.is_symlink()]

    @enforces("8", "12(2)")
    def ingest(self, actor: Actor, source: Path) -> list[IngestOutcome]:
        """Take in every package at source, each on its own; the outcome of each."""
        self._ctx.require(actor, BureauAction.INGEST, "drive", str(source))
        found = self.packages_in(source)
        if not found:
            raise Refused("bureau.no_packages", path=str(source))
        return [self.ingest_one(actor, root) for root in found]

    def ingest_one(self, actor: Actor, root: Path) -> IngestOutcome:
        """Take in one package, whole or not at all."""
        self._ctx.require(actor, BureauAction.INGEST, "package", root.name)
        try:
            return self._ingest(actor, root)
        except _Recorded as recorded:
            return IngestOutcome(root.name, "refused", refusal=recorded.refusal)
        except PackageFault as fault:
            refusal: Refusal = Refused(fault.code, **fault.params)
        except Refusal as refused:
            refusal = refused
        # The audit office counts a unit's refused packages (Art. 15): say whose it was, when
        # its signature names a registered unit's key (a package that says nothing is nobody's).
        unit = self._signed_by(root)
        self._ctx.refused(actor, "package_ingest", "package", root.name, refusal, unit=unit)
        return IngestOutcome(root.name, "refused", unit or "", refusal=refusal)

    def _signed_by(self, root: Path) -> str | None:
        try:
            signature, _receipt = self._ctx.reader.signature(root)
        except (PackageFault, OSError):
            return None
        unit = self._ctx.store.unit_by_key(signature.key)
        return None if unit is None else unit.code

    def _ingest(self, actor: Actor, root: Path) -> IngestOutcome:
        ctx = self._ctx
        signature, receipt = ctx.reader.signature(root)
        held = ctx.store.package_by_signature(receipt)
        if held is not None:
            return IngestOutcome(
                root.name, "held", held.unit, held.period, held.clips, 0, held.bytes, held.id
            )
        unit = ctx.store.unit_by_key(signature.key)
        if unit is None:
            claimed = ctx.reader.read(root, None).report.unit
            named = ctx.store.unit(claimed)
            if named is None:
                raise Refused("bureau.unit_not_registered", unit=claimed, key=signature.key)
            seq = named.held.size + 1 if named.held else 1
            self._break(actor, named, ChainBreak(Break.REKEYED, seq), root.name, signature.key)
        package = ctx.reader.read(root, unit.public_key_b64)
        report = package.report
        if report.unit != unit.code:
            raise Refused("bureau.unit_mismatch", unit=unit.code, claimed=report.unit)
        if report.kind != "handover":
            raise Refused("bureau.not_handover", kind=report.kind)
        broken = self._continuity(unit, package)
        if broken is not None:
            self._break(actor, unit, broken, root.name, signature.key)
        clips = clip_entries(package.clips)
        known = ctx.store.known_clips(unit.id, (c.box_clip_id for c in clips))
        for clip in clips:
            if clip.box_clip_id in known and known[clip.box_clip_id] != clip.sha256:
                self._changed_clip(actor, unit, clip, root.name)
        fresh = [c for c in clips if c.box_clip_id not in known]
        new_contents = self._copy(root, package, fresh)
        try:
            package_id, new_ids = self._store(
                actor, unit, root.name, package, clips, fresh, receipt
            )
        except BaseException:
            self._withdraw(new_contents)
            raise
        if new_contents:
            ctx.archive.seal(new_contents)
        return IngestOutcome(
            root.name,
            "ingested",
            unit.code,
            report.period,
            len(clips),
            len(new_ids),
            report.payload_bytes,
            package_id,
        )

    def _continuity(self, unit: BureauUnit, package: VerifiedPackage) -> ChainBreak | None:
        events = package.events
        held_hashes = (
            self._ctx.store.held_hashes(unit.id, events[0].seq, events[-1].seq) if events else {}
        )
        return continuity(unit.held, held_hashes.get, events, package.checkpoint)

    def _break(
        self, actor: Actor, unit: BureauUnit, broken: ChainBreak, name: str, key: str
    ) -> NoReturn:
        """Refuse the package and raise the alarm naming the unit and the seq (issue 14)."""
        ctx = self._ctx
        held = unit.held.size if unit.held else 0
        refusal = broken.refusal(unit.code, held)
        severity = "warning" if broken.kind is Break.GAP else "critical"
        with ctx.store.transaction():
            alarm = ctx.store.raise_alarm(
                ctx.clock.now(),
                severity,
                f"chain_{broken.kind.value}",
                unit.code,
                broken.seq,
                package=name,
                held=held,
                key=key,
            )
            ctx.record(
                actor,
                "package_ingest",
                "package",
                name,
                "refused",
                reason=refusal.reason,
                params={k: str(v) for k, v in sorted(refusal.params.items())},
                alarm=alarm,
                unit=unit.code,
            )
        raise _Recorded(refusal)

    def _changed_clip(self, actor: Actor, unit: BureauUnit, clip: NewClip, name: str) -> NoReturn:
        ctx = self._ctx
        refusal = Refused("bureau.clip_changed", unit=unit.code, clip=clip.box_clip_id)
        with ctx.store.transaction():
            alarm = ctx.store.raise_alarm(
                ctx.clock.now(),
                "critical",
                "clip_changed",
                unit.code,
                None,
                package=name,
                clip=clip.box_clip_id,
            )
            ctx.record(
                actor,
                "package_ingest",
                "package",
                name,
                "refused",
                reason=refusal.reason,
                params={k: str(v) for k, v in sorted(refusal.params.items())},
                alarm=alarm,
                unit=unit.code,
            )
        raise _Recorded(refusal)

    def _copy(self, root: Path, package: VerifiedPackage, fresh: Sequence[NewClip]) -> list[str]:
        """Copy the contents the archive lacks, each re-hashed as written and as read back."""
        archive = self._ctx.archive
        paths = {str(e["sha256"]): str(e["path"]) for e in package.clips}
        wanted = sorted({c.sha256 for c in fresh if not archive.exists(c.sha256)})
        if not archive.has_room(sum(c.size for c in fresh)):
            raise Refused("bureau.archive_full")
        staging = self._ctx.settings.staging_dir
        staging.mkdir(parents=True, exist_ok=True)
        buffer = archive.new_buffer()
        new: list[str] = []
        try:
            for sha in wanted:
                part = staging / f".ingest-{secrets.token_hex(8)}.part"
                try:
                    with self._ctx.reader.open_payload(root, paths[sha]) as stream:
                        fd, got, _size = archive.stage(stream, part, buffer)
                    try:
                        if got != sha:
                            raise Refused("package.payload_changed", file=paths[sha])
                        archive.sync_part(fd)
                    finally:
                        os.close(fd)
                    if archive.promote(part, sha):
                        new.append(sha)
                    if archive.rehash(sha, buffer) != sha:
                        raise Refused("bureau.archive_unreadable", file=paths[sha])
                except (PartCorrupt, ContentConflict):
                    raise Refused("bureau.archive_conflict", file=paths[sha]) from None
                except OSError as exc:
                    raise Refused(
                        "bureau.copy_failed", file=paths[sha], error=exc.strerror or ""
                    ) from None
                finally:
                    archive.discard(part)
        except BaseException:
            self._withdraw(new)
            raise
        return new

    def _withdraw(self, contents: Sequence[str]) -> None:
        """Remove contents this ingest added that no clip row names (nothing of it stays)."""
        for sha in contents:
            if not self._ctx.store.content_named(sha):
                self._ctx.archive.withdraw_unverified(sha)

    def _store(
        self,
        actor: Actor,
        unit: BureauUnit,
        name: str,
        package: VerifiedPackage,
        clips: Sequence[NewClip],
        fresh: Sequence[NewClip],
        receipt: str,
    ) -> tuple[int, list[int]]:
        ctx = self._ctx
        report, checkpoint = package.report, package.checkpoint
        with ctx.store.transaction():
            if ctx.store.package_by_signature(receipt) is not None:
                raise Refused("bureau.ingested_meanwhile", package=name)
            package_id = ctx.store.add_package(
                unit.id,
                name,
                report.kind,
                report.period,
                receipt,
                checkpoint.size,
                checkpoint.head_hash,
                checkpoint.at,
                checkpoint.line(),
                len(clips),
                len(fresh),
                report.payload_bytes,
                actor.actor_id,
                ctx.clock.now(),
            )
            new_ids = ctx.store.add_clips(unit.id, package_id, fresh)
            ctx.record(
                actor,
                "package_ingested",
                "package",
                str(package_id),
                unit=unit.code,
                name=name,
                period=report.period,
                receipt=receipt,
                checkpoint_size=checkpoint.size,
                head=checkpoint.head_hash,
                clips=len(clips),
                new_clips=len(fresh),
                bytes=report.payload_bytes,
            )
            # One event per clip, as the box writes one per clip archived (DESIGN §5): an
            # export's slice must show each clip's arrival. Appended in one statement.
            ctx.record_many(
                actor,
                [
                    (
                        "clip_archived",
                        "clip",
                        str(clip_id),
                        {
                            "unit": unit.code,
                            "box_clip": clip.box_clip_id,
                            "sha256": clip.sha256,
                            "size": clip.size,
                            "package": package_id,
                        },
                    )
                    for clip_id, clip in zip(new_ids, fresh, strict=True)
                ],
            )
            ctx.store.extend_chain(
                unit.id,
                package.events,
                HeldChain(checkpoint.size, checkpoint.head_hash, checkpoint.at),
            )
        return package_id, new_ids
