"""Provides exports out of the bureau under the rules of disclosure (Art. 3, 11, 13): one asks,
a bureau head other than the asker approves the exact set, the approval is used once within
seven days, and the package is sealed with the bureau's key and its own log's slice."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.articles import enforces
from appliance.domain.audit import canonical_json
from appliance.domain.bureau import BureauAction, BureauClip
from appliance.domain.confidentiality import Classification, may_disclose
from appliance.domain.disclosure import (
    APPROVAL_LIFETIME,
    REASON_LIMIT,
    RECIPIENT_LIMIT,
    Disclosure,
    DisclosureState,
    check_decision,
    check_export,
    check_text,
    items_digest,
)
from appliance.domain.errors import BadInput, Refused
from appliance.domain.packages import BagPlan, PayloadFile, event_record, payload_path
from appliance.domain.records import Actor
from appliance.domain.roles import Role
from appliance.ports import ContentDiffers
from appliance.services.bureau_context import BureauContext, sign_checkpoint
from appliance.store.timefmt import to_text


@dataclass(frozen=True)
class BureauExport:
    """An export written: where, its receipt, what it holds."""

    request: int
    path: Path
    signature_sha256: str
    clips: int
    bytes: int


def _role(actor: Actor) -> Role:
    try:
        return Role(actor.role)
    except ValueError:
        return Role.OFFICER


class BureauExports:
    """Requests, decisions and the one export each approval allows."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def request(
        self,
        actor: Actor,
        clip_ids: Sequence[int],
        recipient: str,
        reason: str,
    ) -> Disclosure:
        """Ask for clips to go out; refused for a state secret (never exported, Art. 3)."""
        ctx = self._ctx
        ctx.require(actor, BureauAction.REQUEST_EXPORT, "export", "new")
        with ctx.audited(actor, "export_request", "export", "new"):
            if not clip_ids:
                raise Refused("bureau.no_clips")
            who = check_text(recipient, RECIPIENT_LIMIT, "disclosure.bad_recipient")
            why = check_text(reason, REASON_LIMIT, "disclosure.bad_reason")
            clips = ctx.store.clips_by_ids(clip_ids)
            missing = sorted(set(clip_ids) - {c.id for c in clips})
            if missing:
                raise Refused("bureau.unknown_clip", clip=missing[0])
            for clip in clips:
                if clip.classification == Classification.STATE_SECRET.value:
                    raise Refused("bureau.state_secret", clip=clip.id)
            with ctx.store.transaction():
                request_id = ctx.store.add_request(
                    actor.actor_id,
                    ctx.clock.now(),
                    who,
                    why,
                    items_digest(clip_ids),
                    clip_ids,
                )
                ctx.record(
                    actor,
                    "export_request",
                    "export",
                    str(request_id),
                    recipient=who,
                    reason=why,
                    clips=sorted(set(clip_ids)),
                    items_sha256=items_digest(clip_ids),
                )
        found = ctx.store.request(request_id)
        assert found is not None  # noqa: S101 -- just written
        return found

    @enforces("13")
    def decide(
        self,
        actor: Actor,
        request_id: int,
        approve: bool,
        note: str = "",
        allow: Sequence[Classification] = (),
    ) -> Disclosure:
        """A bureau head's approval or refusal (Art. 13); never the asker's own.

        An approval names the classes it lets go out (`privacy`, `trade_secret`, Art. 3).
        """
        ctx = self._ctx
        ctx.require(actor, BureauAction.APPROVE_EXPORT, "export", str(request_id))
        action = "export_approve" if approve else "export_refuse"
        with ctx.audited(actor, action, "export", str(request_id)):
            request = ctx.store.request(request_id)
            if request is None:
                raise Refused("disclosure.unknown_request", request=request_id)
            check_decision(request, actor.actor_id, _role(actor))
            if not approve:
                note = check_text(note, REASON_LIMIT, "disclosure.bad_reason")
            now = ctx.clock.now()
            expires = now + APPROVAL_LIFETIME if approve else None
            state = DisclosureState.APPROVED if approve else DisclosureState.REFUSED
            with ctx.store.transaction():
                ctx.store.decide(
                    request_id,
                    state,
                    actor.actor_id,
                    now,
                    note,
                    request.items_sha256 if approve else None,
                    expires,
                    allow if approve else (),
                )
                ctx.record(
                    actor,
                    action,
                    "export",
                    str(request_id),
                    items_sha256=request.items_sha256,
                    expires_at=None if expires is None else to_text(expires),
                    note=note,
                    allowed=sorted(c.value for c in allow) if approve else [],
                )
        found = ctx.store.request(request_id)
        assert found is not None  # noqa: S101 -- just written
        return found

    def requests(self) -> list[Disclosure]:
        """Every request, newest first."""
        return self._ctx.store.requests()

    def export(self, actor: Actor, request_id: int, out: Path) -> BureauExport:
        """Write the approved clips as a sealed package at out (new): once, within 7 days."""
        ctx = self._ctx
        ctx.require(actor, BureauAction.EXPORT, "export", str(request_id))
        with ctx.audited(actor, "export_write", "export", str(request_id)):
            if out.exists() or out.is_symlink():
                raise BadInput("package.out_exists", path=str(out))
            if not out.parent.is_dir():
                raise BadInput("package.out_parent_missing", path=str(out.parent))
            request = ctx.store.request(request_id)
            if request is None:
                raise Refused("disclosure.unknown_request", request=request_id)
            check_export(request, ctx.clock.now())
            clips = ctx.store.clips_by_ids(request.clip_ids)
            for clip in clips:
                cls = Classification(clip.classification)
                if not may_disclose(cls, request.named_classes):
                    raise Refused(
                        "disclosure.class_not_named", clip=clip.id, classification=cls.value
                    )
            receipt, size = self._seal(actor, request, clips, out)
            with ctx.store.transaction():
                ctx.store.mark_exported(request_id, ctx.clock.now(), receipt)
                ctx.record(
                    actor,
                    "export_written",
                    "export",
                    str(request_id),
                    receipt=receipt,
                    clips=[c.id for c in clips],
                    bytes=size,
                    written_to=str(out),
                )
        return BureauExport(request_id, out, receipt, len(clips), size)

    def _seal(
        self, actor: Actor, request: Disclosure, clips: Sequence[BureauClip], out: Path
    ) -> tuple[str, int]:
        ctx = self._ctx
        first = ctx.store.first_event("clip", (str(c.id) for c in clips), "clip_archived")
        if first is None:
            raise Refused("package.no_archive_event")
        checkpoint = sign_checkpoint(ctx, actor)
        payload, entries = [], []
        for clip in sorted(clips, key=lambda c: c.id):
            path = payload_path(clip.id, clip.day, clip.officer, clip.original_name)
            payload.append(PayloadFile(path, clip.sha256, clip.size))
            entries.append(_entry(clip, path))
        counts: dict[str, int] = {}
        for clip in clips:
            counts[clip.classification] = counts.get(clip.classification, 0) + 1
        plan = BagPlan(
            name=out.name,
            payload=tuple(payload),
            bag_info={
                "Source-Organization": ctx.settings.name,
                "Bagging-Date": ctx.clock.now().date().isoformat(),
                "Bwc-Unit": ctx.settings.code,
                "Bwc-Kind": "disclosure",
                "Bwc-Period": f"request-{request.id}",
                "Bwc-Clips": str(len(entries)),
                "Bwc-Classes": ",".join(f"{k}={v}" for k, v in sorted(counts.items())),
                "Bwc-Key": checkpoint.key,
                "Bwc-Checkpoint-Size": str(checkpoint.size),
                "Bwc-Recipient": request.recipient,
            },
            clips_json=entries,
            audit_lines=self._slice(first, checkpoint.size),
            checkpoint_line=checkpoint.line(),
            key_id=checkpoint.key,
            public_key_b64=ctx.signer.public_key_b64(),
        )
        try:
            receipt = ctx.writer.write(plan, out, ctx.archive.open, ctx.signer.sign)
        except ContentDiffers:
            raise Refused("package.archive_differs") from None
        except FileExistsError:
            raise BadInput("package.out_exists", path=str(out)) from None
        except OSError as exc:
            raise Refused("package.write_failed", path=str(out), error=exc.strerror or "") from None
        return receipt, sum(c.size for c in clips)

    def _slice(self, first: int, size: int) -> Iterator[str]:
        events = self._ctx.store.iterate(first - 1)
        for event in itertools.takewhile(lambda e: e.seq <= size, events):
            yield canonical_json(event_record(event))


def _entry(clip: BureauClip, path: str) -> dict[str, object]:
    return {
        "id": clip.id,
        "path": path,
        "original_name": clip.original_name,
        "sha256": clip.sha256,
        "size": clip.size,
        "recorder": clip.recorder,
        "unit": clip.unit,
        "unit_clip": clip.box_clip_id,
        "officer": clip.officer,
        "day": clip.day,
        "archived_at": clip.archived_at,
        "recorded_at": clip.recorded_at,
        "duration_seconds": clip.duration_seconds,
        "flags": [],
        "cases": list(clip.cases),
        "classification": clip.classification,
    }
