"""Provides the numbered schema migrations and their runner (PRAGMA user_version)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from appliance.store.migrations import m0001_initial, m0002_readings, m0003_footage

MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_readings,
    m0003_footage,
)


def apply_all(database: Any) -> int:
    """Apply every migration newer than the file's user_version; return the new version."""
    current = int(database.execute_sql("PRAGMA user_version").fetchone()[0])
    for migration in MIGRATIONS:
        version = int(migration.VERSION)
        if version <= current:
            continue
        with database.atomic():
            for statement in migration.STATEMENTS:
                database.execute_sql(statement)
            database.execute_sql(f"PRAGMA user_version = {version:d}")
        current = version
    return current


def latest_version() -> int:
    """The version a fully migrated database has."""
    return int(MIGRATIONS[-1].VERSION)
