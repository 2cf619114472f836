"""Provides the bureau archive's benchmark (issue 14): a year of every unit's hand-overs.

BWC_BENCH_BUREAU_UNITS units (20) each hand over BWC_BENCH_BUREAU_WEEKS weekly packages (52)
of BWC_BENCH_BUREAU_CLIPS clips (5) of BWC_BENCH_BUREAU_CLIP_KB KB (20): real, sealed and
signed packages made once by tests/bureau/synthetic.py with the box's own BagWriter. Then,
side by side in one run, for each engine, SQLite (the default bureau home) and PostgreSQL
(a throwaway cluster started here, reached by its Unix socket, as `database_url` names it):
every package ingested in order, week by week, by `bureau.ingest.ingest_one` in process
(verify, prove the chain extends the held one, copy and re-hash the payload, store); a
cross-unit search of one officer's clips (the median of a few runs); and the audit office's
report over the whole year. The baseline in the same run is `verify_package` of every
package: the floor the ingest cannot beat, since it runs that very check first. Figures are
warm-cache (the packages were just written); the PostgreSQL cluster runs with fsync off, as
the tests' throwaway one does, while SQLite keeps the bureau's synchronous=full.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.bureau_config import BureauSettings
from appliance.bureau_root import Bureau, build_bureau, create_key
from appliance.domain.packages import parse_week
from appliance.domain.records import Actor
from appliance.services.bureau_people import actor_of
from tests.bureau.synthetic import SyntheticUnit, weeks

UNITS = int(os.environ.get("BWC_BENCH_BUREAU_UNITS", "20"))
WEEKS = int(os.environ.get("BWC_BENCH_BUREAU_WEEKS", "52"))
CLIPS = int(os.environ.get("BWC_BENCH_BUREAU_CLIPS", "5"))
CLIP_BYTES = int(float(os.environ.get("BWC_BENCH_BUREAU_CLIP_KB", "20")) * 1000)
FIRST_WEEK = "2026-W01"
_OFFICERS_PER_UNIT = 6
_SEARCH_RUNS = 5
T = TypeVar("T")


@dataclass(frozen=True)
class Package:
    """One generated package: where it is, its unit and week."""

    path: Path
    unit: str
    week: str


@dataclass(frozen=True)
class EngineFigures:
    """One engine's times over the year's packages."""

    engine: str
    ingest_seconds: float
    search_seconds: float
    search_found: int
    report_seconds: float
    report_packages: int
    report_clips: int
    refused: int


def _officers(code: str) -> list[str]:
    number = int("".join(c for c in code if c.isdigit()) or "0")
    return [f"{number:04d}{n:02d}" for n in range(1, _OFFICERS_PER_UNIT + 1)]


def generate(folder: Path) -> tuple[list[SyntheticUnit], list[Package], float]:
    """The year's packages, written once into folder; (units, packages week by week, seconds)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(14)
    units = [SyntheticUnit(f"U{n:04d}") for n in range(1, UNITS + 1)]
    packages = []
    started = time.perf_counter()
    for week in weeks(FIRST_WEEK, WEEKS):
        for unit in units:
            path = unit.week(week, folder, CLIPS, CLIP_BYTES, _officers(unit.code), rng)
            packages.append(Package(path, unit.code, week))
    return units, packages, time.perf_counter() - started


def _settings(home: Path, database_url: str) -> BureauSettings:
    return BureauSettings(home=home, code="BUR01", name="Bench bureau", language="en",
                          timezone="UTC", database_url=database_url, seal="off")  # fmt: skip


def _open(
    home: Path, database_url: str, units: list[SyntheticUnit], clock: SettableClock
) -> tuple[Bureau, Actor, Actor]:
    """A new bureau with its people and every unit registered; (bureau, collector, auditor)."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    settings = _settings(home, database_url)
    bureau = build_bureau(settings, clock=clock, create=True)
    create_key(settings)
    code = settings.code
    head = actor_of(bureau.people.add("9001", "Head", "bureau_head", "246810"), code)
    collector = actor_of(
        bureau.people.add("9002", "Collector", "info_collector", "135790", by=head), code
    )
    auditor = actor_of(
        bureau.people.add("9003", "Auditor", "auditor", "112233", by=collector, confirmer=head),
        code,
    )
    for unit in units:
        bureau.units.add(unit.code, unit.name, unit.public_key_b64(), collector, head)
    return bureau, collector, auditor


def _timed(step: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    value = step()
    return time.perf_counter() - started, value


def run_engine(
    engine: str,
    home: Path,
    database_url: str,
    units: list[SyntheticUnit],
    packages: list[Package],
) -> EngineFigures:
    """Ingest every package in order, then search and report; the times."""
    first_monday, _ = parse_week(packages[0].week)
    start = datetime(first_monday.year, first_monday.month, first_monday.day, tzinfo=UTC)
    clock = SettableClock(start)
    bureau, collector, auditor = _open(home, database_url, units, clock)
    try:
        refused = 0
        started = time.perf_counter()
        for package in packages:
            # Received on the Monday after its week, mid-morning: never late.
            _, monday_after = parse_week(package.week)
            due = datetime(monday_after.year, monday_after.month, monday_after.day, 10,
                           tzinfo=UTC)  # fmt: skip
            if due > clock.now():
                clock.advance((due - clock.now()).total_seconds())
            clock.advance(1)
            outcome = bureau.ingest.ingest_one(collector, package.path)
            if outcome.status != "ingested":
                refused += 1
                reason = outcome.refusal.reason if outcome.refusal else outcome.status
                print(f"  {engine}: {package.path.name} {outcome.status}: {reason}")
        ingest_seconds = time.perf_counter() - started
        officer = _officers(units[len(units) // 2].code)[0]
        runs = []
        found = 0
        for _ in range(_SEARCH_RUNS):
            seconds, shown = _timed(
                lambda: bureau.clips.find(auditor, officer=officer, limit=10_000)
            )
            runs.append(seconds)
            found = len(shown)
        _, last_after = parse_week(packages[-1].week)
        first_day = first_monday.isoformat()
        last_day = (last_after - timedelta(days=1)).isoformat()
        report_seconds, report = _timed(lambda: bureau.reports.audit(auditor, first_day, last_day))
        totals = report.totals
        return EngineFigures(
            engine,
            ingest_seconds,
            statistics.median(runs),
            found,
            report_seconds,
            totals.get("packages", 0),
            totals.get("clips", 0),
            refused,
        )
    finally:
        bureau.close()


def _postgresql(
    work: Path, units: list[SyntheticUnit], packages: list[Package]
) -> tuple[EngineFigures | None, str]:
    """The PostgreSQL run on a throwaway cluster; (figures, '') or (None, why not)."""
    from tests.pg_cluster import PgCluster, find_bindir

    if find_bindir() is None:
        return None, "PostgreSQL is not installed (make setup installs it): no PostgreSQL run"
    cluster = PgCluster.start()
    try:
        url = cluster.new_database("bureau_bench")
        return run_engine("postgresql", work / "pg-home", url, units, packages), ""
    finally:
        cluster.stop()


def run(out: Path) -> dict[str, object]:
    """Generate the year once, time the verify floor, then each engine; print side by side."""
    work = out / "bureau"
    shutil.rmtree(work, ignore_errors=True)
    units, packages, generated = generate(work / "packages")
    count = len(packages)
    clips = count * CLIPS
    total = clips * CLIP_BYTES
    started = time.perf_counter()
    keys = {unit.code: unit.public_key_b64() for unit in units}
    for package in packages:
        verify_package(package.path, keys[package.unit])
    verify_seconds = time.perf_counter() - started
    engines = [run_engine("sqlite", work / "sqlite-home", "", units, packages)]
    postgresql, note = _postgresql(work, units, packages)
    if postgresql is not None:
        engines.append(postgresql)
    print(
        f"bureau: {UNITS} units x {WEEKS} weeks = {count} packages, {clips:,} clips of"
        f" {CLIP_BYTES / 1000:.0f} KB ({total / 1e6:.0f} MB), generated in {generated:.1f} s"
    )
    header = "".join(f"{e.engine:>14}" for e in engines)
    print(f"  {'':<34}{'verify only':>14}{header}")

    def row(label: str, floor: str, cells: list[str]) -> None:
        print(f"  {label:<34}{floor:>14}" + "".join(f"{c:>14}" for c in cells))

    row("all packages, seconds", f"{verify_seconds:.2f}",
        [f"{e.ingest_seconds:.2f}" for e in engines])  # fmt: skip
    row("packages/s", f"{count / verify_seconds:.1f}",
        [f"{count / e.ingest_seconds:.1f}" for e in engines])  # fmt: skip
    row("clips/s", f"{clips / verify_seconds:.0f}",
        [f"{clips / e.ingest_seconds:.0f}" for e in engines])  # fmt: skip
    row("MB/s (payload)", f"{total / verify_seconds / 1e6:.2f}",
        [f"{total / e.ingest_seconds / 1e6:.2f}" for e in engines])  # fmt: skip
    row("x the verify floor", "1.00", [f"{e.ingest_seconds / verify_seconds:.2f}" for e in engines])
    row(f"one officer's clips, median of {_SEARCH_RUNS}", "",
        [f"{e.search_seconds * 1000:.1f} ms" for e in engines])  # fmt: skip
    row("  clips found", "", [str(e.search_found) for e in engines])
    row("the year's audit report", "", [f"{e.report_seconds:.2f} s" for e in engines])
    row("  packages / clips reported", "",
        [f"{e.report_packages}/{e.report_clips}" for e in engines])  # fmt: skip
    row("packages refused", "", [str(e.refused) for e in engines])
    if note:
        print(f"  note: {note}")
    result: dict[str, object] = {
        "units": UNITS,
        "weeks": WEEKS,
        "packages": count,
        "clips": clips,
        "clip_bytes": CLIP_BYTES,
        "payload_bytes": total,
        "generate_seconds": generated,
        "verify_seconds": verify_seconds,
        "engines": {
            e.engine: {
                "ingest_seconds": e.ingest_seconds,
                "packages_per_second": count / e.ingest_seconds,
                "clips_per_second": clips / e.ingest_seconds,
                "mb_per_second": total / e.ingest_seconds / 1e6,
                "ingest_over_verify": e.ingest_seconds / verify_seconds,
                "search_median_seconds": e.search_seconds,
                "search_found": e.search_found,
                "report_seconds": e.report_seconds,
                "report_packages": e.report_packages,
                "report_clips": e.report_clips,
                "refused": e.refused,
            }
            for e in engines
        },
        "note": note,
    }
    (out / "bureau.json").write_text(json.dumps(result, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return result
