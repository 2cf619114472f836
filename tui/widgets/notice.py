"""Provides the one-line notice under a form: why something was refused, or what happened."""

from __future__ import annotations

from textual.widgets import Static

from tui.text import plain


class Notice(Static):
    """One line of plain text (never markup) that a screen sets and clears."""

    DEFAULT_CSS = """
    Notice {
        height: auto;
        min-height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__("", markup=False, id=id)
        self.text = ""

    def refuse(self, line: str) -> None:
        """Show a refusal: one clear line saying why (DESIGN §6)."""
        self.remove_class("-info")
        self.add_class("-refused")
        self.text = line
        self.update(plain(line))

    def inform(self, line: str) -> None:
        """Show a neutral line."""
        self.remove_class("-refused")
        self.add_class("-info")
        self.text = line
        self.update(plain(line))

    def clear(self) -> None:
        """Show nothing."""
        self.remove_class("-refused", "-info")
        self.text = ""
        self.update("")
