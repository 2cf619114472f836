"""A generated card of 50+ files goes into the archive byte-exact and flagged (DESIGN §3, §4)."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.adapters.archive_fs import hash_file
from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import SimulatorDriver, create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.domain.footage import stored_name
from appliance.domain.readings import DriftMeasure
from appliance.domain.records import Actor
from appliance.services.offload import offload_actor
from tests.conftest import START
from tests.footage import FIRST_CLIP_AT, FootageSet, copy_card


def _card(footage_card: FootageSet, target: Path, serial: str) -> SimulatorDriver:
    copy_card(footage_card.root, target)
    return create_simulator(target, serial, "Hikvision", "DS-MH2311")


def _shift(services: Services, badges: dict[str, DemoBadge], clock: SettableClock) -> int:
    """Officer 1001's eight hours with DSJ-A001 from START; the session's id."""
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    session = services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    clock.advance(8 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    return session.id


def test_card_is_archived_byte_exact_flagged_and_cleared(
    demo: tuple[Services, dict[str, DemoBadge]],
    clock: SettableClock,
    footage_card: FootageSet,
    tmp_path: Path,
) -> None:
    services, badges = demo
    _shift(services, badges, clock)
    driver = _card(footage_card, tmp_path / "rec", "DSJ-A001")
    source_hashes = {name: footage_card.sha256(name) for name in footage_card.names()}
    assert len(source_hashes) >= 50

    progress = services.offload.run(driver)

    assert progress.state == "done", progress.error
    assert progress.clips_total == len(source_hashes)
    assert progress.clips_new == len(source_hashes)
    assert progress.clips_failed == 0
    rows = {row.source_name: row for row in services.clips.listing()}
    assert len(rows) == len(source_hashes)
    for name, sha256 in source_hashes.items():
        row = rows[stored_name(os.fsdecode(name))]
        assert row.sha256 == sha256, name
        archived = services.offload.archive.path_for(sha256)
        assert hash_file(archived) == sha256
        # DESIGN §6: archived clips 0440, their directories 0750.
        assert stat.S_IMODE(archived.stat().st_mode) == 0o440
        assert stat.S_IMODE(archived.parent.stat().st_mode) == 0o750
        assert {f.value for f in row.flags} == footage_card.expected[name], name
        assert row.cleared_at is not None
    # Step 7: the footage left the recorder, the traps (links, FIFO) were never touched.
    assert driver.clips() == []
    for trap in footage_card.skipped:
        assert os.path.lexists(os.fsencode(tmp_path / "rec") + b"/" + trap)
    assert services.audit.verify(_system(services)).clean
    assert services.fixity.verify(_system(services)).clean


def test_clips_are_attributed_to_the_session_and_day(
    demo: tuple[Services, dict[str, DemoBadge]],
    clock: SettableClock,
    footage_card: FootageSet,
    tmp_path: Path,
) -> None:
    services, badges = demo
    session_id = _shift(services, badges, clock)
    driver = _card(footage_card, tmp_path / "rec", "DSJ-A001")
    # A clip with no recorder time falls back to its file's time: a day before the shift here.
    day_before = (START - timedelta(days=1)).timestamp()
    for folder, _, files in os.walk(tmp_path / "rec"):
        for name in files:
            os.utime(os.path.join(folder, name), (day_before, day_before), follow_symlinks=False)
    services.offload.run(driver, clear=False)
    mine = services.clips.listing(day="2026-11-27", holder_badge="1001")
    # Every clip with a creation time inside the shift (09:00-12:00 Beijing) is the holder's.
    # A file ffprobe cannot read has no recorder time, and MPEG-TS carries no creation_time:
    # those have only the file's time, before the shift, so they are nobody's.
    timed = {
        stored_name(os.fsdecode(name))
        for name, flags in footage_card.expected.items()
        if "unreadable" not in flags and not name.startswith(b"DCIM/TS/")
    }
    assert {c.source_name for c in mine} == timed
    assert {c.session_id for c in mine} == {session_id}
    rest = [c for c in services.clips.listing() if c.source_name not in timed]
    assert len(rest) == len(footage_card.expected) - len(timed) > 0
    assert {c.session_id for c in rest} == {None}
    assert services.clips.listing(holder_badge="1002") == []


def test_second_offload_finds_everything_already_archived(
    demo: tuple[Services, dict[str, DemoBadge]], footage_card: FootageSet, tmp_path: Path
) -> None:
    services, _ = demo
    driver = _card(footage_card, tmp_path / "rec", "DSJ-A002")
    first = services.offload.run(driver, clear=False)
    second = services.offload.run(driver)
    assert first.clips_new == second.clips_existing == len(footage_card.expected)
    assert second.clips_new == 0 and second.state == "done"
    assert second.clips_cleared == len(footage_card.expected)


def test_a_foreign_recorder_is_offloaded_and_flagged(
    demo: tuple[Services, dict[str, DemoBadge]], footage_card: FootageSet, tmp_path: Path
) -> None:
    services, badges = demo
    progress = services.offload.run(_card(footage_card, tmp_path / "rec", "OTHER-UNIT-9"))
    assert progress.state == "done"
    assert progress.flag_counts["foreign_unit"] == len(footage_card.expected)
    assert [a.subject for a in services.store.alarms.open_alarms("foreign_unit")] == [
        "OTHER-UNIT-9"
    ]
    # Flagged to the unit head (Art. 7, 14); an officer may not read the unit's alarms.
    head = services.auth.sign_in("2001", badges["2001"].pin)
    assert [a.kind for a in services.alarms.open_alarms(head)] == ["foreign_unit"]
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    with pytest.raises(Refused) as refused:
        services.alarms.open_alarms(officer)
    assert refused.value.reason == "permission_denied"
    denial = services.store.audit_log.recent(1)[0]
    assert (denial.actor, denial.outcome) == ("1001", "refused")


def _system(services: Services) -> Actor:
    return Actor("test:system", "system", services.settings.unit_code)


def test_recorder_timestamps_are_corrected_by_the_drift_ledger(
    demo: tuple[Services, dict[str, DemoBadge]],
    clock: SettableClock,
    generated_clips: dict[str, list[Path]],
    tmp_path: Path,
) -> None:
    services, _ = demo
    driver = create_simulator(tmp_path / "rec", "DSJ-B001")
    clip = generated_clips["audio"][5]  # creation_time 01:05:00Z by the recorder's clock
    (tmp_path / "rec" / "DCIM" / "FILE0001.MP4").write_bytes(clip.read_bytes())
    # DESIGN §7: the clock ran 90 s fast, as measured at the next sync (before it).
    with services.store.transaction():
        drift = DriftMeasure("DSJ-B001", START + timedelta(hours=2), START, 90.0)
        services.store.readings.add_drift(drift)
        services.ctx.record(offload_actor("DEMO01"), "clock_drift", "recorder", "DSJ-B001")
    services.offload.run(driver)
    [row] = services.clips.listing()
    assert row.recorded_at == FIRST_CLIP_AT + timedelta(minutes=5, seconds=-90)
