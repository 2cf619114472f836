"""Provides sizes and lengths as people read them: on the kiosk's screens and on the reports."""

from __future__ import annotations


def human_bytes(count: float) -> str:
    """Bytes as people read them (decimal units, as on recorder cards)."""
    for unit in ("B", "KB", "MB", "GB"):
        if abs(count) < 1000:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def duration(seconds: float) -> str:
    """'H:MM:SS' of footage, as a recorder's player shows a clip's length."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
