"""Provides safe display text: untrusted strings as plain Text, instants as local time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from appliance.config import Settings, local_zone

# Re-exported: the screens say sizes and lengths as the reports do.
from appliance.quantities import duration as duration
from appliance.quantities import human_bytes as human_bytes
from appliance.safe_text import printable


def plain(text: str) -> Text:
    """Text that is never read as markup, with control characters shown escaped (§3.5)."""
    return Text(printable(text, limit=400), no_wrap=False)


def plain_lines(text: str) -> Text:
    """plain() of a catalogue message that has lines of its own.

    `t()` escapes every parameter, so each newline left is the template's: the lines are kept,
    and each is made plain on its own.
    """
    return Text("\n").join(plain(line) for line in text.split("\n"))


def local(instant: datetime, settings: Settings) -> datetime:
    """The instant on the kiosk's wall clock: the configured timezone, else the system's."""
    return instant.astimezone(local_zone(settings))


def clock_time(instant: datetime, settings: Settings) -> str:
    """'HH:MM' on the wall clock, as people say when they took a recorder (Art. 10)."""
    return local(instant, settings).strftime("%H:%M")


def since_time(instant: datetime, settings: Settings, now: datetime) -> str:
    """'HH:MM' when it was today on the wall clock, else 'MM-DD HH:MM' (Art. 10: since when)."""
    if local(instant, settings).date() == local(now, settings).date():
        return clock_time(instant, settings)
    return day_time(instant, settings)


def day_time(instant: datetime, settings: Settings) -> str:
    """'MM-DD HH:MM' on the wall clock, for lists that may span days."""
    return local(instant, settings).strftime("%m-%d %H:%M")


def date_time(instant: datetime, settings: Settings) -> str:
    """'YYYY-MM-DD HH:MM' on the wall clock, for a recorder's life that spans years."""
    return local(instant, settings).strftime("%Y-%m-%d %H:%M")
