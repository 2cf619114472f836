"""Provides check boxes whose ticked and unticked states differ by shape, not only colour."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton

TICKED = "☑"
UNTICKED = "☐"


class ShapeCheckbox(Checkbox):
    """A Checkbox whose box is ☐ or ☑ (issue 9 item 4: legible in 16 colours and to the
    colour-blind), keeping Checkbox's keys, messages and styles."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def _button(self) -> Content:
        """The box, its shape saying whether it is ticked."""
        style = self.get_visual_style("toggle--button")
        return Content.assemble((TICKED if self.value else UNTICKED, style))


class ShapeSelectionList(SelectionList[Any]):
    """A SelectionList whose boxes are ☐ or ☑, as ShapeCheckbox's are."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        if len(segments) < 2 or index >= self.option_count:
            return strip
        if segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TICKED if ticked else UNTICKED, segments[1].style)
        return Strip(segments, strip.cell_length)
