"""Provides the small messages of the kiosk: workers to their screens, screens up to the app.

STYLE 10: attributes down, messages up. A worker's outcome goes to the screen that started it;
navigation and the end of a session go from a screen to the app, which owns the screen stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import Screen

from appliance.domain.disclosure import Disclosure
from appliance.domain.errors import Refusal
from appliance.domain.holds import Hold
from appliance.domain.overview import DockNews, HomeSummary, UnitBoard, UnitOverview
from appliance.domain.packages import PackageReport
from appliance.domain.records import (
    Actor,
    CustodySession,
    Person,
    Recorder,
    RecorderStatus,
)
from appliance.services.approvals import PendingRequest, RequestForDecision
from appliance.services.custody import ChecklistLine
from appliance.services.handover_drive import DockedDrive, DueSummary
from appliance.services.packages import SealedPackage
from appliance.services.reports import DailyReport
from appliance.services.thumbnails import PicturedClips

# Workers to the screen that started them.


@dataclass
class ServiceRefused(Message):
    """A service said no (a rule, a permission or bad input); shown as one line."""

    refusal: Refusal


@dataclass
class ServiceFailed(Message):
    """A service call failed unexpectedly; the screen shows a generic line, never a traceback."""

    error_type: str


@dataclass
class Identified(Message):
    """A scanned badge named this person."""

    person: Person


@dataclass
class BadgeScanned(Message):
    """A badge scanned during a session named this person (to the app)."""

    person: Person


@dataclass
class BadgeScanRefused(Message):
    """A code scanned during a session is no badge the kiosk knows (to the app)."""

    refusal: Refusal


@dataclass
class SignedIn(Message):
    """The PIN matched: this actor is signed in."""

    actor: Actor


@dataclass
class HomeLoaded(Message):
    """What the signed-in person holds and how many of their clips wait to be filed."""

    summary: HomeSummary


@dataclass
class AvailableLoaded(Message):
    """The recorders that can be signed out now."""

    recorders: list[Recorder]


@dataclass
class ChecklistReady(Message):
    """The pre-shift check for the chosen recorder (Art. 4)."""

    serial: str
    lines: list[ChecklistLine]


@dataclass
class SignedOut(Message):
    """The recorder is now the actor's responsibility (Art. 10)."""

    session: CustodySession


@dataclass
class ReturnableLoaded(Message):
    """Recorders the actor may return, each with its holder and since when."""

    rows: list[RecorderStatus]


@dataclass
class DeviceScanned(Message):
    """A scanned or typed recorder code, read and checked: its serial."""

    serial: str


@dataclass
class Returned(Message):
    """The custody session was closed."""

    session: CustodySession


@dataclass
class BoardLoaded(Message):
    """The idle screen's board, read afresh from the database."""

    board: UnitBoard


@dataclass
class UnitStatusLoaded(Message):
    """Every recorder of the unit with its holder and offload, and the locked badges (Art. 14)."""

    overview: UnitOverview


@dataclass
class DayLoaded(Message):
    """The unit's day as the unit head checks it (Art. 14)."""

    report: DailyReport


@dataclass
class Unlocked(Message):
    """A locked badge was unlocked."""

    badge: str


@dataclass
class LockedLoaded(Message):
    """The unit's locked badges, for the admin's unlock with a second person (DESIGN §6)."""

    people: list[Person]


@dataclass
class UnfiledLoaded(Message):
    """The holder's clips not yet filed under a case, with their pictures."""

    listing: PicturedClips


@dataclass
class ApprovalsLoaded(Message):
    """The disclosure requests waiting for a bureau head (Art. 13)."""

    requests: list[PendingRequest]


@dataclass
class RequestLoaded(Message):
    """One disclosure request with its clips, for a decision."""

    detail: RequestForDecision


@dataclass
class DisclosureDecided(Message):
    """A bureau head approved or refused a request; as stored now."""

    request: Disclosure


@dataclass
class ClipsFiled(Message):
    """Clips were filed under a case (Art. 8)."""

    clip_ids: list[int]


@dataclass
class JobPolled(Message):
    """The stored progress of the offload being watched, read afresh."""

    news: DockNews

    def can_replace(self, message: Message) -> bool:
        # STYLE 10: progress coalesces; only the newest reading matters.
        return isinstance(message, JobPolled)


@dataclass
class CommandSettled(Message):
    """A command's worker ended; `outcome` is its result, ServiceRefused or ServiceFailed.

    One message for both, so the screen gives back the command's button and handles the
    outcome before any new press can start the command again (tui/calls.py).
    """

    name: str
    outcome: Message


# Screens up to the app. A screen asks; the app moves the stack only while the asking screen
# is on top, so a late or doubled request (two presses, a worker's result after a sign-off)
# never stacks a second screen or pops the wrong one.


@dataclass
class OpenScreen(Message):
    """Show `screen` above `origin`; `callback` receives a dialog's value (STYLE 11)."""

    origin: Screen[Any]
    screen: Screen[Any]
    callback: Callable[[Any], None] | None = None


@dataclass
class CloseScreen(Message):
    """Close `origin`, back to the screen under it."""

    origin: Screen[Any]


@dataclass
class SessionStarted(Message):
    """The PIN matched at `origin`: show the signed-in person's menu."""

    origin: Screen[Any]
    actor: Actor


@dataclass
class ShowDone(Message):
    """A command is done: its one sentence of record above the signed-in menu (Art. 10)."""

    origin: Screen[Any]
    line: str


@dataclass
class ShowDock(Message):
    """A recorder was returned: follow its offload (Art. 12(1))."""

    origin: Screen[Any]
    session: CustodySession
    line: str


@dataclass
class RecorderSignedOut(Message):
    """A recorder was signed out; in the demo, the officer's hands lift it from the dock."""

    session: CustodySession


class AppCommand(Message):
    """A request the app carries out itself as a command: never cancelled, done once."""


@dataclass
class SignOff(AppCommand):
    """End the session now (the person pressed Sign off); the log entry follows."""

    reason: str = "user"


# The weekly hand-over at the kiosk (Art. 12(2)): its workers to the hand-over screen.


@dataclass
class HandoverDueLoaded(Message):
    """What a hand-over today takes, by day and officer."""

    summary: DueSummary


@dataclass
class DriveOffered(Message):
    """A registered drive was docked and mounted; None while none is there yet."""

    drive: DockedDrive | None


@dataclass
class HandoverProgress(Message):
    """Payload bytes written to the drive so far; a newer one replaces an older one."""

    done: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, HandoverProgress)


@dataclass
class HandoverWritten(Message):
    """The package is on the drive and read back from it verifies."""

    sealed: SealedPackage
    report: PackageReport


@dataclass
class HandoverReceived(Message):
    """The collector's receipt is recorded: these clips are handed over."""

    package: int
    clips: list[int]


@dataclass
class HoldsLoaded(Message):
    """Every hold, newest first (Art. 12(3))."""

    holds: list[Hold]


@dataclass
class HoldSet(Message):
    """A hold is on record."""

    hold: Hold
