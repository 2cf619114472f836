"""Provides the filing screen: tick a holder's clips and file them under a case (Art. 8)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, SelectionList, Static

from appliance.domain.filing import CASE_NUMBER_MAX
from appliance.domain.footage import ArchivedClip
from appliance.domain.records import Actor
from tui.messages import ClipsFiled, UnfiledLoaded
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.check_box import ShapeSelectionList
from tui.widgets.clip_pictures import ClipPictures, clip_caption, clip_line
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class FilingScreen(KioskScreen):
    """Lists the holder's unfiled clips; the service files the ticked ones under one case."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor, holder_badge: str) -> None:
        super().__init__()
        self.actor = actor
        self.holder_badge = holder_badge
        self.case_number = ""
        self.clips: dict[int, ArchivedClip] = {}
        self.pictures: dict[int, tuple[Path, ...]] = {}
        self.restricted: frozenset[int] = frozenset()

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.filing.title")), classes="screen-title")
            yield Static(plain(self.words("ui.filing.prompt")), classes="prompt")
            # A clip as text: time, length, flags (before the long file name), name; the lit
            # one's pictures below, as officers recognise a clip by its picture (item 7).
            yield ShapeSelectionList(id="unfiled")
            yield ClipPictures(self.kiosk.pictures, id="filing-pictures")
            # One more than the rule allows, so an over-long number is refused in words, never
            # cut to a shorter one that the clips would then be filed under (Art. 8).
            yield Input(
                placeholder=self.words("ui.filing.case"),
                id="case",
                max_length=CASE_NUMBER_MAX + 1,
                select_on_focus=False,
            )
            yield Notice(id="filing-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.filing.file"), id="file")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the unfiled clips off the UI thread."""
        unfiled = partial(self.services.overview.unfiled_clips, self.actor, self.holder_badge)
        self.calls.query("unfiled", unfiled, UnfiledLoaded)

    def on_unfiled_loaded(self, message: UnfiledLoaded) -> None:
        listing = self.query_one("#unfiled", SelectionList)
        listing.clear_options()
        self.clips = {clip.id: clip for clip in message.listing.clips}
        self.pictures = message.listing.pictures
        self.restricted = message.listing.restricted
        for clip in message.listing.clips:
            line = clip_line(self, clip, clip.id in self.restricted)
            listing.add_option((plain(line), clip.id))
        if message.listing.clips:
            # The first row is highlighted, so Space ticks it at once (issue 9 item 4).
            listing.highlighted = 0
            self.show_pictures(message.listing.clips[0].id)
        else:
            self.query_one(ClipPictures).display = False
        # After a filing its line stays: the empty list says that nothing is left.
        if not message.listing.clips and not self.notice.text:
            self.notice.inform(self.words("ui.filing.none"))

    @on(SelectionList.SelectionHighlighted, "#unfiled")
    def highlighted(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        """The lit clip's pictures, or its words on a terminal without graphics."""
        self.show_pictures(event.selection.value)

    def show_pictures(self, clip_id: int) -> None:
        """Show one clip's pictures and the words that tell it apart."""
        clip = self.clips.get(clip_id)
        if clip is None:
            return
        pictures = self.query_one(ClipPictures)
        pictures.display = True
        if clip_id in self.restricted:
            pictures.show((), self.words("classification.restricted"))
            return
        pictures.show(self.pictures.get(clip_id, ()), clip_caption(self, clip))

    @on(Input.Submitted, "#case")
    @on(Button.Pressed, "#file")
    def file_ticked(self) -> None:
        """File the ticked clips under the typed case number; the service checks both."""
        ticked = list(self.query_one("#unfiled", SelectionList).selected)
        if not ticked:
            self.notice.refuse(self.words("ui.filing.pick"))
            return
        case = self.query_one("#case", Input)
        call = partial(self.services.clips.file, self.actor, ticked, case.value)
        hold = (self.query_one("#file", Button), self.query_one("#unfiled", SelectionList), case)
        if self.calls.command("file", call, ClipsFiled, *hold):
            self.case_number = case.value
            self.notice.inform(self.words("ui.busy"))

    def on_clips_filed(self, message: ClipsFiled) -> None:
        self.notice.inform(
            self.words("ui.filing.filed", count=len(message.clip_ids), case=self.case_number)
        )
        self.query_one("#case", Input).value = ""
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the screen before."""
        self.go_back()
