"""Provides the disclosure request: tick clips, name the recipient and the reason (Art. 11).

Nothing is given to a party, another body or the public without approval (Art. 11, 13): the
request goes to the bureau head's approvals, and the service checks every rule (the clips
exist, no state secret, a recipient and a reason in words). An officer asks for their own
clips, a unit head or bureau head for any of the unit's newest; the class table decides what
each sees of a clip (Art. 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, SelectionList, Static

from appliance.domain.disclosure import Disclosure
from appliance.domain.records import Actor
from appliance.services.thumbnails import PicturedClips
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.check_box import ShapeSelectionList
from tui.widgets.clip_pictures import clip_line
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


@dataclass
class DisclosableLoaded(Message):
    """The clips a disclosure may be asked for, as the requester may see them."""

    listing: PicturedClips


@dataclass
class DisclosureAsked(Message):
    """The request is made; a bureau head decides it."""

    request: Disclosure


class DisclosureAskScreen(KioskScreen):
    """Lists the clips the requester may ask for; the ticked ones go to the bureau head."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.ask.title")), classes="screen-title")
            yield Static(plain(self.words("ui.ask.prompt")), classes="prompt")
            yield ShapeSelectionList(id="ask-clips")
            yield Input(placeholder=self.words("ui.ask.recipient"), id="recipient")
            yield Input(placeholder=self.words("ui.ask.reason"), id="reason")
            yield Notice(id="ask-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.ask.send"), variant="primary", id="ask")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        clips = partial(self.services.overview.disclosable_clips, self.actor)
        self.calls.query("disclosable", clips, DisclosableLoaded)

    def on_disclosable_loaded(self, message: DisclosableLoaded) -> None:
        listing = self.query_one("#ask-clips", SelectionList)
        listing.clear_options()
        for clip in message.listing.clips:
            line = clip_line(self, clip, clip.id in message.listing.restricted)
            listing.add_option((plain(line), clip.id))
        if message.listing.clips:
            listing.highlighted = 0
        else:
            self.notice.inform(self.words("ui.classify.none"))

    @on(Input.Submitted, "#recipient")
    def next_field(self) -> None:
        """Enter moves on to the reason."""
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#ask")
    def ask(self) -> None:
        """Ask for the ticked clips; the service checks every rule and audits the outcome."""
        listing = self.query_one("#ask-clips", SelectionList)
        ticked = list(listing.selected)
        if not ticked:
            self.notice.refuse(self.words("ui.classify.pick"))
            return
        recipient, reason = self.query_one("#recipient", Input), self.query_one("#reason", Input)
        call = partial(
            self.services.disclosure.request, self.actor, ticked, recipient.value, reason.value
        )
        hold = (self.query_one("#ask", Button), listing, recipient, reason)
        if self.calls.command("ask", call, DisclosureAsked, *hold):
            self.notice.inform(self.words("ui.busy"))

    def on_disclosure_asked(self, message: DisclosureAsked) -> None:
        request = message.request
        self.notice.inform(
            self.words("disclosure.requested", request=request.id, clips=len(request.clip_ids))
        )
        self.query_one("#ask-clips", SelectionList).deselect_all()
        for field in self.query(Input):
            field.value = ""

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the screen before."""
        self.go_back()
