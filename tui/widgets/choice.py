"""Provides a set of choices, one of which is chosen, told apart by shape (◉ ○) not colour."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import RadioButton, RadioSet

from tui.text import plain

CHOSEN = "◉"
NOT_CHOSEN = "○"


class ShapeRadioButton(RadioButton):
    """A RadioButton whose mark is ◉ or ○ (STYLE 12: legible in 16 colours, issue 9 item 4)."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble((CHOSEN if self.value else NOT_CHOSEN, style))


class ChoiceSet(RadioSet):
    """One choice of several, each in words; `chosen` is the value (an identifier, never shown)."""

    def __init__(self, choices: Sequence[tuple[str, str]], *, id: str, first: bool = True) -> None:  # noqa: A002
        buttons = [
            ShapeRadioButton(plain(label), value=first and index == 0, id=f"{id}-{value}")
            for index, (value, label) in enumerate(choices)
        ]
        super().__init__(*buttons, id=id)
        self._values = [value for value, _ in choices]
        self._prefix = f"{id}-"

    @property
    def chosen(self) -> str | None:
        """The value of the chosen button, or None when none is."""
        button = self.pressed_button
        if button is None or button.id is None:
            return None
        return button.id.removeprefix(self._prefix)
