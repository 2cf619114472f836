"""Provides the sealing of clips into a package: the plan, the checkpoint, the record (§10)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.audit import canonical_json
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import BadInput, Refused
from appliance.domain.footage import ArchivedClip
from appliance.domain.packages import BagPlan, PayloadFile, event_record, payload_path
from appliance.domain.records import Actor
from appliance.ports import Archive, ContentDiffers, PackageWriter
from appliance.services.audit import AuditService
from appliance.services.context import Context
from appliance.store.timefmt import to_text


@dataclass(frozen=True)
class SealedPackage:
    """A package written and recorded: where, its id, its receipt (the signature's hash)."""

    id: int
    path: Path
    signature_sha256: str
    clips: int
    bytes: int


def _clip_entry(clip: ArchivedClip, path: str, cls: Classification) -> dict[str, object]:
    media = clip.media
    return {
        "id": clip.id,
        "path": path,
        "original_name": clip.source_name,
        "sha256": clip.sha256,
        "size": clip.size,
        "recorder": clip.serial,
        "unit": clip.unit_code,
        "officer": clip.holder_badge,
        "day": clip.day,
        "archived_at": to_text(clip.archived_at),
        # recorded_at carries the drift correction; the device's own reading is kept too.
        "recorded_at": None if clip.recorded_at is None else to_text(clip.recorded_at),
        "device_recorded_at": None if media.recorded_at is None else to_text(media.recorded_at),
        "duration_seconds": media.duration_seconds,
        "container": media.container,
        "video_codec": media.video_codec,
        "audio_codec": media.audio_codec,
        "has_audio": media.has_audio,
        "flags": sorted(flag.value for flag in clip.flags),
        "cases": list(clip.cases),
        "classification": cls.value,
    }


class PackageService:
    """Seals clips into a BagIt package signed with the unit's audit key (DESIGN §10)."""

    def __init__(
        self, ctx: Context, archive: Archive, audit: AuditService, writer: PackageWriter
    ) -> None:
        self._ctx = ctx
        self._writer = writer
        self._archive = archive
        self._audit = audit

    def seal(
        self,
        actor: Actor,
        kind: str,
        period: str,
        clips: Sequence[ArchivedClip],
        out: Path,
        progress: Callable[[int], None] | None = None,
        slice_from: int | None = None,
    ) -> SealedPackage:
        """Write the package at out (new), record it with its clips; nothing is deleted.

        progress, if given, hears the payload bytes written so far (of the clips' total).
        slice_from, if given, makes the audit slice start no later than that seq.
        """
        if out.exists() or out.is_symlink():
            raise BadInput("package.out_exists", path=str(out))
        if not out.parent.is_dir():
            raise BadInput("package.out_parent_missing", path=str(out.parent))
        if not clips:
            raise Refused("package.nothing_to_seal")
        store = self._ctx.store
        classes = store.releases.classes(c.id for c in clips)
        first = store.releases.first_archive_seq(c.id for c in clips)
        if first is None:
            raise Refused("package.no_archive_event")
        if slice_from is not None and 0 < slice_from < first:
            first = slice_from
        checkpoint = self._audit.checkpoint(actor)
        payload, entries = [], []
        for clip in sorted(clips, key=lambda c: c.id):
            path = payload_path(clip.id, clip.day, clip.holder_badge, clip.source_name)
            payload.append(PayloadFile(path, clip.sha256, clip.size))
            cls = classes.get(clip.id, Classification.NORMAL)
            entries.append(_clip_entry(clip, path, cls))
        counts: dict[str, int] = {}
        for entry in entries:
            counts[str(entry["classification"])] = counts.get(str(entry["classification"]), 0) + 1
        plan = BagPlan(
            name=out.name,
            payload=tuple(payload),
            bag_info={
                "Source-Organization": self._ctx.settings.unit_name,
                "Bagging-Date": self._ctx.clock.now().date().isoformat(),
                "Bwc-Unit": self._ctx.settings.unit_code,
                "Bwc-Kind": kind,
                "Bwc-Period": period,
                "Bwc-Clips": str(len(entries)),
                "Bwc-Classes": ",".join(f"{k}={v}" for k, v in sorted(counts.items())),
                "Bwc-Key": checkpoint.key,
                "Bwc-Checkpoint-Size": str(checkpoint.size),
            },
            clips_json=entries,
            audit_lines=self._slice(first, checkpoint.size),
            checkpoint_line=checkpoint.line(),
            key_id=checkpoint.key,
            public_key_b64=self._ctx.audit_signer.public_key_b64(),
        )
        try:
            receipt = self._writer.write(
                plan, out, self._archive.open, self._ctx.audit_signer.sign, progress
            )
        except ContentDiffers:
            raise Refused("package.archive_differs") from None
        except FileExistsError:
            raise BadInput("package.out_exists", path=str(out)) from None
        except OSError as exc:
            raise Refused("package.write_failed", path=str(out), error=exc.strerror or "") from None
        sizes = {clip.id: clip.size for clip in clips}
        now = self._ctx.clock.now()
        with store.transaction():
            package_id = store.releases.add_package(
                kind, out.name, period, receipt, sizes, actor.actor_id, now
            )
            self._ctx.record(
                actor,
                "package_sealed",
                "package",
                str(package_id),
                kind=kind,
                period=period,
                clips=sorted(sizes),
                bytes=sum(sizes.values()),
                signature_sha256=receipt,
                checkpoint_size=checkpoint.size,
                written_to=str(out),
            )
        return SealedPackage(package_id, out, receipt, len(sizes), sum(sizes.values()))

    def _slice(self, first: int, size: int) -> Iterator[str]:
        """The chain from the clips' first event up to the checkpoint, one JSON per line."""
        events = self._ctx.store.audit_log.iterate(first - 1)
        for event in itertools.takewhile(lambda e: e.seq <= size, events):
            yield canonical_json(event_record(event))
