"""Provides the weekly hand-over screen: what is due, the drive, the package, its receipt.

Art. 12(2): every Monday the week's footage goes to the information collector, on the
unit's registered drive; nobody else may copy it. The services decide every step; this
screen shows them in order: due → drive → writing → verified from the drive → receipt.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ProgressBar, Static

from appliance.domain.records import Actor
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
from tui.screens.dock import human_bytes
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# How often the screen looks for a docked drive, and how long each look waits.
POLL_SECONDS = 0.5
LOOK_SECONDS = 0.05


class HandoverScreen(KioskScreen):
    """The collector's weekly hand-over, from what is due to the receipt."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.summary: DueSummary | None = None
        self.drive: DockedDrive | None = None
        self.sealed: SealedPackage | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static("", id="handover-title", classes="screen-title")
            yield Static("", id="handover-due", markup=False)
            yield Static(plain(self.words("ui.handover.dock_drive")), id="handover-drive")
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
        self.look_for_drive()
        self.set_interval(POLL_SECONDS, self.look_for_drive)

    def look_for_drive(self) -> None:
        """Ask whether a drive arrived, until one registered is mounted."""
        if self.drive is not None or self.calls.querying("drive"):
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
        """Writing is offered once the drive is there and something is due."""
        ready = self.drive is not None and self.summary is not None and self.summary.clips > 0
        button = self.query_one("#write", Button)
        if self.sealed is None and not self.calls.busy:
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
        if drive is None or summary is None or self.sealed is not None:
            return
        bar = self.query_one("#handover-bar", ProgressBar)
        bar.update(total=max(1, summary.bytes), progress=0)
        bar.display = True
        self.show_writing(0)

        def progress(done: int) -> None:
            self.post_message(HandoverProgress(done))

        call = partial(self.services.handover_drive.write_verified, self.actor, drive, progress)
        self.calls.command(
            "write", call, lambda done: HandoverWritten(*done), self.query_one("#write", Button)
        )

    def show_writing(self, done: int) -> None:
        total = self.summary.bytes if self.summary is not None else 0
        self.query_one("#handover-drive", Static).update(
            plain(
                self.words("ui.handover.writing", done=human_bytes(done), total=human_bytes(total))
            )
        )

    def on_handover_progress(self, message: HandoverProgress) -> None:
        if self.sealed is not None:
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
        self.sealed = sealed = message.sealed
        report = message.report
        # Written once: a second package of the same clips would only be a copy to explain.
        self.query_one("#write", Button).display = False
        self.query_one("#handover-bar", ProgressBar).update(progress=sealed.bytes)
        self.query_one("#handover-drive", Static).update(
            plain(
                self.words(
                    "ui.handover.verified",
                    files=report.files,
                    size=human_bytes(report.payload_bytes),
                )
            )
        )
        receive = self.query_one("#receive", Button)
        receive.display = True
        receive.focus()

    @on(Button.Pressed, "#receive")
    def receive(self) -> None:
        sealed = self.sealed
        if sealed is None:
            return
        call = partial(self.services.handover_drive.receipt, self.actor, sealed)
        self.calls.command(
            "receive",
            call,
            lambda done: HandoverReceived(*done),
            self.query_one("#receive", Button),
        )

    def on_handover_received(self, message: HandoverReceived) -> None:
        week = self.summary.week if self.summary is not None else ""
        self.release_drive()
        line = self.words("ui.handover.received", count=len(message.clips), week=week)
        self.app.post_message(ShowDone(self, line))

    @on(ServiceRefused)
    def refused(self, message: ServiceRefused) -> None:
        """A refused write or verification leaves the drive docked; a new try starts afresh."""
        if self.sealed is None:
            self.query_one("#handover-bar", ProgressBar).display = False
            if self.drive is not None:
                self.query_one("#handover-drive", Static).update(plain(""))
                self.enable_write()

    def release_drive(self) -> None:
        drive, self.drive = self.drive, None
        if drive is not None:
            self.run_worker(
                partial(self.services.handover_drive.release, drive),
                group="release-drive",
                thread=True,
                exit_on_error=False,
            )

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if not self.calls.busy:
            self.release_drive()
        self.go_back()
