"""Provides the one text form of instants in the database: ISO-8601 in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(instant: datetime) -> str:
    """ISO-8601 UTC with microseconds, so text order is time order."""
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """Parse what to_text wrote."""
    return datetime.fromisoformat(text)
