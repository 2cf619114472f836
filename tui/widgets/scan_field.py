"""Provides the field a USB scanner types into: one line of untrusted text for a service to read."""

from __future__ import annotations

from textual.widgets import Input

from appliance.domain.scan import MAX_SCAN_LENGTH


class ScanField(Input):
    """A badge or label scan (or the same typed by hand), ended by Enter."""

    def __init__(self, placeholder: str, *, id: str) -> None:  # noqa: A002 (Textual's name)
        super().__init__(
            placeholder=placeholder,
            # One more than the longest code, so an over-long scan stays over-long and is
            # refused in words instead of being cut to something that might parse (§3.5).
            max_length=MAX_SCAN_LENGTH + 1,
            # A scan whose first character moved the focus here must keep that character.
            select_on_focus=False,
            id=id,
        )
