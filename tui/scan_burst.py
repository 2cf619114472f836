"""Provides the scan burst: code characters typed where no field takes them, ended by Enter.

A USB scanner types its code and presses Enter. On a screen whose focus is a button or a list,
those characters would vanish and the Enter would press the focused button in someone else's
session (STYLE 13: scanner input is data, never keys). The app feeds such keys here instead.
"""

from __future__ import annotations

from appliance.domain.scan import MAX_SCAN_LENGTH

# A scanner types a whole code well inside this; a person who pauses longer starts afresh, so a
# stray letter pressed a while ago never turns a later Enter into a "scan".
BURST_GAP_SECONDS = 1.0


class ScanBurst:
    """Collects a burst of code characters; Enter ends it and gives the code."""

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._last_at = 0.0

    @property
    def pending(self) -> bool:
        """True while a burst has begun and not ended."""
        return bool(self._chars)

    def clear(self) -> None:
        """Forget the burst (any other key, a click, a screen change)."""
        self._chars.clear()

    def feed(self, character: str, at: float) -> None:
        """One code character at monotonic time `at`."""
        if self._chars and at - self._last_at > BURST_GAP_SECONDS:
            self._chars.clear()
        self._last_at = at
        # One more than the longest code, so an over-long scan is refused, never cut (§3.5).
        if len(self._chars) <= MAX_SCAN_LENGTH:
            self._chars.append(character)

    def end(self, at: float) -> str | None:
        """Enter: the code if a burst was under way (and recent), else None (a real Enter)."""
        fresh = self._chars and at - self._last_at <= BURST_GAP_SECONDS
        code = "".join(self._chars) if fresh else None
        self._chars.clear()
        return code
