"""Provides the signed-in home: what I hold and what waits, and every act my role may do."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from appliance.domain.records import Actor
from appliance.domain.roles import Action
from tui.messages import HomeLoaded, SignOff
from tui.screens.alarms import AlarmsScreen
from tui.screens.approvals import ApprovalsScreen
from tui.screens.audit_log import AuditLogScreen
from tui.screens.audit_report import AuditReportScreen
from tui.screens.base import KioskScreen, may
from tui.screens.classify import ClassifyScreen
from tui.screens.day import DayScreen
from tui.screens.devices import DevicesScreen
from tui.screens.disc import DiscScreen
from tui.screens.disclosure_ask import DisclosureAskScreen
from tui.screens.disclosure_export import DisclosureExportScreen
from tui.screens.fault import FaultScreen
from tui.screens.filing import FilingScreen
from tui.screens.handover import HandoverScreen
from tui.screens.holds import HoldsScreen
from tui.screens.home_menu import EntryKind, HomeEntry, entries_for
from tui.screens.loss import LossScreen
from tui.screens.people import PeopleScreen
from tui.screens.returns import ReturnScreen
from tui.screens.sign_out import SignOutScreen
from tui.screens.unit_head import UnitHeadScreen
from tui.screens.unlock import UnlockScreen
from tui.text import plain, since_time
from tui.widgets.notice import Notice
from tui.widgets.title_bar import TitleBar

# The screen behind each SCREEN entry of home_menu.HOME_ENTRIES, for the person signed in.
OPENS: dict[str, Callable[[Actor], KioskScreen]] = {
    "sign-out": SignOutScreen,
    "return": ReturnScreen,
    # Art. 8: footage is organised case by case, by the officer who recorded it.
    "file-clips": lambda actor: FilingScreen(actor, actor.actor_id),
    "unit": lambda actor: UnitHeadScreen(actor, unlocking=False),
    "unlock-unit": lambda actor: UnitHeadScreen(actor, unlocking=True),
    # Art. 14: the unit's day, opened on today (the services' clock says which day that is).
    "day": DayScreen,
    "fault": FaultScreen,
    "loss": LossScreen,
    # Art. 12(3): holds on footage, set by one person and lifted by two.
    "holds": HoldsScreen,
    "people": PeopleScreen,
    "devices": DevicesScreen,
    "approvals": ApprovalsScreen,
    "ask-disclosure": DisclosureAskScreen,
    # Art. 15: the audit office's reading of the log.
    "audit-log": AuditLogScreen,
    # Art. 15, 16: the audit office's report of a period.
    "reports": AuditReportScreen,
    # Art. 14: alarms, seen to with a note.
    "alarms": AlarmsScreen,
    # Art. 11, 13: an approved disclosure exported onto the registered drive.
    "export-disclosure": DisclosureExportScreen,
    "disc": DiscScreen,
    # Art. 3: the unit head's confidentiality classes.
    "classify": ClassifyScreen,
    # Art. 12(2): the information collector's weekly hand-over.
    "handover": HandoverScreen,
    # The admin's way back when every unit head is locked out (DESIGN §6).
    "unlock-badge": UnlockScreen,
}


class OfficerHomeScreen(KioskScreen):
    """The menu of a signed-in person; the services still decide every action."""

    # Arrow keys move between the menu's buttons as Tab does (issue 9 item 4).
    BINDINGS = [
        Binding("down,right", "app.focus_next", show=False),
        Binding("up,left", "app.focus_previous", show=False),
    ]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.entries = {entry.id: entry for entry in entries_for(actor)}

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static("", id="holding", markup=False)
            with Vertical(id="home-menu"):
                for entry in self.entries.values():
                    classes = "-later" if entry.kind is not EntryKind.SCREEN else ""
                    yield Button(self.words(entry.label_key), id=entry.id, classes=classes)
            yield Notice(id="home-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.sign_off"), variant="warning", id="sign-off")

    def on_mount(self) -> None:
        self.focus_likely(holding=False)

    def on_screen_resume(self) -> None:
        """Each time the menu shows, say afresh what the person holds and what waits."""
        summary = partial(self.services.overview.home_summary, self.actor)
        self.calls.query("holding", summary, HomeLoaded)

    def focus_likely(self, *, holding: bool) -> None:
        """Focus the likely act: Return for whoever holds a recorder, else the first entry."""
        for entry_id in (("return",) if holding else ()) + ("sign-out", *self.entries):
            if entry_id in self.entries:
                self.query_one(f"#{entry_id}", Button).focus()
                return
        self.query_one("#sign-off", Button).focus()

    def on_home_loaded(self, message: HomeLoaded) -> None:
        summary = message.summary
        settings = self.services.settings
        now = self.kiosk.clock.now()
        lines = [
            self.words(
                "ui.home.holding",
                serial=session.serial,
                time=since_time(session.started_at, settings, now),
            )
            for session in summary.sessions
        ]
        if may(self.actor, Action.SIGN_OUT):
            lines = lines or [self.words("ui.home.holding_none")]
        else:
            # A role that holds no recorder hears what its home is for (issue 9 item 3).
            lines.append(self.words(f"ui.home.intro.{self.actor.role}"))
        if summary.unfiled:
            lines.append(self.words("ui.home.unfiled", count=summary.unfiled))
        self.query_one("#holding", Static).update(plain("\n".join(lines)))
        if self.focused is None or self.focused.id in ("sign-out", "sign-off"):
            self.focus_likely(holding=bool(summary.sessions))

    @on(Button.Pressed, "#home-menu Button")
    def entry_pressed(self, event: Button.Pressed) -> None:
        entry = self.entries.get(event.button.id or "")
        if entry is None:
            return
        self.notice.clear()
        if entry.kind is EntryKind.SCREEN:
            self.open_entry(entry)
        else:
            self.notice.inform(self.words(entry.says_key))

    def open_entry(self, entry: HomeEntry) -> None:
        """Open the screen behind an entry."""
        self.open_screen(OPENS[entry.id](self.actor))

    @on(Button.Pressed, "#sign-off")
    def sign_off(self) -> None:
        """The app ends the session at once and logs it (DESIGN §6)."""
        self.app.post_message(SignOff("user"))
