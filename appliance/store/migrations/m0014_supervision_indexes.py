"""Provides migration 14: the indexes the supervision reads by (Art. 14, 15; DESIGN §13).

The unit head's day and the audit office's period read each record kind over a window of one
time column; without an index each read would scan its whole table (1 M clips, 50 k sessions
on a busy box). Indexes change no row, so nothing is bound to the chain again.
"""

from __future__ import annotations

VERSION = 14

STATEMENTS = (
    "CREATE INDEX custody_session_started ON custody_session(started_at)",
    "CREATE INDEX preshift_check_at ON preshift_check(at)",
    "CREATE INDEX clip_archived ON clip(archived_at)",
    "CREATE INDEX clip_session ON clip(session_id)",
    "CREATE INDEX fault_reported ON fault(reported_at)",
    "CREATE INDEX incident_declared ON incident(declared_at)",
    "CREATE INDEX alarm_at ON alarm(at)",
    "CREATE INDEX quarantine_found ON quarantine(found_at)",
    "CREATE INDEX disclosure_exported ON disclosure(exported_at)",
    "CREATE INDEX disc_made ON disc(made_at)",
)
