"""Provides the idle warning: a countdown over the screen before the idle sign-off (DESIGN §6)."""

from __future__ import annotations

from textual.widgets import Static

from tui.text import plain


class IdleWarning(Static):
    """One bold line at the foot of the screen: signed off in N seconds, any key stays."""

    DEFAULT_CSS = """
    IdleWarning {
        dock: bottom;
        height: 3;
        width: 100%;
        padding: 1 2;
        background: $warning;
        color: $background;
        text-style: bold;
    }
    """

    def __init__(self, line: str) -> None:
        super().__init__(plain(line), markup=False, id="idle-warning")
        self.line = line

    def say(self, line: str) -> None:
        """Show the countdown's new line."""
        self.line = line
        self.update(plain(line))
