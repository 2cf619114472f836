"""The synthetic hand-overs are real ones: they verify, and the bureau takes them in order."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.bureau_config import BureauSettings
from appliance.bureau_root import Bureau, build_bureau, create_key
from appliance.domain.records import Actor
from appliance.services.bureau_people import actor_of
from tests.bureau.synthetic import SyntheticUnit, weeks

_OFFICERS = ("1001", "1002", "2001")


def _bureau(home: Path) -> tuple[Bureau, Actor, Actor]:
    """A fresh SQLite bureau with a head, a collector; (bureau, collector, head)."""
    settings = BureauSettings(home=home, code="BUR01", name="Bureau", language="en",
                              timezone="UTC", seal="off")  # fmt: skip
    home.mkdir(parents=True, exist_ok=True)
    clock = SettableClock(datetime(2026, 3, 2, 10, tzinfo=UTC))
    bureau = build_bureau(settings, clock=clock, create=True)
    create_key(settings)
    head = actor_of(bureau.people.add("9001", "Head", "bureau_head", "246810"), settings.code)
    collector = actor_of(
        bureau.people.add("9002", "Collector", "info_collector", "135790", by=head),
        settings.code,
    )
    return bureau, collector, head


def test_a_synthetic_package_verifies(tmp_path: Path) -> None:
    unit = SyntheticUnit("U0001")
    path = unit.week("2026-W05", tmp_path, 3, 2048, _OFFICERS, random.Random(5))
    report = verify_package(path, unit.public_key_b64())
    assert (report.kind, report.unit, report.period, report.files) == (
        "handover",
        "U0001",
        "2026-W05",
        3,
    )
    assert report.payload_bytes == 3 * 2048
    key_file = unit.write_key(tmp_path / "audit.pub")
    assert verify_package(path, key_file.read_text()).key == report.key


def test_consecutive_weeks_ingest_and_a_skipped_week_is_a_gap(tmp_path: Path) -> None:
    rng = random.Random(14)
    bureau, collector, head = _bureau(tmp_path / "bureau")
    try:
        units = [SyntheticUnit("U0001"), SyntheticUnit("U0002")]
        for unit in units:
            bureau.units.add(unit.code, unit.name, unit.public_key_b64(), collector, head)
        first, second, third, fourth = weeks("2026-W05", 4)
        drive = tmp_path / "drive"
        drive.mkdir()
        for week in (first, second):
            for unit in units:
                path = unit.week(week, drive, 2, 1024, _OFFICERS, rng)
                outcome = bureau.ingest.ingest_one(collector, path)
                assert outcome.status == "ingested", outcome.refusal
                assert (outcome.unit, outcome.period, outcome.new_clips) == (unit.code, week, 2)
        found = bureau.clips.find(collector, officer="1001")
        assert {shown.clip.unit for shown in found} == {"U0001", "U0002"}
        assert len(bureau.clips.find(collector, limit=100)) == 8
        # U0001's third week never reaches the bureau: its fourth is refused as a gap.
        lone = units[0]
        lone.week(third, tmp_path, 2, 1024, _OFFICERS, rng)
        skipped = lone.week(fourth, drive, 2, 1024, _OFFICERS, rng)
        outcome = bureau.ingest.ingest_one(collector, skipped)
        assert outcome.status == "refused"
        assert outcome.refusal is not None
        assert outcome.refusal.reason == "bureau.chain_gap"
        assert len(bureau.clips.find(collector, unit="U0001", limit=100)) == 4
    finally:
        bureau.close()
