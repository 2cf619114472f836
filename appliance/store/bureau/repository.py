"""Provides the bureau's repository: every table of the bureau database, as domain values.

The same code on SQLite and on PostgreSQL: peewee writes each dialect's SQL, and each query
runs on this store's database only (`execute(db)`), never on a model bound process-wide.
"""

from __future__ import annotations

from appliance.domain.bureau import NewClip
from appliance.store.bureau.holdings import Holdings, UnitFigures
from appliance.store.bureau.records import BureauAlarm, Records
from appliance.store.bureau.registers import BureauPerson, Registers

__all__ = ["BureauAlarm", "BureauPerson", "BureauStore", "NewClip", "UnitFigures"]


class BureauStore(Registers, Holdings, Records):
    """The bureau's tables through one database (SQLite or PostgreSQL)."""
