"""Provides the kiosk lock: which keys may reach a screen, and bindings that do nothing.

STYLE 13: the kiosk cannot be quit, suspended, screenshotted or opened to a command palette
from the keyboard, and a scanner's keystrokes are data, never commands.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Keys a person needs to move through the screens and edit a field.
NAVIGATION_KEYS = frozenset(
    {
        "enter",
        "tab",
        "shift+tab",
        "backspace",
        "delete",
        "left",
        "right",
        "up",
        "down",
        "home",
        "end",
        "pageup",
        "pagedown",
        "escape",
        "space",
    }
)

_CHORD_PREFIXES = ("ctrl+", "alt+", "meta+", "super+", "hyper+")

# The keys Textual or a terminal has ever given a meaning that a kiosk must not have.
NEUTRALISED_KEYS: tuple[str, ...] = (
    "ctrl+q",
    "ctrl+c",
    "ctrl+z",
    "ctrl+backslash",
    "ctrl+p",
    "ctrl+s",
    "ctrl+d",
    "ctrl+x",
    "ctrl+v",
    *(f"f{number}" for number in range(1, 25)),
)


def key_allowed(key: str, character: str | None) -> bool:
    """Whether a key press may reach the screens: navigation, or one printable character."""
    if key in NAVIGATION_KEYS:
        return True
    if key.startswith(_CHORD_PREFIXES):
        return False
    return character is not None and len(character) == 1 and character.isprintable()


def neutral_bindings() -> list[BindingType]:
    """Priority bindings that swallow the dangerous keys, should one ever get past key_allowed."""
    return [
        Binding(key, "app.ignore", show=False, priority=True, system=True)
        for key in NEUTRALISED_KEYS
    ]
