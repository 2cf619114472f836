"""Provides the weekly hand-over to the information collector and its receipt (Art. 12(2))."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from appliance.config import local_zone
from appliance.domain.articles import enforces
from appliance.domain.confidentiality import Classification, Use, Verdict, verdict
from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.domain.footage import ArchivedClip
from appliance.domain.packages import SIGNATURE, PackageFault, handover_is_late, parse_week
from appliance.domain.records import Actor
from appliance.domain.roles import Action, Role
from appliance.ports import PackageReader
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context
from appliance.services.packages import PackageService, SealedPackage


@dataclass(frozen=True)
class DueClip:
    """A clip not yet handed over with a receipt, as the collector may see it (Art. 3)."""

    clip: ArchivedClip
    classification: Classification
    restricted: bool


def record_refusal(
    ctx: Context, actor: Actor, action: str, kind: str, ident: str, r: Refusal
) -> None:
    """Audit a refusal that happened outside a transaction of its own (DESIGN §5)."""
    with ctx.store.transaction():
        ctx.record(
            actor,
            action,
            kind,
            ident,
            "refused",
            reason=r.reason,
            params={k: str(v) for k, v in sorted(r.params.items())},
        )


def _role(actor: Actor) -> Role:
    try:
        return Role(actor.role)
    except ValueError:
        return Role.OFFICER  # a system actor sees no more than an officer


class HandoverService:
    """What is due, the week's sealed package, and the collector's receipt."""

    def __init__(self, ctx: Context, packages: PackageService, reader: PackageReader) -> None:
        self._ctx = ctx
        self._reader = reader
        self._packages = packages

    def _today(self) -> date:
        return self._ctx.clock.now().astimezone(local_zone(self._ctx.settings)).date()

    def due(self, actor: Actor, before: date | None = None) -> list[DueClip]:
        """Clips with no receipt yet (archived before `before`), by day and officer."""
        self._ctx.require(actor, Action.RECEIVE_HANDOVER, "handover", "due")
        return self._due(actor, before)

    def _due(self, actor: Actor, before: date | None) -> list[DueClip]:
        store = self._ctx.store
        received = store.releases.handed_over()
        clips = [
            c
            for c in store.clips.listing(limit=1_000_000)
            if c.id not in received and (before is None or c.day < before.isoformat())
        ]
        classes = store.releases.classes(c.id for c in clips)
        role = _role(actor)
        found = []
        for clip in clips:
            cls = classes.get(clip.id, Classification.NORMAL)
            shown = verdict(role, cls, Use.LIST)
            if shown is Verdict.HIDDEN:
                continue
            found.append(DueClip(clip, cls, shown is Verdict.RESTRICTED))
        found.sort(key=lambda d: (d.clip.day, d.clip.holder_badge or "", d.clip.id))
        return found

    def last_week(self) -> str:
        """The latest week that is over (`YYYY-Www`): the one a hand-over today takes."""
        year, week, _ = (self._today() - timedelta(days=7)).isocalendar()
        return f"{year}-W{week:02d}"

    @enforces("12(2)")
    def create(
        self,
        actor: Actor,
        week: str,
        out: Path,
        progress: Callable[[int], None] | None = None,
    ) -> SealedPackage:
        """Seal the week's clips and everything not yet received into a package at out.

        A package never received is offered again: its clips have no receipt, so they are
        due next time. Made after the Monday that follows the week, it raises an alarm.
        progress, if given, hears the payload bytes written so far.
        """
        self._ctx.require(actor, Action.RECEIVE_HANDOVER, "handover", week)
        try:
            _monday, week_end = parse_week(week)
        except ValueError:
            raise BadInput("handover.bad_week", week=week) from None
        today = self._today()
        try:
            if today < week_end:
                raise Refused("handover.week_not_over", week=week)
            due = [d.clip for d in self._due(actor, week_end)]
            if not due:
                raise Refused("handover.nothing_due", week=week)
            # The slice reaches back to the last hand-over's checkpoint: the bureau then sees
            # the chain it holds extended, not only a run of it (issue 14, Art. 12(2)).
            since = self._ctx.store.releases.last_sealed_checkpoint("handover")
            sealed = self._packages.seal(
                actor, "handover", week, due, out, progress, slice_from=since
            )
        except Refusal as refusal:
            record_refusal(self._ctx, actor, "handover_create", "handover", week, refusal)
            raise
        if handover_is_late(week_end, today):
            raise_alarm(
                self._ctx,
                actor,
                "warning",
                "handover_late",
                week,
                detail={"week": week, "made_on": today.isoformat(), "due": week_end.isoformat()},
                event={"week": week, "package": sealed.id, "days_late": (today - week_end).days},
            )
        return sealed

    @enforces("12(2)")
    def receipt(self, actor: Actor, package_dir: Path) -> tuple[int, list[int]]:
        """The collector's receipt: the package verified as it is now, its clips handed over."""
        self._ctx.require(actor, Action.RECEIVE_HANDOVER, "handover", "receipt")
        ident = package_dir.name
        try:
            try:
                self._reader.verify(package_dir, self._ctx.audit_signer.public_key_b64())
            except PackageFault as fault:
                raise Refused(fault.code, **fault.params) from None
            receipt = hashlib.sha256(_read_signature(package_dir)).hexdigest()
            store = self._ctx.store
            package = store.releases.package_by_signature(receipt)
            if package is None or package.kind != "handover":
                raise Refused("handover.unknown_package", receipt=receipt[:16])
            if package.received_at is not None:
                raise Refused("handover.already_received", package=package.id)
            clips = store.releases.package_clips(package.id)
            with store.transaction():
                store.releases.mark_received(package.id, actor.actor_id, self._ctx.clock.now())
                self._ctx.record(
                    actor,
                    "handover_received",
                    "package",
                    str(package.id),
                    receipt=receipt,
                    week=package.period,
                    clips=clips,
                )
        except Refusal as refusal:
            record_refusal(self._ctx, actor, "handover_receipt", "package", ident, refusal)
            raise
        return package.id, clips


def _read_signature(package_dir: Path) -> bytes:
    fd = os.open(package_dir / SIGNATURE, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as stream:
        return stream.read(4096)
