"""Provides adding a person at the kiosk: badge, name, role, unit and a first PIN (DESIGN §6).

A privileged role is given by two people: a unit head or the bureau head confirms in the
second person's dialog. The first PIN is one the admin typed, so its owner chooses their own
at their first sign-in.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from appliance.domain.records import Actor, Person
from appliance.domain.roles import Role
from appliance.domain.second_person import needs_second_person
from tui.dialogs.second_person import SecondPersonDialog, with_second_person
from tui.life_messages import PersonChanged
from tui.screens.base import KioskScreen
from tui.text import plain
from tui.widgets.choice import ChoiceSet
from tui.widgets.notice import Notice
from tui.widgets.pin_field import pin_field
from tui.widgets.title_bar import TitleBar


class AddPersonScreen(KioskScreen):
    """Four fields and the role; closes with the sentence of what was done, or None."""

    BINDINGS = [Binding("escape", "back", show=False)]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor

    def compose(self) -> ComposeResult:
        yield TitleBar(self.signed_in_title(self.actor))
        with Vertical(classes="body"):
            yield Static(plain(self.words("ui.person_add.title")), classes="screen-title")
            with Horizontal(classes="life-columns"):
                with Vertical(classes="life-form"):
                    yield Input(placeholder=self.words("ui.person_add.badge"), id="add-badge")
                    yield Input(placeholder=self.words("ui.person_add.name"), id="add-name")
                    yield Input(placeholder=self.words("ui.person_add.unit"), id="add-unit")
                    yield pin_field(self.words("ui.person_add.pin"), "add-pin")
                with Vertical(classes="life-column"):
                    yield Static(plain(self.words("ui.person_add.role")))
                    roles = [(role.value, self.words(f"role.{role.value}")) for role in Role]
                    yield ChoiceSet(roles, id="add-role")
            yield Notice(id="add-notice")
            with Horizontal(classes="buttons"):
                yield Button(self.words("ui.person_add.add"), variant="primary", id="add")
                yield Button(self.words("ui.back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#add-badge", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves on as Tab does; on the PIN it adds."""
        if event.input.id == "add-pin":
            self.add()
        else:
            self.focus_next()

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        """Add alone, or with the second person a privileged role needs (DESIGN §6)."""
        value = {
            name: self.query_one(f"#add-{name}", Input).value
            for name in ("badge", "name", "unit", "pin")
        }
        role_value = self.query_one("#add-role", ChoiceSet).chosen or Role.OFFICER.value
        if not (value["badge"].strip() and value["name"].strip() and value["pin"]):
            self.notice.refuse(self.words("ui.person_add.missing"))
            return
        self.query_one("#add-pin", Input).value = ""
        unit = value["unit"].strip() or None
        registry, actor = self.services.registry, self.actor
        badge, name, pin = value["badge"].strip(), value["name"].strip(), value["pin"]

        # A first PIN the admin typed: its owner replaces it at first sign-in (DESIGN §6).
        def act(confirmer: Actor | None) -> Person:
            return registry.add_person(
                actor, badge, name, role_value, pin, confirmer, unit, temporary_pin=True
            )

        role = Role(role_value)
        line = self.words(
            "ui.person_add.done",
            badge=value["badge"].strip(),
            name=value["name"].strip(),
            role=self.words(f"role.{role.value}"),
        )
        self.notice.clear()
        if needs_second_person(role):
            title = self.words(
                "ui.people.second_title",
                act=self.words("ui.people.act.add"),
                badge=value["badge"].strip(),
                name=value["name"].strip(),
            )
            dialog = SecondPersonDialog(title, with_second_person(self.services, act))
            self.open_screen(dialog, partial(self.after_second, line))
            return
        done = partial(PersonChanged, line, value["badge"].strip())
        hold = (*self.query(Input), self.query_one("#add", Button))
        if self.calls.command("add-person", partial(act, None), lambda _: done(), *hold):
            self.notice.inform(self.words("ui.busy"))

    def after_second(self, line: str, second: Actor | None) -> None:
        if second is not None:
            self.dismiss(line)

    def on_person_changed(self, message: PersonChanged) -> None:
        self.dismiss(message.line)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the list; nobody was added."""
        self.go_back()
