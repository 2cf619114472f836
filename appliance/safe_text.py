"""Provides the escaping of untrusted text before it reaches a terminal (DESIGN §3.5)."""

from __future__ import annotations


def printable(text: str, limit: int = 200) -> str:
    """Text with every non-printable character shown as an escape, cut to limit characters.

    File names, badge codes and metadata come from outside; an ESC or a newline in them must
    never move the cursor or forge a line on the kiosk or in a report.
    """
    shown = []
    for char in text[:limit]:
        if char.isprintable():
            shown.append(char)
        else:
            shown.append(char.encode("unicode_escape").decode("ascii"))
    result = "".join(shown)
    return result + "…" if len(text) > limit else result
