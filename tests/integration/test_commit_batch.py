"""The offload's batched commit: statements prepared once, counters once per batch (issue 8).

Each clip keeps its own row and its own event carrying exactly the rows written since the
event before (DESIGN §5.1, Art. 12(3)); a prepared statement only ever reaches the store
it was prepared for, from any thread; a failed event write cannot let state rows escape.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from peewee import IntegrityError, Select

from appliance.bootstrap import Services
from appliance.demo import make_home
from appliance.domain.footage import MediaInfo
from appliance.domain.projection import CHANGES_KEY
from appliance.domain.records import Actor
from appliance.ports import ClipRef
from appliance.services.ingest_rows import ClipToWrite, ClipWriter, RecorderFacts
from appliance.store.db import UnboundChange
from appliance.store.models import ClipRow
from appliance.store.prepared import Prepared, slot
from tests.conftest import DEMO_PINS

SYSTEM = Actor("system:offload", "system", "DEMO01")
SERIAL = "DSJ-A001"
_TOKENS = itertools.count()
MEDIA = MediaInfo(readable=True, duration_seconds=2.0, container="mp4", video_codec="h264")


def _job(services: Services) -> int:
    ctx = services.offload._ctx
    with ctx.store.transaction():
        job_id = ctx.store.jobs.create(SERIAL, f"token-{next(_TOKENS)}", ctx.clock.now())
        ctx.record(SYSTEM, "offload_queued", "offload_job", str(job_id))
    return job_id


def _writer(services: Services, job_id: int) -> ClipWriter:
    ctx = services.offload._ctx
    sessions = ctx.store.custody.sessions_for(SERIAL)
    facts = RecorderFacts(SERIAL, "DEMO01", False, sessions, ZoneInfo("Asia/Shanghai"))
    return ClipWriter(ctx, SYSTEM, facts, job_id)


def _clip(name: str) -> ClipToWrite:
    sha256 = hashlib.sha256(name.encode()).hexdigest()
    return (ClipRef(name, 100, datetime(2026, 11, 27, 1, 0, tzinfo=UTC)), sha256, 100, MEDIA)


def _commit(
    services: Services, writer: ClipWriter, items: list[ClipToWrite]
) -> list[tuple[int, bool]]:
    with services.offload._ctx.store.transaction():
        writer.begin()
        return writer.write_batch(items)


def _events_after(home: Path, seq: int) -> list[tuple[str, str, dict[str, object]]]:
    """(action, object id, detail) of every event after seq, read from the file itself."""
    connection = sqlite3.connect(home / "bwc.db")
    try:
        rows = connection.execute(
            "SELECT action, object_id, detail_json FROM audit_event WHERE seq > ? ORDER BY seq",
            (seq,),
        ).fetchall()
    finally:
        connection.close()
    return [(str(a), str(o), json.loads(d)) for a, o, d in rows]


def _carried(detail: dict[str, object]) -> list[tuple[str, object]]:
    changes = detail.get(CHANGES_KEY, [])
    assert isinstance(changes, list)
    return [(str(change[0]), change[1]) for change in changes]


def _replays(services: Services) -> None:
    result = services.audit.verify(SYSTEM)
    assert result.chain.intact
    # The clip rows here have no archived content (archive findings): the state must match.
    assert result.state_difference is None
    assert result.state_differences == 0


def test_batch_whose_middle_clip_exists_keeps_ids_events_and_counts(
    demo: tuple[Services, dict[str, object]],
) -> None:
    services, _ = demo
    home = services.settings.home
    first_job = _job(services)
    [(middle_id, middle_new)] = _commit(services, _writer(services, first_job), [_clip("B.MP4")])
    assert middle_new
    job_id = _job(services)
    before = services.offload._ctx.store.audit_log.count()
    rows = _commit(
        services, _writer(services, job_id), [_clip("A.MP4"), _clip("B.MP4"), _clip("C.MP4")]
    )
    assert [new for _, new in rows] == [True, False, True]
    assert rows[1][0] == middle_id
    assert len({clip_id for clip_id, _ in rows}) == 3
    events = _events_after(home, before)
    assert [(action, object_id) for action, object_id, _ in events] == [
        ("clip_archived", str(rows[0][0])),
        ("clip_seen_again", str(middle_id)),
        ("clip_archived", str(rows[2][0])),
    ]
    # Each event carries exactly what was written since the one before: its own clip row;
    # the job's counters, written once for the batch, ride with the last event.
    assert _carried(events[0][2]) == [("clip", [rows[0][0]])]
    assert _carried(events[1][2]) == []
    assert _carried(events[2][2]) == [("clip", [rows[2][0]]), ("offload_job", [job_id])]
    job_row = dict(json.loads(json.dumps(events[2][2][CHANGES_KEY]))[1][2])
    assert (job_row["clips_new"], job_row["clips_existing"], job_row["clips_done"]) == (2, 1, 3)
    progress = services.offload._ctx.store.jobs.get(job_id)
    assert progress is not None
    assert (progress.clips_new, progress.clips_existing, progress.clips_done) == (2, 1, 3)
    _replays(services)


def test_a_batch_rolled_back_counts_nothing(demo: tuple[Services, dict[str, object]]) -> None:
    services, _ = demo
    job_id = _job(services)
    writer = _writer(services, job_id)
    before = services.offload._ctx.store.audit_log.count()
    with pytest.raises(RuntimeError), services.offload._ctx.store.transaction():
        writer.begin()
        writer.write_batch([_clip("A.MP4"), _clip("B.MP4")])
        raise RuntimeError("the batch's commit fails")
    progress = services.offload._ctx.store.jobs.get(job_id)
    assert progress is not None
    assert (progress.clips_new, progress.clips_done) == (0, 0)
    assert services.offload._ctx.store.audit_log.count() == before
    assert services.offload._ctx.store.clips.of_recorder(SERIAL) == []
    # The same clips, committed again one by one, count once each.
    assert [new for _, new in _commit(services, writer, [_clip("A.MP4")])] == [True]
    assert [new for _, new in _commit(services, writer, [_clip("B.MP4")])] == [True]
    progress = services.offload._ctx.store.jobs.get(job_id)
    assert progress is not None
    assert (progress.clips_new, progress.clips_done) == (2, 2)
    _replays(services)


def test_prepared_statements_reach_only_their_own_store(tmp_path: Path) -> None:
    first, _ = make_home(tmp_path / "first", language="en", pins=DEMO_PINS)
    second, _ = make_home(tmp_path / "second", language="en", pins=DEMO_PINS)
    try:
        first_job, second_job = _job(first), _job(second)
        one = _commit(first, _writer(first, first_job), [_clip("A.MP4"), _clip("B.MP4")])
        # The same recorder, file and content in the other home: new there, not found here.
        other = _commit(second, _writer(second, second_job), [_clip("A.MP4")])
        assert [new for _, new in one] == [True, True]
        assert [new for _, new in other] == [True]
        sha_b = _clip("B.MP4")[1]
        assert second.offload._ctx.store.clips.find(SERIAL, "B.MP4", sha_b) is None
        assert first.offload._ctx.store.clips.find(SERIAL, "B.MP4", sha_b) == one[1][0]
        # From another thread (the probe's): that thread's connection, of the same store.
        found: list[int | None] = []

        def probe_thread() -> None:
            store = second.offload._ctx.store
            try:
                found.append(store.clips.find(SERIAL, "B.MP4", sha_b))
            finally:
                store.close()  # this thread's connection: none is left for the GC to close

        thread = threading.Thread(target=probe_thread)
        thread.start()
        thread.join()
        assert found == [None]
        for services, names in ((first, ["A.MP4", "B.MP4"]), (second, ["A.MP4"])):
            rows = services.offload._ctx.store.clips.of_recorder(SERIAL)
            assert [row.source_name for row in rows] == names
            _replays(services)
    finally:
        first.close()
        second.close()


def test_a_failed_event_write_still_refuses_the_commit(
    demo: tuple[Services, dict[str, object]],
) -> None:
    """No savepoint guards an event inside a transaction: the notes must outlive a failure."""
    services, _ = demo
    store = services.offload._ctx.store
    before = store.audit_log.count()
    connection = store.database.connection()  # type: ignore[no-untyped-call]
    connection.execute(
        "CREATE TEMP TRIGGER test_refuse_event BEFORE INSERT ON main.audit_event"
        " BEGIN SELECT RAISE(ABORT, 'the log is full'); END"
    )
    try:
        with pytest.raises(UnboundChange), store.transaction():
            job_id = store.jobs.create(SERIAL, "token-refused", services.offload._ctx.clock.now())
            with pytest.raises(IntegrityError):
                services.offload._ctx.record(SYSTEM, "offload_queued", "offload_job", str(job_id))
    finally:
        connection.execute("DROP TRIGGER temp.test_refuse_event")
    assert store.audit_log.count() == before
    assert store.jobs.get(job_id) is None
    _replays(services)


def test_prepared_statement_takes_exactly_its_slots(
    demo: tuple[Services, dict[str, object]],
) -> None:
    services, _ = demo
    database = services.offload._ctx.store.database
    find = Prepared(
        database, ClipRow.select(ClipRow.id).where(ClipRow.serial == slot(ClipRow.serial))
    )
    assert find.cursor(serial=SERIAL).fetchall() == []
    with pytest.raises(TypeError):
        find.cursor()
    with pytest.raises(TypeError):
        find.cursor(serial=SERIAL, sha256="x")
    # Values pass through the model's field, as peewee would convert them.
    converted = Prepared(database, Select(columns=[slot(ClipRow.size), slot(ClipRow.has_audio)]))
    assert converted.cursor(size="42", has_audio="yes").fetchone() == (42, 1)
