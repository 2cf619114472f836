"""Provides the PIN field every dialog and screen that takes a PIN uses: digits, hidden."""

from __future__ import annotations

from textual.widgets import Input

# DESIGN §6: a PIN is 6 to 12 digits; longer input cannot be a PIN.
PIN_MAX_LENGTH = 12


def pin_field(placeholder: str, field_id: str) -> Input:
    """A hidden field of at most PIN_MAX_LENGTH digits; nothing else can be typed in it."""
    return Input(
        # Digits typed after a refocus must not replace the ones before them.
        select_on_focus=False,
        placeholder=placeholder,
        password=True,
        restrict=r"[0-9]*",
        max_length=PIN_MAX_LENGTH,
        id=field_id,
    )
