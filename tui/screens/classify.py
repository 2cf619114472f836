"""Provides the classes screen: the unit head ticks clips and sets their class (Art. 3).

State secrets, trade secrets and personal privacy are kept under the confidentiality rules:
the class decides who sees a clip listed, whether it may be disclosed and how it is marked in
a hand-over (DESIGN §10). The service checks who may set it and records each change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, SelectionList, Static

from appliance.domain.confidentiality import Classification
from appliance.domain.records import Actor
from appliance.services.clips import ClassedClip
from tui.screens.base import KioskScreen
from tui.text import day_time, plain
from tui.widgets.check_box import ShapeSelectionList
from tui.widgets.choice import ChoiceSet
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


@dataclass
class ClassesLoaded(Message):
    """The newest clips with their classes."""

    clips: list[ClassedClip]


@dataclass
class ClipsClassified(Message):
    """The class was set; the clips whose class changed."""

    changed: list[int]


class ClassifyScreen(KioskScreen):
    """Lists the newest clips with their class; the ticked ones take the chosen class."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        # The class of the command in flight, for its words when it is done.
        self.chosen = Classification.NORMAL

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.classify.title")), classes="screen-title")
            yield Static(plain(self.words("ui.classify.prompt")), classes="prompt")
            yield ShapeSelectionList(id="classify-clips")
            classes = [(c.value, self.words(f"classification.{c.value}")) for c in Classification]
            yield ChoiceSet(classes, id="class")
            yield Notice(id="classify-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.classify.set"), variant="primary", id="classify")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the clips and their classes off the UI thread."""
        self.calls.query("classes", self.services.clips.classified, ClassesLoaded)

    def on_classes_loaded(self, message: ClassesLoaded) -> None:
        listing = self.query_one("#classify-clips", SelectionList)
        listing.clear_options()
        settings = self.services.settings
        for row in message.clips:
            clip = row.clip
            line = self.words(
                "ui.classify.clip",
                time=day_time(clip.recorded_at or clip.archived_at, settings),
                officer=clip.holder_badge or self.words("ui.handover.no_officer"),
                cls=self.words(f"classification.{row.classification.value}"),
                # The recorder's own file name, shown literally but escaped (DESIGN §3.5).
                name=clip.source_name,
            )
            listing.add_option((plain(line), clip.id))
        if message.clips:
            listing.highlighted = 0
        elif not self.notice.text:
            self.notice.inform(self.words("ui.classify.none"))

    @on(Button.Pressed, "#classify")
    def classify(self) -> None:
        """Set the chosen class on the ticked clips; the service checks who may."""
        listing = self.query_one("#classify-clips", SelectionList)
        ticked = list(listing.selected)
        chosen = self.query_one("#class", ChoiceSet).chosen
        self.chosen = Classification(chosen or Classification.NORMAL.value)
        if not ticked:
            self.notice.refuse(self.words("ui.classify.pick"))
            return
        call = partial(self.services.clips.classify, self.actor, ticked, self.chosen)
        hold = (self.query_one("#classify", Button), listing)
        if self.calls.command("classify", call, ClipsClassified, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_clips_classified(self, message: ClipsClassified) -> None:
        cls = self.words(f"classification.{self.chosen.value}")
        if message.changed:
            line = self.words("ui.classify.done", count=len(message.changed), cls=cls)
        else:
            line = self.words("ui.classify.unchanged", cls=cls)
        self.notice.inform(line)
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the screen before."""
        self.go_back()
