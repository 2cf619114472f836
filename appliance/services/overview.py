"""Provides the kiosk's look-ups: what an actor may return, the unit at a glance, the locked
badges, every recorder for the admin, and the offload job that carries a session's footage.

Read-only use cases built on the other services, so the screens only compose and handle.
"""

from __future__ import annotations

from datetime import datetime

from appliance.domain.confidentiality import Use, Verdict, verdict
from appliance.domain.custody import RecorderState
from appliance.domain.footage import ArchivedClip, OffloadProgress
from appliance.domain.overview import (
    BoardRow,
    DockNews,
    HomeSummary,
    Readiness,
    UnitBoard,
    UnitOverview,
)
from appliance.domain.records import Actor, Person, Recorder, RecorderStatus
from appliance.domain.roles import Action, Role
from appliance.services.clips import ClipService
from appliance.services.context import Context, allowed
from appliance.services.custody import CustodyService
from appliance.services.offload import OffloadService
from appliance.services.registry import RegistryService
from appliance.services.selfcheck import SelfCheckService
from appliance.services.thumbnails import PicturedClips, ThumbnailService


class OverviewService:
    """Answers what the screens show; every answer is a domain value."""

    def __init__(
        self,
        ctx: Context,
        custody: CustodyService,
        registry: RegistryService,
        offload: OffloadService,
        selfcheck: SelfCheckService,
        clips: ClipService,
        thumbnails: ThumbnailService,
    ) -> None:
        self._ctx = ctx
        self._clips = clips
        self._thumbnails = thumbnails
        self._custody = custody
        self._registry = registry
        self._offload = offload
        self._selfcheck = selfcheck

    def home_summary(self, actor: Actor) -> HomeSummary:
        """What the actor holds, and how many of their clips wait to be filed (Art. 8, 10)."""
        sessions = tuple(self._custody.held_by(actor.actor_id))
        unfiled = 0
        if allowed(actor, Action.FILE_CLIP):
            clips = self._present(self._ctx.store.clips.listing(holder_badge=actor.actor_id))
            unfiled = sum(1 for clip in clips if not clip.cases)
        return HomeSummary(sessions, unfiled)

    def unfiled_clips(self, viewer: Actor, holder_badge: str) -> PicturedClips:
        """The holder's unfiled clips with their pictures: officers know a clip by its picture."""
        return self._as_seen(viewer, self._clips.unfiled(holder_badge))

    def disclosable_clips(self, viewer: Actor) -> PicturedClips:
        """The clips a disclosure may be asked for from the kiosk (Art. 11): an officer's own,
        anyone else's newest of the unit, newest first."""
        own = viewer.actor_id if _role(viewer) is Role.OFFICER else None
        return self._as_seen(viewer, self._clips.newest(holder_badge=own))

    def _as_seen(self, viewer: Actor, clips: list[ArchivedClip]) -> PicturedClips:
        """The clips with their pictures, as the class table lets the viewer see them.

        Art. 3, DESIGN §10: a clip of a class the viewer's role does not read is listed as
        restricted (its day and size, no pictures), and a state secret is not listed to those
        who may not see it at all. A clip the retention rule deleted is not listed: it can be
        neither looked at nor disclosed (DESIGN §11), so offering it would be a dead end.
        """
        clips = self._present(clips)
        classes = self._clips.classes([clip.id for clip in clips])
        role = _role(viewer)
        shown = {c.id: verdict(role, classes[c.id], Use.LIST) for c in clips}
        listed = [clip for clip in clips if shown[clip.id] is not Verdict.HIDDEN]
        restricted = frozenset(i for i, seen in shown.items() if seen is Verdict.RESTRICTED)
        pictured = self._thumbnails.pictured(listed)
        pictures = {i: p for i, p in pictured.pictures.items() if i not in restricted}
        return PicturedClips(pictured.clips, pictures, restricted)

    def _present(self, clips: list[ArchivedClip]) -> list[ArchivedClip]:
        """The clips whose content is still in the archive (not deleted by rule, §11)."""
        gone = self._ctx.store.retention.tombstoned_clips(clip.id for clip in clips)
        return [clip for clip in clips if clip.id not in gone] if gone else clips

    def board(self) -> UnitBoard:
        """The idle screen's board: the unit's recorders, their charge, offload and readiness,
        and the alarms waiting for the unit head (Art. 4, 12(1), 14).

        Shown to whoever stands at the kiosk, so it names no person: only recorders.
        """
        unit = self._ctx.settings.unit_code
        offloads = {progress.serial: progress for progress in self._offload.by_recorder()}
        rows = [
            self._board_row(recorder, offloads.get(recorder.serial))
            for recorder in self._ctx.store.recorders.all_recorders()
            if recorder.unit_code == unit
        ]
        alarms = sorted(self._ctx.store.alarms.open_alarms(), key=lambda a: a.at, reverse=True)
        return UnitBoard(self._ctx.clock.now(), tuple(rows), tuple(alarms))

    def _board_row(self, recorder: Recorder, offload: OffloadProgress | None) -> BoardRow:
        if recorder.state is not RecorderState.AVAILABLE:
            return BoardRow(recorder, Readiness.OUT, None, offload)
        reading = self._ctx.store.readings.latest_reading(recorder.serial)
        battery = reading.status.main_battery_percent if reading else None
        measured = self._selfcheck.measured(recorder.serial)
        if not measured:
            readiness = Readiness.UNKNOWN
        elif all(item.passed for item in measured):
            readiness = Readiness.READY
        else:
            readiness = Readiness.NOT_READY
        return BoardRow(recorder, readiness, battery, offload)

    def returnable(self, actor: Actor) -> list[RecorderStatus]:
        """What the actor may return: what they hold, or for a unit head all signed out (Art. 7)."""
        if allowed(actor, Action.RETURN_FOR_OTHER):
            return [row for row in self._custody.unit_status(actor) if row.holder_badge]
        rows = []
        for session in self._custody.held_by(actor.actor_id):
            recorder = self._registry.recorder(session.serial)
            if recorder is not None:
                rows.append(
                    RecorderStatus(recorder, session.holder_badge, actor.name, session.started_at)
                )
        return rows

    def locked_badges(self, actor: Actor) -> list[Person]:
        """The locked badges of the actor's unit, for whoever may unlock one (DESIGN §6).

        A unit head unlocks alone, the admin with a second person; anyone else is refused,
        and the refusal is audited like every denial.
        """
        if not allowed(actor, Action.UNLOCK_BADGE):
            self._ctx.require(actor, Action.UNLOCK_WITH_SECOND, "unit", actor.unit_code)
        return [
            person
            for person in self._registry.people()
            if person.locked and person.unit_code == actor.unit_code
        ]

    def unit_overview(self, actor: Actor) -> UnitOverview:
        """The unit's recorders with holder and offload (Art. 14); its locked badges for a head."""
        rows = self._custody.unit_status(actor)
        locked = self.locked_badges(actor) if allowed(actor, Action.UNLOCK_BADGE) else []
        offloads = {progress.serial: progress for progress in self._offload.by_recorder()}
        return UnitOverview(tuple(rows), tuple(locked), offloads)

    def session_job(self, serial: str, since: datetime) -> OffloadProgress | None:
        """The recorder's newest offload job begun after its custody session began, if any.

        The recorder may be docked before or after the return is pressed; either way the job
        that carries this session's footage starts after the session did (Art. 12(1)).
        """
        for progress in self._offload.by_recorder():
            if progress.serial == serial and progress.started_at > since:
                return progress
        return None

    def dock_news(self, serial: str, since: datetime, unidentified_since: datetime) -> DockNews:
        """The session's job, and the newest unnamed recorder's failure since the given time."""
        return DockNews(
            self.session_job(serial, since), self._offload.unidentified_since(unidentified_since)
        )

    def devices(self, actor: Actor) -> list[RecorderStatus]:
        """Every recorder registered here, of any unit and in any state, with its holder.

        The admin's devices screen (DESIGN §6: the admin manages devices): another unit's
        recorder is listed too, so it can be seen registered as such (Art. 9).
        """
        self._ctx.require(actor, Action.MANAGE_DEVICES, "unit", actor.unit_code)
        return self._ctx.store.custody.unit_status()


def _role(actor: Actor) -> Role:
    try:
        return Role(actor.role)
    except ValueError:
        return Role.OFFICER  # a system actor sees no more than an officer
