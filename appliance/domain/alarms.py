"""Provides the records of what needs a person: alarms, quarantined content, fixity runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Alarm:
    """Something a person must look at: 'critical' means evidence may be at risk."""

    id: int
    at: datetime
    severity: str
    kind: str
    subject: str
    detail: dict[str, object] = field(default_factory=dict)
    # Art. 14: who saw to it, when, and what they did (the note).
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    note: str = ""

    @property
    def acknowledged(self) -> bool:
        """Whether a person has seen to it."""
        return self.acknowledged_at is not None


# The longest note an acknowledgement keeps.
NOTE_LIMIT = 500


@dataclass(frozen=True)
class Quarantined:
    """Content found in the archive without a clip row (DESIGN §4 reconciliation)."""

    id: int
    sha256: str
    size: int
    found_at: datetime
    content_matches: bool
    state: str


@dataclass(frozen=True)
class FixityRun:
    """One fixity run's counts: contents re-hashed, and how many differed or were gone."""

    at: datetime
    checked: int
    mismatched: int
    missing: int
