"""Provides the weekly hand-over screen: what is due, the drive, the package, its receipt.

Art. 12(2): every Monday the week's footage goes to the information collector, on the
unit's registered drive; nobody else may copy it. The services decide every step; this
screen shows them in order: due → drive → writing → verified from the drive → receipt.

Two modes, one screen. The demo (kiosk and service in one process) seals and writes itself.
On the box the kiosk holds no key and may not mount (DESIGN §6): it asks the service, which
takes the drive, writes and verifies the package and records the receipt, and the screen
follows the request rows (services/handover_requests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, ProgressBar, Static

from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestKind, RequestState
from appliance.services.handover_drive import DockedDrive, DueSummary
from appliance.services.packages import SealedPackage
from tui.messages import (
    DriveOffered,
    HandoverDueLoaded,
    HandoverProgress,
    HandoverReceived,
    HandoverWritten,
    ServiceRefused,
    ShowDone,
)
from tui.screens.base import KioskScreen
from tui.screens.request_follow import FollowsRequest, RequestAnswer
from tui.text import human_bytes, plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# How often the screen looks for a docked drive (or the service's answer), and how long
# each look for a drive waits.
POLL_SECONDS = 0.5
LOOK_SECONDS = 0.05


@dataclass
class HandoverAsked(Message):
    """A step is queued for the service (on the box)."""

    request: KioskRequest


class HandoverScreen(FollowsRequest, KioskScreen):
    """The collector's weekly hand-over, from what is due to the receipt."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.summary: DueSummary | None = None
        self.drive: DockedDrive | None = None
        self.sealed: SealedPackage | None = None
        # The package written (by this process or the service): the receipt's subject.
        self.package_id: int | None = None
        # On the box: the step the service has not answered yet, and the poll for it.

    @property
    def direct(self) -> bool:
        """Whether this kiosk writes the package itself (the demo) or asks the service."""
        return self.services.handover_drive.direct

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static("", id="handover-title", classes="screen-title")
            yield Static("", id="handover-due", markup=False)
            yield Static("", id="handover-drive")
            yield ProgressBar(total=1, show_eta=False, id="handover-bar")
            yield Notice(id="handover-notice")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.words("ui.handover.write"), variant="primary", id="write", disabled=True
                )
                yield Button(self.words("ui.handover.receive"), variant="success", id="receive")
                if self.kiosk.hands is not None:
                    yield Button(self.words("ui.handover.demo_drive"), id="demo-drive")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#receive", Button).display = False
        self.query_one("#handover-bar", ProgressBar).display = False
        self.query_one("#back", Button).focus()
        due = partial(self.services.handover_drive.due_now, self.actor)
        self.calls.query("due", due, HandoverDueLoaded)
        key = "ui.handover.dock_drive" if self.direct else "ui.handover.dock_then_write"
        self.query_one("#handover-drive", Static).update(plain(self.words(key)))
        if self.direct:
            self.look_for_drive()
            self.set_interval(POLL_SECONDS, self.look_for_drive)

    def look_for_drive(self) -> None:
        """Ask whether a drive arrived, until one registered is mounted (the demo's mode)."""
        if not self.direct or self.drive is not None or self.calls.querying("drive"):
            return
        offer = partial(self.services.handover_drive.offer, self.actor, LOOK_SECONDS)
        self.calls.query("drive", offer, DriveOffered)

    def on_handover_due_loaded(self, message: HandoverDueLoaded) -> None:
        summary = self.summary = message.summary
        self.query_one("#handover-title", Static).update(
            plain(self.words("ui.handover.title", week=summary.week))
        )
        if not summary.clips:
            lines = [self.words("ui.handover.due_none", week=summary.week)]
        else:
            lines = [
                self.words(
                    "ui.handover.due_line",
                    day=group.day,
                    officer=group.officer_name or self.words("ui.handover.no_officer"),
                    count=group.clips,
                    size=human_bytes(group.bytes),
                )
                for group in summary.groups
            ]
            lines.append(
                self.words(
                    "ui.handover.due_total", count=summary.clips, size=human_bytes(summary.bytes)
                )
            )
        self.query_one("#handover-due", Static).update(Text("\n").join(map(plain, lines)))
        self.enable_write()

    def on_drive_offered(self, message: DriveOffered) -> None:
        drive = message.drive
        if drive is None or self.drive is not None:
            return
        self.drive = drive
        self.notice.clear()
        self.query_one("#handover-drive", Static).update(
            plain(
                self.words(
                    "ui.handover.drive_ready",
                    label=drive.label or drive.serial,
                    serial=drive.serial,
                    free=human_bytes(drive.free_bytes),
                )
            )
        )
        self.enable_write()

    def enable_write(self) -> None:
        """Writing is offered once something is due and the drive is there (the service
        looks for the drive itself, on the box)."""
        docked = self.drive is not None or not self.direct
        ready = docked and self.summary is not None and self.summary.clips > 0
        button = self.query_one("#write", Button)
        if self.package_id is None and self.asked is None and not self.calls.busy:
            button.disabled = not ready
            if ready:
                button.focus()

    @on(Button.Pressed, "#demo-drive")
    def plug_demo_drive(self) -> None:
        """Demo only: the collector's hands plug the demo's registered drive in."""
        if self.kiosk.hands is not None:
            self.kiosk.hands.dock_drive()

    @on(Button.Pressed, "#write")
    def write(self) -> None:
        drive, summary = self.drive, self.summary
        if summary is None or self.package_id is not None or self.asked is not None:
            return
        if not self.direct:
            ask = partial(self.services.requests.handover.ask_write, self.actor, summary.week)
            self.calls.command("write", ask, HandoverAsked, self.query_one("#write", Button))
            return
        if drive is None:
            return
        self.start_bar(summary.bytes)

        def progress(done: int) -> None:
            self.post_message(HandoverProgress(done))

        call = partial(self.services.handover_drive.write_verified, self.actor, drive, progress)
        self.calls.command(
            "write", call, lambda done: HandoverWritten(*done), self.query_one("#write", Button)
        )

    def start_bar(self, total: int) -> None:
        """The progress bar shown from nothing written."""
        bar = self.query_one("#handover-bar", ProgressBar)
        bar.update(total=max(1, total), progress=0)
        bar.display = True
        self.show_writing(0)

    def show_writing(self, done: int) -> None:
        total = self.summary.bytes if self.summary is not None else 0
        self.query_one("#handover-drive", Static).update(
            plain(
                self.words("ui.handover.writing", done=human_bytes(done), total=human_bytes(total))
            )
        )

    def on_handover_progress(self, message: HandoverProgress) -> None:
        if self.package_id is not None:
            return
        self.query_one("#handover-bar", ProgressBar).update(progress=message.done)
        total = self.summary.bytes if self.summary is not None else 0
        if message.done >= total:
            # Every byte is written: the package is now read back from the drive.
            line = plain(self.words("ui.handover.verifying"))
            self.query_one("#handover-drive", Static).update(line)
        else:
            self.show_writing(message.done)

    def on_handover_written(self, message: HandoverWritten) -> None:
        self.sealed = message.sealed
        self.show_verified(message.sealed.id, message.report.files, message.report.payload_bytes)

    def show_verified(self, package_id: int, files: int, size: int) -> None:
        """The package is on the drive and verifies from it: the receipt is next."""
        self.package_id = package_id
        # Written once: a second package of the same clips would only be a copy to explain.
        self.query_one("#write", Button).display = False
        bar = self.query_one("#handover-bar", ProgressBar)
        bar.update(progress=bar.total or 0)
        self.query_one("#handover-drive", Static).update(
            plain(self.words("ui.handover.verified", files=files, size=human_bytes(size)))
        )
        receive = self.query_one("#receive", Button)
        receive.display = True
        receive.disabled = False
        receive.focus()

    @on(Button.Pressed, "#receive")
    def receive(self) -> None:
        package_id, sealed = self.package_id, self.sealed
        if package_id is None or self.asked is not None:
            return
        button = self.query_one("#receive", Button)
        if not self.direct:
            ask = partial(self.services.requests.handover.ask_receipt, self.actor, package_id)
            self.calls.command("receive", ask, HandoverAsked, button)
        elif sealed is not None:
            call = partial(self.services.handover_drive.receipt, self.actor, sealed)
            self.calls.command("receive", call, lambda done: HandoverReceived(*done), button)

    def on_handover_received(self, message: HandoverReceived) -> None:
        self.release_drive()
        self.show_received(len(message.clips))

    def show_received(self, count: int) -> None:
        """The receipt is recorded: the screen is done."""
        self.package_id = None  # received: nothing is left for the service to let go
        week = self.summary.week if self.summary is not None else ""
        line = self.words("ui.handover.received", count=count, week=week)
        self.app.post_message(ShowDone(self, line))

    # On the box: the service's answers, read back from the request row.
    def on_handover_asked(self, message: HandoverAsked) -> None:
        self.follow(message.request)
        self.query_one("#write", Button).disabled = True
        self.query_one("#receive", Button).disabled = True
        if message.request.kind is RequestKind.HANDOVER_WRITE and self.summary is not None:
            self.start_bar(self.summary.bytes)
            self.notice.inform(self.words("ui.handover.asked"))

    def on_request_answer(self, message: RequestAnswer) -> None:
        request = self.answered(message, HandoverProgress)
        if request is None:
            return
        self.notice.clear()
        params = request.params
        if request.state is RequestState.REFUSED:
            self.query_one("#receive", Button).disabled = False
            self.query_one("#handover-bar", ProgressBar).display = False
            why = self.words(request.reason, **{"badge": request.requested_by, **params})
            self.notice.refuse(why)
            self.query_one("#handover-drive", Static).update(
                plain(self.words("ui.handover.dock_then_write"))
            )
            self.enable_write()
        elif request.kind is RequestKind.HANDOVER_WRITE:
            self.show_verified(
                int(request.result), int(params.get("files", 0)), int(params.get("bytes", 0))
            )
        elif request.kind is RequestKind.HANDOVER_RECEIPT:
            self.show_received(int(params.get("clips", 0)))

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """A refused write or verification leaves the drive docked; a new try starts afresh."""
        if self.package_id is None:
            self.query_one("#handover-bar", ProgressBar).display = False
            if self.drive is not None:
                self.query_one("#handover-drive", Static).update(plain(""))
                self.enable_write()

    def release_drive(self) -> None:
        """Let the drive go: here (the demo), or by asking the service (the box)."""
        drive, self.drive = self.drive, None
        release: Callable[[], object]
        if drive is not None:
            release = partial(self.services.handover_drive.release, drive)
        elif not self.direct and self.package_id is not None:
            # Written, not received: the service still holds the drive mounted.
            release = partial(
                self.services.requests.handover.ask_release, self.actor, self.package_id
            )
        else:
            return
        self.run_worker(release, group="release-drive", thread=True, exit_on_error=False)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if not self.calls.busy:
            self.release_drive()
        self.go_back()
