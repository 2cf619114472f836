"""Provides the bureau head's list of disclosure requests waiting for a decision (Art. 11, 13)."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor
from appliance.services.approvals import PendingRequest
from tui.messages import ApprovalsLoaded
from tui.screens.approval_request import RequestScreen, person_words
from tui.screens.base import KioskScreen
from tui.text import day_time, plain, plain_lines
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar


class ApprovalsScreen(KioskScreen):
    """Lists the pending requests, oldest first; choosing one opens it for a decision."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.approvals.title")), classes="screen-title")
            yield Static(plain(self.words("ui.approvals.prompt")), classes="prompt")
            yield OptionList(id="requests")
            yield Notice(id="approvals-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.back"), id="back")

    def on_screen_resume(self) -> None:
        """Each time the list shows (after a decision too), ask afresh what waits."""
        pending = partial(self.services.approvals.pending, self.actor)
        self.calls.query("approvals", pending, ApprovalsLoaded)

    def on_approvals_loaded(self, message: ApprovalsLoaded) -> None:
        options = self.query_one("#requests", OptionList)
        options.clear_options()
        for pending in message.requests:
            options.add_option(
                Option(plain_lines(self.option_text(pending)), id=str(pending.request.id))
            )
        if message.requests:
            options.highlighted = 0
            options.focus()
        else:
            options.add_option(Option(plain(self.words("ui.approvals.none")), disabled=True))
            self.query_one("#back", Button).focus()

    def option_text(self, pending: PendingRequest) -> str:
        """One request in words: number, clips, recipient, when, who asked and why."""
        request = pending.request
        return self.words(
            "ui.approvals.option",
            request=request.id,
            count=len(request.clip_ids),
            recipient=request.recipient,
            time=day_time(request.requested_at, self.services.settings),
            reason=request.reason,
            **person_words(self, pending.requester, request.requested_by),
        )

    @on(OptionList.OptionSelected, "#requests")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_screen(RequestScreen(self.actor, int(event.option.id)))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
