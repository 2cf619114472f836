"""Provides the export of an approved disclosure at the kiosk, onto the registered drive.

Art. 11, 13: an approved request is exported once, exactly its clips, within 7 days. The
services decide every step (disclosure, disclosure_drive, disclosure_requests); this screen
shows them in order: the requests that may go now → the drive → writing → verified from the
drive → done, the drive may be pulled.

Two modes, as the hand-over (tui/screens/handover): the demo seals and writes itself; on the
box the kiosk holds no key and may not mount (DESIGN §6), so it asks the service and follows
the request row, its progress and its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestState
from appliance.services.disclosure import ExportableRequest
from appliance.services.disclosure_drive import ExportedPackage
from appliance.services.handover_drive import DockedDrive
from tui.messages import DriveOffered, ServiceRefused, ShowDone
from tui.screens.base import KioskScreen
from tui.screens.request_follow import FollowsRequest, RequestAnswer
from tui.text import day_time, human_bytes, plain, plain_lines
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# How often the screen looks for a docked drive (or the service's answer), and how long
# each look for a drive waits (as the hand-over's).
POLL_SECONDS = 0.5
LOOK_SECONDS = 0.05


@dataclass
class ExportableLoaded(Message):
    """The approved requests that may be exported now."""

    requests: list[ExportableRequest]


@dataclass
class ExportProgress(Message):
    """Payload bytes written to the drive so far; a newer one replaces an older one."""

    done: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ExportProgress)


@dataclass
class Exported(Message):
    """The package is on the drive and read back from it verifies (the demo's mode)."""

    exported: ExportedPackage


@dataclass
class ExportAsked(Message):
    """The export is queued for the service (on the box)."""

    request: KioskRequest


class DisclosureExportScreen(FollowsRequest, KioskScreen):
    """An exporter's list of approved requests; the one chosen goes onto the drive."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.requests: dict[int, ExportableRequest] = {}
        self.drive: DockedDrive | None = None
        # The request being written, and on the box the service's row for it.
        self.writing: ExportableRequest | None = None

    @property
    def direct(self) -> bool:
        """Whether this kiosk writes the package itself (the demo) or asks the service."""
        return self.services.disclosure_drive.direct

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.export.title")), classes="screen-title")
            yield Static(plain(self.words("ui.export.prompt")), classes="prompt")
            yield OptionList(id="exportable")
            yield Static("", id="export-drive")
            yield ProgressBar(total=1, show_eta=False, id="export-bar")
            yield Notice(id="export-notice")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.words("ui.export.export"), variant="primary", id="export", disabled=True
                )
                if self.kiosk.hands is not None:
                    yield Button(self.words("ui.handover.demo_drive"), id="demo-drive")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#export-bar", ProgressBar).display = False
        self.query_one("#back", Button).focus()
        self.load()
        self.show_drive()
        if self.direct:
            self.look_for_drive()
            self.set_interval(POLL_SECONDS, self.look_for_drive)

    def load(self) -> None:
        """Ask afresh which requests may be exported now."""
        exportable = partial(self.services.disclosure.exportable, self.actor)
        self.calls.query("exportable", exportable, ExportableLoaded)

    def look_for_drive(self) -> None:
        """Ask whether a drive arrived, until one registered is mounted (the demo's mode)."""
        if not self.direct or self.drive is not None or self.calls.querying("drive"):
            return
        offer = partial(self.services.disclosure_drive.offer, self.actor, LOOK_SECONDS)
        self.calls.query("drive", offer, DriveOffered)

    def on_exportable_loaded(self, message: ExportableLoaded) -> None:
        self.requests = {found.request.id: found for found in message.requests}
        options = self.query_one("#exportable", OptionList)
        options.clear_options()
        for found in message.requests:
            options.add_option(
                Option(plain_lines(self.option_text(found)), id=str(found.request.id))
            )
        if message.requests:
            options.highlighted = 0
            options.focus()
        else:
            options.add_option(Option(plain(self.words("ui.export.none")), disabled=True))
            self.query_one("#back", Button).focus()
        self.enable_export()

    def option_text(self, found: ExportableRequest) -> str:
        """One request in words: number, recipient, clips, size, who approved, until when."""
        request, approver = found.request, found.approver
        settings = self.services.settings
        return self.words(
            "ui.export.option",
            request=request.id,
            recipient=request.recipient,
            count=len(request.clip_ids),
            size=human_bytes(found.bytes),
            approver=approver.name if approver else self.words("ui.export.approver_gone"),
            until=day_time(request.expires_at, settings) if request.expires_at else "",
        )

    def chosen(self) -> ExportableRequest | None:
        """The request highlighted in the list, if any may be exported."""
        highlighted = self.query_one("#exportable", OptionList).highlighted_option
        if highlighted is None or highlighted.id is None:
            return None
        return self.requests.get(int(highlighted.id))

    def on_drive_offered(self, message: DriveOffered) -> None:
        drive = message.drive
        if drive is None or self.drive is not None:
            return
        self.drive = drive
        self.notice.clear()
        self.show_drive()
        self.enable_export()

    def show_drive(self) -> None:
        """The drive line: the drive docked and its room, else what to plug in."""
        drive = self.drive
        if drive is not None:
            line = self.words(
                "ui.export.drive_ready",
                label=drive.label or drive.serial,
                serial=drive.serial,
                free=human_bytes(drive.free_bytes),
            )
        else:
            key = "ui.export.dock_drive" if self.direct else "ui.export.dock_then_export"
            line = self.words(key)
        self.query_one("#export-drive", Static).update(plain(line))

    def enable_export(self) -> None:
        """Export is offered once a request is there and the drive too (the service looks
        for the drive itself, on the box)."""
        docked = self.drive is not None or not self.direct
        ready = docked and bool(self.requests)
        if self.writing is None and not self.calls.busy:
            self.query_one("#export", Button).disabled = not ready

    @on(OptionList.OptionSelected, "#exportable")
    def picked(self) -> None:
        """Enter on a request moves to Export."""
        button = self.query_one("#export", Button)
        if not button.disabled:
            button.focus()

    @on(Button.Pressed, "#demo-drive")
    def plug_demo_drive(self) -> None:
        """Demo only: the exporter's hands plug the demo's registered drive in."""
        if self.kiosk.hands is not None:
            self.kiosk.hands.dock_drive()

    @on(Button.Pressed, "#export")
    def export(self) -> None:
        found, drive = self.chosen(), self.drive
        if found is None or self.writing is not None:
            return
        button = self.query_one("#export", Button)
        request_id = found.request.id
        if not self.direct:
            ask = partial(self.services.requests.disclosure.ask_export, self.actor, request_id)
            if self.calls.command("export", ask, ExportAsked, button):
                self.start_bar(found)
            return
        if drive is None:
            return
        self.start_bar(found)

        def progress(done: int) -> None:
            self.post_message(ExportProgress(done))

        call = partial(
            self.services.disclosure_drive.write_verified, self.actor, drive, request_id, progress
        )
        self.calls.command("export", call, Exported, button)

    def start_bar(self, found: ExportableRequest) -> None:
        """The progress bar shown from nothing written; the list held still meanwhile."""
        self.writing = found
        self.query_one("#exportable", OptionList).disabled = True
        self.query_one("#export", Button).disabled = True
        bar = self.query_one("#export-bar", ProgressBar)
        bar.update(total=max(1, found.bytes), progress=0)
        bar.display = True
        self.show_writing(0)

    def show_writing(self, done: int) -> None:
        found = self.writing
        if found is None:
            return
        line = self.words(
            "ui.export.writing",
            request=found.request.id,
            done=human_bytes(done),
            total=human_bytes(found.bytes),
        )
        self.query_one("#export-drive", Static).update(plain(line))

    def on_export_progress(self, message: ExportProgress) -> None:
        found = self.writing
        if found is None:
            return
        self.query_one("#export-bar", ProgressBar).update(progress=message.done)
        if message.done >= found.bytes:
            # Every byte is written: the package is now read back from the drive.
            line = plain(self.words("ui.export.verifying"))
            self.query_one("#export-drive", Static).update(line)
        else:
            self.show_writing(message.done)

    def on_exported(self, message: Exported) -> None:
        exported = message.exported
        self.release_drive()
        drive = exported.drive
        self.show_done(
            exported.request_id,
            drive.label or drive.serial,
            exported.report.files,
            exported.report.payload_bytes,
        )

    def show_done(self, request_id: int, drive: str, files: int, size: int) -> None:
        """Verified from the drive, the drive let go: the screen is done."""
        self.writing = None
        line = self.words(
            "ui.export.done", request=request_id, drive=drive, files=files, size=human_bytes(size)
        )
        self.app.post_message(ShowDone(self, line))

    # On the box: the service's answer, read back from the request row.
    def on_export_asked(self, message: ExportAsked) -> None:
        self.follow(message.request)
        # The command gave the button back: it stays off until the service answers.
        self.query_one("#export", Button).disabled = True
        self.notice.inform(self.words("ui.export.asked", request=message.request.subject))

    def on_request_answer(self, message: RequestAnswer) -> None:
        request = self.answered(message, ExportProgress)
        if request is None:
            return
        self.notice.clear()
        params = request.params
        if request.state is RequestState.REFUSED:
            why = self.words(request.reason, **{"badge": request.requested_by, **params})
            self.stop_writing()
            self.notice.refuse(why)
            return
        self.show_done(
            int(params.get("request", request.subject)),
            params.get("drive", ""),
            int(params.get("files", 0)),
            int(params.get("bytes", 0)),
        )

    @on(ServiceRefused)
    def refused(self) -> None:
        """A refused export writes nothing (or is used, if the drive failed under it): the
        list is read afresh, and a new try starts from it."""
        self.stop_writing()

    def stop_writing(self) -> None:
        """Back to the list: the bar hidden, the drive line as at first, the list afresh."""
        self.writing = None
        self.query_one("#export-bar", ProgressBar).display = False
        self.query_one("#exportable", OptionList).disabled = False
        self.show_drive()
        self.load()

    def release_drive(self) -> None:
        """Let the drive go here (the demo); on the box the service lets it go itself."""
        drive, self.drive = self.drive, None
        if drive is not None:
            release = partial(self.services.disclosure_drive.release, drive)
            self.run_worker(release, group="release-drive", thread=True, exit_on_error=False)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu; a package this kiosk is writing is never left half done (the
        service's goes on without the screen, and lets the drive go itself)."""
        if not self.calls.busy:
            self.release_drive()
        self.go_back()
