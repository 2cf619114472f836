"""Provides the numbered schema migrations and their runner (PRAGMA user_version)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import ModuleType
from typing import Any

from appliance.domain.errors import BadInput
from appliance.store.migrations import (
    m0001_initial,
    m0002_readings,
    m0003_footage,
    m0004_state_binding,
    m0005_release,
    m0006_lifecycle,
    m0007_requests,
    m0008_handover_requests,
    m0009_disclosure_export,
    m0010_holds_retention,
    m0011_discs,
    m0012_alarm_note,
    m0013_disc_burn,
    m0014_supervision_indexes,
)

MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_readings,
    m0003_footage,
    m0004_state_binding,
    m0005_release,
    m0006_lifecycle,
    m0007_requests,
    m0008_handover_requests,
    m0009_disclosure_export,
    m0010_holds_retention,
    m0011_discs,
    m0012_alarm_note,
    m0013_disc_burn,
    m0014_supervision_indexes,
)


def apply_all(database: Any, now: Callable[[], datetime]) -> int:
    """Apply every migration newer than the file's user_version; return the new version.

    A migration is its STATEMENTS, then its optional `after(database, now)` step (which
    appends the events that bind what it changed to the chain). A file newer than this code
    is refused: the code cannot know what its tables mean.
    """
    current = int(database.execute_sql("PRAGMA user_version").fetchone()[0])
    if current > latest_version():
        raise BadInput("schema_too_new", version=current, supported=latest_version())
    for migration in MIGRATIONS:
        version = int(migration.VERSION)
        if version <= current:
            continue
        with database.atomic():
            for statement in migration.STATEMENTS:
                database.execute_sql(statement)
            after = getattr(migration, "after", None)
            if after is not None:
                after(database, now)
            database.execute_sql(f"PRAGMA user_version = {version:d}")
        current = version
    return current


def latest_version() -> int:
    """The version a fully migrated database has."""
    return int(MIGRATIONS[-1].VERSION)
