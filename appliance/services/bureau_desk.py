"""Provides what the collector's desk shows at a glance: the units, the packages taken in
(newest first) and the open alarms (issue 14), as plain values the screen can say in words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from appliance.domain.bureau import BureauPackage
from appliance.services.bureau_context import BureauContext


@dataclass(frozen=True)
class DeskUnit:
    """A registered unit: its key id, how many events of its chain are held, its packages."""

    code: str
    name: str
    key: str
    events_held: int
    packages: int


@dataclass(frozen=True)
class DeskAlarm:
    """An alarm nobody acknowledged: when, which kind, which unit, at which seq, from what."""

    id: int
    at: datetime
    kind: str
    unit: str
    seq: int | None
    package: str


@dataclass(frozen=True)
class DeskView:
    """Everything the desk lists, read in one go."""

    units: tuple[DeskUnit, ...]
    packages: tuple[BureauPackage, ...]
    alarms: tuple[DeskAlarm, ...]


class BureauDesk:
    """Reads the desk's overview (the same facts `unit list`, `packages list` and `alarms list`
    print)."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def view(self) -> DeskView:
        """The units by code, the packages newest first, the open alarms oldest first."""
        store = self._ctx.store
        packages = store.packages()
        per_unit = Counter(p.unit for p in packages)
        units = tuple(
            DeskUnit(u.code, u.name, u.key, u.held.size if u.held else 0, per_unit.get(u.code, 0))
            for u in store.units()
        )
        alarms = tuple(
            DeskAlarm(a.id, a.at, a.kind, a.unit, a.seq, str(a.detail.get("package", "")))
            for a in store.alarms(open_only=True)
        )
        return DeskView(units, tuple(reversed(packages)), alarms)
