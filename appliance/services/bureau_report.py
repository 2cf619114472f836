"""Provides the audit office's report across every unit (Art. 15, 16): for each unit the weekly
hand-overs received and missing (Art. 12(2)), the footage held, the chains that did not extend
(Art. 16(2): footage edited or deleted) and the packages refused; the bureau's own log too."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from appliance.domain.articles import enforces
from appliance.domain.audit import walk
from appliance.domain.bureau import BureauAction
from appliance.domain.errors import BadInput
from appliance.domain.packages import parse_week, week_of
from appliance.domain.records import Actor
from appliance.services.bureau_context import BureauContext

PERIOD_DAYS_MAX = 3660


@dataclass(frozen=True)
class UnitLine:
    """One unit's line of the report."""

    code: str
    name: str
    weeks_due: tuple[str, ...]
    weeks_received: tuple[str, ...]
    weeks_missing: tuple[str, ...]
    # Weeks that came in after the Monday that follows them (Art. 12(2): every Monday).
    weeks_late: tuple[str, ...]
    packages: int
    clips: int
    bytes: int
    officers: int
    cases: int
    classes: dict[str, int]
    chain_alarms: tuple[tuple[str, int | None], ...]
    refused: int
    held_size: int


@dataclass(frozen=True)
class BureauAuditReport:
    """The report of days [start, end] across units; the bureau log's own state."""

    start: str
    end: str
    units: tuple[UnitLine, ...]
    log_events: int
    log_intact: bool
    log_first_bad: int | None
    totals: dict[str, int] = field(default_factory=dict)


def _weeks(start: date, end: date) -> tuple[str, ...]:
    """The weeks wholly inside [start, end]: those a hand-over was due for (Art. 12(2))."""
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) <= end:
        weeks.append(week_of(monday))
        monday += timedelta(days=7)
    return tuple(weeks)


class BureauReports:
    """The audit office's view of every unit over a period."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    @enforces("15")
    def audit(self, actor: Actor, start: str, end: str) -> BureauAuditReport:
        """The report of days start..end (YYYY-MM-DD), read in one snapshot; the read is logged."""
        ctx = self._ctx
        ctx.require(actor, BureauAction.READ_REPORT, "report", f"{start}..{end}")
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            raise BadInput("bureau.bad_period", start=start, end=end) from None
        if first > last or (last - first).days > PERIOD_DAYS_MAX:
            raise BadInput("bureau.bad_period", start=start, end=end)
        due = _weeks(first, last)
        zone = ctx.settings.zone()
        store = ctx.store
        with store.snapshot():
            alarms = store.alarms_between(start, end)
            refused = store.refused_between(start, end)
            lines = []
            for unit in store.units():
                figures = store.figures(unit.id, start, end, due)
                received = tuple(sorted(figures.received))
                late = tuple(
                    w for w in received if _day_of(figures.received[w], zone) > _monday_after(w)
                )
                chain = tuple(
                    (a.kind, a.seq)
                    for a in alarms
                    if a.unit == unit.code and a.kind.startswith("chain_")
                )
                lines.append(
                    UnitLine(
                        code=unit.code,
                        name=unit.name,
                        weeks_due=due,
                        weeks_received=received,
                        weeks_missing=tuple(w for w in due if w not in received),
                        weeks_late=late,
                        packages=len(received),
                        clips=figures.clips,
                        bytes=figures.bytes,
                        officers=figures.officers,
                        cases=figures.cases,
                        classes=figures.classes,
                        chain_alarms=chain,
                        refused=sum(1 for e in refused if _unit_of(e.detail_json) == unit.code),
                        held_size=unit.held.size if unit.held else 0,
                    )
                )
            log = walk(store.iterate())
        with ctx.store.transaction():
            ctx.record(actor, "report_read", "report", f"{start}..{end}", units=len(lines))
        totals = {
            "units": len(lines),
            "packages": sum(u.packages for u in lines),
            "clips": sum(u.clips for u in lines),
            "bytes": sum(u.bytes for u in lines),
            "weeks_missing": sum(len(u.weeks_missing) for u in lines),
            "weeks_late": sum(len(u.weeks_late) for u in lines),
            "chain_alarms": sum(len(u.chain_alarms) for u in lines),
            "refused": len(refused),
        }
        return BureauAuditReport(
            start, end, tuple(lines), log.size, log.intact, log.first_bad_seq, totals
        )


def _day_of(instant: datetime, zone: tzinfo) -> date:
    return instant.astimezone(zone).date()


def _monday_after(week: str) -> date:
    return parse_week(week)[1]


def _unit_of(detail_json: str) -> str | None:
    try:
        detail = json.loads(detail_json)
    except ValueError:
        return None
    unit = detail.get("unit") if isinstance(detail, dict) else None
    return unit if isinstance(unit, str) else None
