"""Provides the admin's people screen: everyone registered, and the acts on a badge (DESIGN §6).

Deactivate or reactivate, reset the PIN, unlock: alone for an officer, with a second person
for a privileged role (and always for the admin's unlock); the services check every rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from appliance.domain.records import Actor, Person
from appliance.domain.roles import Action
from appliance.domain.scan import CodeKind
from appliance.domain.second_person import needs_second_person
from tui.dialogs.second_person import SecondPersonDialog, with_second_person
from tui.life_messages import PeopleLoaded, PersonChanged
from tui.screens.base import KioskScreen, may
from tui.screens.label_requests import LabelRequesting
from tui.screens.person_add import AddPersonScreen
from tui.text import plain
from tui.widgets.notice import Notice
from tui.widgets.pin_field import pin_field
from tui.widgets.title_bar import TitleBar

# An act on a person: the person and the confirmer (None when one person suffices).
PersonAct = Callable[[Actor | None], object]


class PeopleScreen(LabelRequesting, KioskScreen):
    """The list of people with their role, unit and status; the acts below it."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.people: dict[str, Person] = {}
        self.keep: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.people.title")), classes="screen-title")
            yield OptionList(id="people-list")
            yield pin_field(self.words("ui.people.new_pin"), "people-pin")
            yield Notice(id="people-notice")
            with Horizontal(classes="buttons -compact"):
                yield Button(self.words("ui.people.add"), id="add")
                yield Button(self.words("ui.people.toggle"), id="toggle")
                yield Button(self.words("ui.people.reset"), id="reset")
                yield Button(self.words("ui.people.unlock"), id="unlock")
                yield Button(self.words("ui.people.label"), id="label")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#people-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Each time the list shows (after an add too), read it afresh."""
        self.calls.query("people", self.services.registry.people, PeopleLoaded)

    def on_people_loaded(self, message: PeopleLoaded) -> None:
        options = self.query_one("#people-list", OptionList)
        options.clear_options()
        self.people = {person.badge: person for person in message.people}
        for person in message.people:
            options.add_option(Option(plain(self._line(person)), id=person.badge))
        if self.keep in self.people:
            options.highlighted = list(self.people).index(self.keep)
        elif message.people:
            options.highlighted = 0

    def _line(self, person: Person) -> str:
        status = "inactive" if not person.active else ("locked" if person.locked else "active")
        return self.words(
            "ui.people.option",
            badge=person.badge,
            name=person.name,
            role=self.words(f"role.{person.role.value}"),
            unit=person.unit_code,
            status=self.words(f"ui.people.{status}"),
        )

    def picked(self) -> Person | None:
        """The highlighted person, or None (said in one line)."""
        options = self.query_one("#people-list", OptionList)
        badge = (
            None
            if options.highlighted is None
            else options.get_option_at_index(options.highlighted).id
        )
        person = self.people.get(badge or "")
        if person is None:
            self.notice.refuse(self.words("ui.people.pick"))
        return person

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        self.open_screen(AddPersonScreen(self.actor), self.after_add)

    def after_add(self, line: str | None) -> None:
        if line:
            self.notice.inform(line)

    @on(Button.Pressed, "#toggle")
    def toggle(self) -> None:
        """Deactivate an active person, reactivate a deactivated one."""
        person = self.picked()
        if person is None:
            return
        personnel = self.services.personnel
        if person.active:
            act = partial(personnel.deactivate, self.actor, person.badge)
            self.run_act(person, "deactivate", act, "ui.people.deactivated")
        else:
            act = partial(personnel.reactivate, self.actor, person.badge)
            self.run_act(person, "reactivate", act, "cli.reactivated")

    @on(Input.Submitted, "#people-pin")
    @on(Button.Pressed, "#reset")
    def reset(self) -> None:
        """A new PIN typed here; its owner chooses their own at the next sign-in (§6)."""
        person = self.picked()
        if person is None:
            return
        field = self.query_one("#people-pin", Input)
        pin, field.value = field.value, ""
        if not pin:
            self.notice.refuse(self.words("ui.people.pin_first"))
            field.focus()
            return
        act = partial(self.services.personnel.reset_pin, self.actor, person.badge, pin)
        self.run_act(person, "reset", act, "ui.people.reset_done")

    @on(Button.Pressed, "#unlock")
    def unlock(self) -> None:
        """A unit head unlocks alone; the admin with a second person (DESIGN §6)."""
        person = self.picked()
        if person is None:
            return
        act = partial(self.services.auth.unlock, self.actor, person.badge)
        alone = may(self.actor, Action.UNLOCK_BADGE)
        self.run_act(person, "unlock", act, "ui.people.unlocked", second=not alone)

    @on(Button.Pressed, "#label")
    def label(self) -> None:
        """A badge label, signed and written by the service (DESIGN §6)."""
        person = self.picked()
        if person is not None:
            self.ask_label(CodeKind.BADGE, person.badge, self.query_one("#label", Button))

    def run_act(
        self, person: Person, act_key: str, act: PersonAct, done_key: str, *, second: bool = False
    ) -> None:
        """Do the act alone, or open the second person's dialog when the rules need one."""
        self.notice.clear()
        self.keep = person.badge
        line = self.words(done_key, badge=person.badge, name=person.name)
        if second or needs_second_person(person.role):
            title = self.words(
                "ui.people.second_title",
                act=self.words(f"ui.people.act.{act_key}"),
                badge=person.badge,
                name=person.name,
            )
            confirmed = with_second_person(self.services, act)
            self.open_screen(SecondPersonDialog(title, confirmed), partial(self.after_second, line))
            return
        buttons = self.query(Button)
        done = partial(PersonChanged, line, person.badge)
        if self.calls.command(f"person-{act_key}", partial(act, None), lambda _: done(), *buttons):
            self.notice.inform(self.words("ui.busy"))

    def after_second(self, line: str, second: Actor | None) -> None:
        if second is not None:
            self.notice.inform(line)

    def on_person_changed(self, message: PersonChanged) -> None:
        self.notice.inform(message.line)
        self.on_screen_resume()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the menu."""
        self.go_back()
