"""Provides the holds screen: the list in words, a hold set on a case or an officer's range,
and the lift with a second person's badge and PIN (Art. 12(3), DESIGN §6, §11)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.holds import Hold, HoldKind, HoldScope
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.i18n.hold_words import hold_covers
from tui.dialogs.second_person import SecondPersonDialog, with_second_person
from tui.messages import HoldSet, HoldsLoaded
from tui.screens.base import KioskScreen, may
from tui.text import local, plain
from tui.widgets.choice import ChoiceSet
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# What a hold set at the kiosk covers: a case, or an officer's footage over days. A hold on
# clips by number stays with `bwc hold set --clips` (the list of clips is the filing screen's).
_KIOSK_SCOPES = (HoldScope.CASE, HoldScope.OFFICER)


class HoldsScreen(KioskScreen):
    """Every hold, newest first; set one with a note; lift the highlighted one with a second."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.holds: dict[int, Hold] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.holds.title")), classes="screen-title")
            with Horizontal(classes="life-columns"):
                with Vertical(classes="life-form"):
                    yield OptionList(id="holds-list")
                with Vertical(classes="life-column"):
                    kinds = [(k.value, self.words(f"hold_kind.{k.value}")) for k in HoldKind]
                    yield ChoiceSet(kinds, id="hold-kind")
                with Vertical(classes="life-column"):
                    scopes = [
                        (s.value, self.words(f"ui.holds.scope.{s.value}")) for s in _KIOSK_SCOPES
                    ]
                    yield ChoiceSet(scopes, id="hold-scope")
            with Horizontal(classes="life-fields"):
                yield Input(
                    placeholder=self.words("ui.holds.subject"), max_length=64, id="hold-subject"
                )
                yield Input(placeholder=self.words("ui.holds.from"), max_length=16, id="hold-from")
                yield Input(placeholder=self.words("ui.holds.to"), max_length=16, id="hold-to")
            with Horizontal(classes="life-fields"):
                yield Input(placeholder=self.words("ui.holds.note"), max_length=500, id="hold-note")
            yield Notice(id="holds-notice")
            with Horizontal(classes="buttons -compact"):
                yield Button(self.words("ui.holds.set"), variant="primary", id="set-hold")
                yield Button(self.words("ui.holds.lift"), id="lift-hold")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#hold-subject", Input).focus()
        self.query_one("#lift-hold", Button).disabled = not may(self.actor, Action.LIFT_HOLD)
        self.reload()

    def reload(self) -> None:
        """Ask for the list afresh (after each act too)."""
        self.calls.query("holds", self.services.holds.listing, HoldsLoaded)

    def on_holds_loaded(self, message: HoldsLoaded) -> None:
        options = self.query_one("#holds-list", OptionList)
        options.clear_options()
        self.holds = {hold.id: hold for hold in message.holds}
        if not message.holds:
            options.add_option(Option(plain(self.words("ui.holds.none")), disabled=True))
            return
        options.add_options(
            Option(plain(self.line_of(hold)), id=str(hold.id)) for hold in message.holds
        )

    def line_of(self, hold: Hold) -> str:
        """One hold in words: its number, why, what it covers, who set it, whether in force."""
        settings = self.services.settings

        def shown(instant: datetime) -> str:
            return local(instant, settings).strftime("%Y-%m-%d %H:%M")

        state = "active" if hold.active else "lifted"
        return self.words(
            "ui.holds.line",
            hold=hold.id,
            kind=self.words(f"hold_kind.{hold.kind.value}"),
            covers=hold_covers(hold, self.kiosk.language, shown),
            by=hold.set_by,
            state=self.words(f"hold_state.{state}"),
            note=hold.note,
        )

    @on(Input.Submitted, "#hold-note")
    @on(Button.Pressed, "#set-hold")
    def set_hold(self) -> None:
        """Set the hold the fields describe; the service checks the role, the note, the range."""
        kind = self.query_one("#hold-kind", ChoiceSet).chosen
        scope = self.query_one("#hold-scope", ChoiceSet).chosen
        if kind is None or scope is None:
            self.notice.refuse(self.words("ui.holds.pick"))
            return
        subject = self.query_one("#hold-subject", Input).value
        note = self.query_one("#hold-note", Input).value
        if scope == HoldScope.CASE.value:
            act = partial(self.services.holds.set_on_case, self.actor, kind, note, subject)
        else:
            start = self.query_one("#hold-from", Input).value
            end = self.query_one("#hold-to", Input).value
            act = partial(
                self.services.holds.set_on_officer_days, self.actor, kind, note, subject, start, end
            )
        self.notice.clear()
        button = self.query_one("#set-hold", Button)
        self.calls.command("set-hold", act, HoldSet, button)

    def on_hold_set(self, message: HoldSet) -> None:
        for field in ("#hold-subject", "#hold-from", "#hold-to", "#hold-note"):
            self.query_one(field, Input).value = ""
        self.notice.inform(self.words("ui.holds.done_set", hold=message.hold.id))
        self.reload()

    @on(Button.Pressed, "#lift-hold")
    def lift(self) -> None:
        """Lift the highlighted hold once a second person signs in at the dialog."""
        options = self.query_one("#holds-list", OptionList)
        chosen = (
            None
            if options.highlighted is None
            else options.get_option_at_index(options.highlighted)
        )
        hold = None if chosen is None or chosen.id is None else self.holds.get(int(chosen.id))
        if hold is None or not hold.active:
            self.notice.refuse(self.words("ui.holds.pick_active"))
            return
        self.notice.clear()
        act = partial(self.services.holds.lift, self.actor, hold.id)
        title = self.words("ui.holds.second_title", hold=hold.id)
        dialog = SecondPersonDialog(title, with_second_person(self.services, act))
        self.open_screen(dialog, partial(self.after_lift, hold.id))

    def after_lift(self, hold_id: int, second: Actor | None) -> None:
        """Lifted (with whom), or cancelled: nothing was done."""
        if second is None:
            return
        name = second.name or second.actor_id
        self.notice.inform(self.words("ui.holds.done_lift", hold=hold_id, second=name))
        self.reload()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
