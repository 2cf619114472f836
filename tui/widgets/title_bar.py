"""Provides the bar at the top of every screen: the product, the unit, and who is signed in."""

from __future__ import annotations

from textual.widgets import Static

from tui.text import plain


class TitleBar(Static):
    """One line naming the kiosk and, on signed-in screens, the person at it."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(plain(text), markup=False)
