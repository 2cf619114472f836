"""Every repository writes its dataclass and reads the same one back (STYLE rule 8).

The values are the test's own literals, never derived from the code under test; every
write goes through a transaction with an event, and the home still verifies after it
(DESIGN §5.1: what the store writes, the chain explains).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services, build_services
from appliance.config import Settings
from appliance.domain.alarms import Alarm, FixityRun, Quarantined
from appliance.domain.audit import ChainHead
from appliance.domain.custody import RecorderState
from appliance.domain.footage import (
    ArchivedClip,
    ClipFlag,
    MediaInfo,
    NewClip,
    OffloadProgress,
    StoredContent,
    UnfinishedJob,
)
from appliance.domain.lifecycle import JobState
from appliance.domain.readings import DeviceStatus, DriftMeasure, Reading
from appliance.domain.records import (
    Actor,
    CustodySession,
    Person,
    PreshiftCheck,
    Recorder,
    RecorderStatus,
    Unit,
)
from appliance.domain.roles import Role
from appliance.store.models import MODELS

T0 = datetime(2026, 11, 27, 0, 2, 3, 456789, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
T2 = T0 + timedelta(hours=8)
T3 = T0 + timedelta(hours=9, seconds=1)
TESTER = Actor("test:store", "system", "U01")
CONTENT = b"clip bytes\n"
CONTENT_SHA = hashlib.sha256(CONTENT).hexdigest()
OTHER = b"unreadable bytes, no footage in them\n"
OTHER_SHA = hashlib.sha256(OTHER).hexdigest()


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """A new home with an empty database (no unit yet)."""
    home = tmp_path / "home"
    settings = Settings(
        home=home,
        config_path=home / "kiosk.toml",
        unit_code="U01",
        unit_name="Unit One",
        language="en",
        seal="off",
        demo=True,
    )
    made = build_services(settings, clock=SettableClock(T0))
    yield made
    made.close()


@contextmanager
def written(services: Services) -> Iterator[None]:
    """One transaction of repository writes, carried by one event (STYLE rule 8a)."""
    with services.store.transaction():
        yield
        services.ctx.record(TESTER, "test_write", "store", "-")


def assert_bound(services: Services) -> None:
    """Every row written is explained by the chain, and every clip row has its file."""
    result = services.audit.verify(TESTER)
    assert result.clean, result


def archive(services: Services, content: bytes) -> None:
    """Put a content file in place, as the ingest would have."""
    path = services.offload.archive.path_for(hashlib.sha256(content).hexdigest())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def registered(services: Services) -> None:
    """The unit, an officer, a unit head and a recorder: what the other rows refer to."""
    store = services.store
    with written(services):
        store.people.create_unit(Unit("U01", "Unit One"), T0)
        store.people.add(Person("1001", "张伟 Zhang Wei", Role.OFFICER, "U01"), "scrypt$a", T0)
        store.people.add(Person("2001", "李强 Li Qiang", Role.UNIT_HEAD, "U01"), "scrypt$b", T0)
        recorder = Recorder("DSJ-A001", "Hikvision", "DS-MH2311", "U01", RecorderState.AVAILABLE)
        store.recorders.add(recorder, T0)


def test_every_table_has_a_model_with_the_schemas_columns(services: Services) -> None:
    connection: sqlite3.Connection = services.store.database.connection()  # type: ignore[no-untyped-call]
    tables = {
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    models = {model._meta.table_name: model for model in MODELS}
    assert set(models) == tables
    for table, model in models.items():
        columns = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
        assert set(model._meta.columns) == columns, table


def test_the_unit_and_people(services: Services) -> None:
    people = services.store.people
    assert people.get_unit() is None and people.get("1001") is None
    registered(services)
    assert people.get_unit() == Unit("U01", "Unit One")
    assert people.get("1001") == Person("1001", "张伟 Zhang Wei", Role.OFFICER, "U01")
    assert people.pin_hash("1001") == "scrypt$a" and people.pin_hash("9999") is None
    assert people.has_active(Role.UNIT_HEAD, "U01")
    assert not people.has_active(Role.ADMIN, "U01")
    with written(services):
        people.set_pin_state("1001", 3, True)
        people.set_pin_hash("1001", "scrypt$c")
        people.set_active("2001", False)
    assert people.get("1001") == Person(
        "1001", "张伟 Zhang Wei", Role.OFFICER, "U01", locked=True, failed_pins=3
    )
    assert people.pin_hash("1001") == "scrypt$c"
    assert not people.has_active(Role.UNIT_HEAD, "U01")
    assert [p.badge for p in people.all_people()] == ["1001", "2001"]  # by role, then name
    assert_bound(services)


def test_recorders_and_their_compare_and_set(services: Services) -> None:
    registered(services)
    recorders = services.store.recorders
    assert recorders.get("DSJ-A001") == Recorder(
        "DSJ-A001", "Hikvision", "DS-MH2311", "U01", RecorderState.AVAILABLE
    )
    with written(services):
        recorders.add(Recorder("DSJ-0002", "Dahua", "MPT220", "U01", RecorderState.IN_REPAIR), T1)
        moved = recorders.set_state("DSJ-A001", RecorderState.AVAILABLE, RecorderState.SIGNED_OUT)
        again = recorders.set_state("DSJ-A001", RecorderState.AVAILABLE, RecorderState.SIGNED_OUT)
    assert (moved, again) == (True, False)
    assert recorders.all_recorders() == [
        Recorder("DSJ-0002", "Dahua", "MPT220", "U01", RecorderState.IN_REPAIR),
        Recorder("DSJ-A001", "Hikvision", "DS-MH2311", "U01", RecorderState.SIGNED_OUT),
    ]
    assert recorders.get("NONE") is None
    assert_bound(services)


def test_checks_and_custody_sessions(services: Services) -> None:
    registered(services)
    custody = services.store.custody
    check = PreshiftCheck(
        "DSJ-A001", "1001", T0, True, {"battery": "measured_ok", "lens_microphone": "confirmed"}
    )
    with written(services):
        check_id = custody.record_check(check)
        session = custody.open_session("DSJ-A001", "1001", T1, check_id)
    assert check_id == 1 and custody.check(1) == replace(check, id=1)
    assert custody.check(2) is None
    opened = CustodySession(1, "DSJ-A001", "1001", T1, check_id=1)
    assert session == opened
    assert custody.open_for_recorder("DSJ-A001") == opened
    assert custody.open_for_holder("1001") == [opened]
    recorder = services.store.recorders.get("DSJ-A001")
    assert recorder is not None
    assert custody.unit_status() == [RecorderStatus(recorder, "1001", "张伟 Zhang Wei", T1)]
    with written(services):
        custody.close_session(1, T2, "2001")
        custody.close_session(1, T3, "1001")  # already closed: changes nothing
    closed = CustodySession(1, "DSJ-A001", "1001", T1, T2, "2001", 1)
    assert custody.sessions_for("DSJ-A001") == [closed]
    assert custody.open_for_recorder("DSJ-A001") is None and custody.open_for_holder("1001") == []
    assert custody.unit_status() == [RecorderStatus(recorder)]
    assert_bound(services)


def _session(services: Services) -> None:
    """Officer 1001 holds DSJ-A001 from T0: custody session 1, which clips refer to."""
    custody = services.store.custody
    with written(services):
        check_id = custody.record_check(PreshiftCheck("DSJ-A001", "1001", T0, True, {}))
        custody.open_session("DSJ-A001", "1001", T0, check_id)


def _job(services: Services) -> int:
    with written(services):
        return services.store.jobs.create("DSJ-A001", "tok-1", T0, operator="os:alice")


def test_an_offload_job_and_its_progress(services: Services) -> None:
    registered(services)
    jobs = services.store.jobs
    job = _job(services)
    queued = OffloadProgress(
        id=1,
        serial="DSJ-A001",
        state=JobState.QUEUED,
        started_at=T0,
        updated_at=T0,
        finished_at=None,
        bytes_total=0,
        bytes_done=0,
        clips_total=0,
        clips_done=0,
        clips_new=0,
        clips_existing=0,
        clips_failed=0,
        clips_cleared=0,
        rate_bytes_per_second=0.0,
        current_name="",
        error="",
        operator="os:alice",
    )
    assert job == 1 and jobs.get(1) == queued
    with written(services):
        jobs.set_totals(1, 2048, 3, T1)
        started = jobs.set_state(1, JobState.QUEUED, JobState.RUNNING, T1)
        late = jobs.set_state(1, JobState.QUEUED, JobState.FAILED, T1, "too late")
        jobs.count_clip(1, T1, "new")
        jobs.count_clip(1, T1, "existing")
        jobs.count_clip(1, T1, "skipped", 4)
    assert (started, late) == (True, False)
    # The live progress is a display cache: written outside any event (DESIGN §5.1).
    jobs.set_progress(1, T2, 1024, 512.5, "DCIM/100MEDIA/FILE0002.MP4")
    running = replace(
        queued,
        state=JobState.RUNNING,
        updated_at=T2,
        bytes_total=2048,
        bytes_done=1024,
        clips_total=3,
        clips_done=2,
        clips_new=1,
        clips_existing=1,
        clips_skipped=4,
        rate_bytes_per_second=512.5,
        current_name="DCIM/100MEDIA/FILE0002.MP4",
    )
    assert jobs.get(1) == running
    assert jobs.unfinished() == [UnfinishedJob(1, "tok-1", JobState.RUNNING)]
    with written(services):
        jobs.count_clip(1, T3, "failed")
        jobs.count_clip(1, T3, "cleared", 2)
        jobs.set_state(1, JobState.RUNNING, JobState.FAILED, T3, "clips_failed: 1")
        jobs.set_state(1, JobState.FAILED, JobState.FAILED, T3)  # no error given: kept
    failed = replace(
        running,
        state=JobState.FAILED,
        updated_at=T3,
        finished_at=T3,
        clips_done=3,
        clips_failed=1,
        clips_cleared=2,
        error="clips_failed: 1",
    )
    assert jobs.get(1) == failed and jobs.get(2) is None
    assert jobs.unfinished() == []
    assert jobs.recent() == [failed] and jobs.latest_per_recorder() == [failed]
    assert jobs.newest_failed(("clips_failed: 1", "no_identity"), T0) == failed
    assert jobs.newest_failed(("no_identity",), T0) is None
    assert jobs.newest_failed(("clips_failed: 1",), T1) is None  # begun before T1
    assert_bound(services)


def _clip(job: int) -> NewClip:
    media = MediaInfo(
        readable=True,
        damaged=True,
        duration_seconds=12.5,
        container="mov,mp4,m4a,3gp,3g2,mj2",
        video_codec="h264",
        audio_codec="aac",
        width=1920,
        height=1080,
        has_audio=True,
        recorded_at=T0 + timedelta(seconds=37),
        error="moov atom truncated",
    )
    return NewClip(
        sha256=CONTENT_SHA,
        size=len(CONTENT),
        serial="DSJ-A001",
        unit_code="U01",
        source_name="DCIM/100MEDIA/FILE0001.MP4",
        job_id=job,
        archived_at=T2,
        recorded_at=T0,
        day="2026-11-27",
        session_id=1,
        holder_badge="1001",
        media=media,
        flags=frozenset({ClipFlag.DAMAGED, ClipFlag.GAP}),
    )


def test_clips_and_their_cases(services: Services) -> None:
    registered(services)
    store = services.store
    job = _job(services)
    archive(services, CONTENT)
    archive(services, OTHER)
    new = _clip(job)
    unreadable = NewClip(
        sha256=OTHER_SHA,
        size=len(OTHER),
        serial="OTHER-9",
        unit_code="",
        source_name="DCIM/A0001.MP4",
        job_id=None,
        archived_at=T3,
        recorded_at=None,
        day="",
        session_id=None,
        holder_badge=None,
        media=MediaInfo(readable=False, error="no audio or video stream"),
        flags=frozenset({ClipFlag.UNREADABLE, ClipFlag.FOREIGN_UNIT}),
    )
    _session(services)
    with written(services):
        first = store.clips.insert_or_find(new)
        again = store.clips.insert_or_find(replace(new, archived_at=T3))
        other = store.clips.insert_or_find(unreadable)
    # SQLite's AUTOINCREMENT spends an id on the ignored insert too.
    assert (first, again, other) == ((1, True), (1, False), (3, True))
    archived = ArchivedClip(
        id=1,
        sha256=CONTENT_SHA,
        size=11,
        serial="DSJ-A001",
        unit_code="U01",
        source_name="DCIM/100MEDIA/FILE0001.MP4",
        job_id=1,
        archived_at=T2,
        recorded_at=T0,
        day="2026-11-27",
        holder_badge="1001",
        session_id=1,
        media=new.media,
        flags=frozenset({ClipFlag.DAMAGED, ClipFlag.GAP}),
    )
    assert store.clips.get(1) == archived and store.clips.get(2) is None
    assert store.clips.get(3) == ArchivedClip(
        id=3,
        sha256=OTHER_SHA,
        size=len(OTHER),
        serial="OTHER-9",
        unit_code="",
        source_name="DCIM/A0001.MP4",
        job_id=None,
        archived_at=T3,
        recorded_at=None,
        day="",
        holder_badge=None,
        session_id=None,
        media=MediaInfo(readable=False, error="no audio or video stream"),
        flags=frozenset({ClipFlag.UNREADABLE, ClipFlag.FOREIGN_UNIT}),
    )
    assert store.clips.find("DSJ-A001", "DCIM/100MEDIA/FILE0001.MP4", CONTENT_SHA) == 1
    assert store.clips.find("DSJ-A001", "DCIM/100MEDIA/FILE0001.MP4", OTHER_SHA) is None
    with written(services):
        filed = store.clips.file_case(1, "ZF-0012", "1001", T3)
        twice = store.clips.file_case(1, "ZF-0012", "2001", T3)
        store.clips.file_case(1, "AB-0001", "2001", T3)
        store.clips.mark_cleared(1, T3)
        store.clips.mark_cleared(1, T3 + timedelta(days=1))  # the first clearing stays
        store.clips.add_flag(1, ClipFlag.FOREIGN_UNIT)
    assert (filed, twice) == (True, False)
    cleared = replace(
        archived,
        cases=("AB-0001", "ZF-0012"),
        cleared_at=T3,
        flags=frozenset({ClipFlag.DAMAGED, ClipFlag.GAP, ClipFlag.FOREIGN_UNIT}),
    )
    assert store.clips.get(1) == cleared
    assert store.clips.listing(case_number="ZF-0012") == [cleared]
    assert store.clips.listing(holder_badge="1001", day="2026-11-27", job_id=1) == [cleared]
    assert store.clips.listing(day="2026-11-28") == []
    # By recording time, else archiving time: the unreadable clip (archived at T3) is last.
    assert [c.id for c in store.clips.listing()] == [1, 3]
    assert [c.id for c in store.clips.of_recorder("DSJ-A001")] == [1]
    assert store.clips.all_hashes() == {CONTENT_SHA, OTHER_SHA}
    assert store.clips.sizes_by_hash() == {CONTENT_SHA: {11}, OTHER_SHA: {len(OTHER)}}
    assert store.clips.sample_hashes(None) == sorted(
        [StoredContent(CONTENT_SHA, 11), StoredContent(OTHER_SHA, len(OTHER))],
        key=lambda content: content.sha256,
    )
    assert len(store.clips.sample_hashes(1)) == 1
    progress = store.jobs.get(1)
    assert progress is not None
    assert progress.flag_counts == {"damaged": 1, "foreign_unit": 1, "gap": 1}
    assert_bound(services)


def test_alarms_quarantine_and_fixity_runs(services: Services) -> None:
    registered(services)
    alarms = services.store.alarms
    with written(services):
        first = alarms.raise_alarm(T0, "critical", "archive_missing", CONTENT_SHA)
        second = alarms.raise_alarm(T1, "warning", "foreign_unit", "OTHER-9", job=7, unit="U02")
    assert (first, second) == (1, 2)
    assert alarms.open_alarms() == [
        Alarm(1, T0, "critical", "archive_missing", CONTENT_SHA),
        Alarm(2, T1, "warning", "foreign_unit", "OTHER-9", {"job": 7, "unit": "U02"}),
    ]
    assert alarms.open_alarms("foreign_unit") == [
        Alarm(2, T1, "warning", "foreign_unit", "OTHER-9", {"job": 7, "unit": "U02"})
    ]
    assert alarms.has_open_alarm("archive_missing", CONTENT_SHA)
    assert not alarms.has_open_alarm("archive_missing", OTHER_SHA)
    job = _job(services)
    _session(services)
    archive(services, CONTENT)
    with written(services):
        held = alarms.quarantine(CONTENT_SHA, 11, T1, True)
        twice = alarms.quarantine(CONTENT_SHA, 11, T2, False)
        alarms.quarantine(OTHER_SHA, 37, T2, False)
    assert (held, twice) == (True, False)
    assert alarms.quarantined() == [
        Quarantined(1, CONTENT_SHA, 11, T1, True, "open"),
        Quarantined(3, OTHER_SHA, 37, T2, False, "open"),
    ]
    with written(services):
        clip_id, _ = services.store.clips.insert_or_find(_clip(job))
        resolved = alarms.resolve_quarantine(CONTENT_SHA, clip_id, T3)
        again = alarms.resolve_quarantine(CONTENT_SHA, clip_id, T3)
    assert (resolved, again) == (True, False)
    assert alarms.quarantined() == [Quarantined(3, OTHER_SHA, 37, T2, False, "open")]
    assert alarms.quarantined(open_only=False) == [
        Quarantined(1, CONTENT_SHA, 11, T1, True, "resolved"),
        Quarantined(3, OTHER_SHA, 37, T2, False, "open"),
    ]
    assert alarms.quarantined_sizes() == {CONTENT_SHA: 11, OTHER_SHA: 37}
    assert alarms.quarantined_hashes() == {CONTENT_SHA, OTHER_SHA}
    assert alarms.last_fixity() is None
    with written(services):
        alarms.record_fixity(FixityRun(T2, 40, 1, 0))
        alarms.record_fixity(FixityRun(T3, 41, 0, 2))
    assert alarms.last_fixity() == FixityRun(T3, 41, 0, 2)
    assert_bound(services)


def test_readings_and_the_drift_ledger(services: Services) -> None:
    registered(services)
    readings = services.store.readings
    assert readings.latest_reading("DSJ-A001") is None
    assert readings.drift_before("DSJ-A001", T0) is None
    older = Reading("DSJ-A001", T0, DeviceStatus(45, None, 1_000, 32_000_000_000), None)
    newer = Reading(
        "DSJ-A001",
        T1,
        DeviceStatus(96, 100, 2_000_000_000, 32_000_000_000, None, 8_000_000),
        0.25,
    )
    with written(services):
        readings.add_reading(newer)
        readings.add_reading(older)
        readings.add_drift(DriftMeasure("DSJ-A001", T1, T1 + timedelta(seconds=37), 37.0))
        readings.add_drift(DriftMeasure("DSJ-A001", T3, T3 - timedelta(seconds=3), -3.25))
    assert readings.latest_reading("DSJ-A001") == newer  # newest by time, not by insertion
    assert readings.latest_reading("DSJ-A002") is None
    assert readings.drifts("DSJ-A001") == [
        DriftMeasure("DSJ-A001", T1, T1 + timedelta(seconds=37), 37.0),
        DriftMeasure("DSJ-A001", T3, T3 - timedelta(seconds=3), -3.25),
    ]
    # The first sync at or after the recording; after the last sync, the last offset.
    assert readings.drift_before("DSJ-A001", T0) == 37.0
    assert readings.drift_before("DSJ-A001", T2) == -3.25
    assert readings.drift_before("DSJ-A001", T3 + timedelta(days=1)) == -3.25
    assert_bound(services)


def test_the_audit_log_and_its_verified_head(services: Services) -> None:
    log = services.store.audit_log
    assert log.count() == 0 and log.verified_head() is None
    with services.store.transaction():
        first = log.append(T0, "os:alice", "system", "test_a", "store", "1", "ok", {"n": 1})
        second = log.append(T1, "1001", "officer", "test_b", "store", "2", "refused", {})
    assert (first.seq, first.at, first.actor, first.detail_json) == (
        1,
        "2026-11-27T00:02:03.456789+00:00",
        "os:alice",
        '{"n":1}',
    )
    assert second.prev_hash == first.hash and second.outcome == "refused"
    assert list(log.iterate()) == [first, second]
    assert list(log.iterate(after_seq=1)) == [second]
    assert log.recent(1) == [second] and log.count() == 2
    with pytest.raises(ValueError, match="chain's own"):
        log.append(T1, "x", "system", "test", "store", "3", "ok", {"changes": []})
    with services.store.transaction():
        log.set_verified_head(ChainHead(2, second.hash), T2)
        log.set_verified_head(ChainHead(1, first.hash), T3)  # never back
    assert log.verified_head() == ChainHead(2, second.hash)
    assert log.integrity_problem() == ""
    assert_bound(services)
