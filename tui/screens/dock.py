"""Provides the dock screen: a returned recorder's offload, live from the database, then a summary.

The offload runs in the dock service, not here (DESIGN §1); this screen only reads the job's
stored progress, so it shows the truth after a kiosk restart too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ProgressBar, Static

from appliance.domain.footage import OffloadProgress
from appliance.domain.lifecycle import FINAL_JOB_STATES, JobState
from appliance.domain.records import Actor
from tui.messages import JobPolled
from tui.screens.base import KioskScreen
from tui.screens.filing import FilingScreen
from tui.text import clock_time, human_bytes, plain
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

POLL_SECONDS = 0.5
# A recorder put in the dock shortly before its return was pressed is this officer's too: an
# unidentifiable one that failed in this window is shown, older ones belong to someone else.
UNIDENTIFIED_GRACE = timedelta(minutes=10)


def human_seconds(seconds: float | None) -> str:
    """A short duration: '45 s', '3 min'."""
    if seconds is None:
        return "—"
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


class DockScreen(KioskScreen):
    """Watches one recorder's offload and ends in its summary and the way to file by case."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(
        self, actor: Actor, serial: str, holder_badge: str, since: datetime, line: str = ""
    ) -> None:
        super().__init__()
        self.opening_line = line
        self.actor = actor
        self.serial = serial
        self.holder_badge = holder_badge
        self.since = since
        self.progress: OffloadProgress | None = None
        self.unidentified_since = since
        self.unidentified_shown: int | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(
                plain(self.words("ui.dock.title", serial=self.serial)), classes="screen-title"
            )
            yield Static(plain(self.words("ui.dock.waiting", serial=self.serial)), id="dock-state")
            yield ProgressBar(total=None, show_eta=False, id="dock-bar")
            yield Static("", id="dock-figures")
            yield Static("", id="dock-summary")
            yield Static("", id="dock-flags")
            yield Notice(id="dock-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.dock.file"), id="file", disabled=True)
                yield Button(self.words("ui.dock.done"), id="done")

    def on_mount(self) -> None:
        self.unidentified_since = max(self.since, self.kiosk.clock.now() - UNIDENTIFIED_GRACE)
        if self.opening_line:
            self.notice.inform(self.opening_line)
        self.poll()
        self.set_interval(POLL_SECONDS, self.tick)

    def tick(self) -> None:
        """The timer's poll, skipped while the last read is under way.

        A newer query replaces an older one; on a slow disk every tick would replace the one
        before it and nothing would ever be shown.
        """
        if not self.calls.querying("dock-news"):
            self.poll()

    def poll(self) -> None:
        """Read the job's progress off the UI thread afresh, unless it has finished."""
        if self.progress is not None and self.progress.state in FINAL_JOB_STATES:
            return
        overview = self.services.overview
        read = partial(overview.dock_news, self.serial, self.since, self.unidentified_since)
        self.calls.query("dock-news", read, JobPolled)

    def on_job_polled(self, message: JobPolled) -> None:
        progress = message.news.progress
        if progress is None:
            if message.news.unidentified is not None:
                self.show_unidentified(message.news.unidentified)
            return
        self.progress = progress
        bar = self.query_one("#dock-bar", ProgressBar)
        bar.update(total=max(progress.bytes_total, 1), progress=progress.bytes_done)
        state = self.words("ui.dock.state", state=self.words(f"job.{progress.state.value}"))
        if progress.current_name and progress.state is JobState.RUNNING:
            state += " · " + self.words(
                "ui.dock.current",
                done=min(progress.clips_done + 1, progress.clips_total),
                total=progress.clips_total,
                name=progress.current_name,
            )
        self.query_one("#dock-state", Static).update(plain(state))
        figures = self.words(
            "ui.dock.figures",
            done=human_bytes(progress.bytes_done),
            total=human_bytes(progress.bytes_total),
            rate=human_bytes(progress.rate_bytes_per_second),
            left=human_seconds(progress.seconds_left),
        )
        if progress.state in FINAL_JOB_STATES:
            figures = f"{human_bytes(progress.bytes_done)} / {human_bytes(progress.bytes_total)}"
        self.query_one("#dock-figures", Static).update(plain(figures))
        if progress.state in FINAL_JOB_STATES:
            self.show_summary(progress)

    def show_unidentified(self, failed: OffloadProgress) -> None:
        """Why nothing happens: a recorder was docked but cannot be named (no silent wait)."""
        if self.unidentified_shown == failed.id:
            return
        self.unidentified_shown = failed.id
        self.notice.refuse(
            self.words(
                "ui.dock.unidentified",
                time=clock_time(failed.started_at, self.services.settings),
                reason=self.words(f"offload_error.{failed.error}"),
            )
        )

    def show_summary(self, progress: OffloadProgress) -> None:
        """What was archived, what was already there, and what was flagged."""
        lines = [
            self.words(
                "ui.dock.summary",
                new=progress.clips_new,
                existing=progress.clips_existing,
                failed=progress.clips_failed,
                cleared=progress.clips_cleared,
            )
        ]
        if progress.clips_skipped:
            lines[0] += " " + self.words("ui.dock.skipped", count=progress.clips_skipped)
        if progress.flag_counts:
            shown = ", ".join(
                f"{self.words('flag.' + flag)} {count}"
                for flag, count in sorted(progress.flag_counts.items())
            )
            lines.append(self.words("ui.dock.flags", flags=shown))
        else:
            lines.append(self.words("ui.dock.no_flags"))
        if progress.state is not JobState.DONE:
            error = progress.error or progress.state.value
            self.notice.refuse(self.words("ui.dock.failed", error=error))
        self.query_one("#dock-summary", Static).update(plain(lines[0]))
        self.query_one("#dock-flags", Static).update(plain(lines[1]))
        self.query_one("#file", Button).disabled = False

    @on(Button.Pressed, "#file")
    def file_clips(self) -> None:
        """On to filing the returned footage by case (Art. 8)."""
        self.open_screen(FilingScreen(self.actor, self.holder_badge))

    @on(Button.Pressed, "#done")
    def action_back(self) -> None:
        """Back to the menu; the offload goes on in the dock service."""
        self.go_back()
