"""Provides the reports' scale benchmark (issue 13 item 5): the unit head's day on a busy box.

A home with BWC_BENCH_CLIPS clips (1,000,000), BWC_BENCH_SESSIONS custody sessions (50,000,
a year of them) and BWC_BENCH_REPORT_EVENTS audit events (5,000,000) is filled by raw SQL (the
rows are not bound to the chain: this home is for timing, not for `audit verify`). Then, side
by side in one run: a plain COUNT(*) over the same tables (the floor: what reading them at all
costs), the day's report computed (every finding rule over the day's records, by the indexed
time columns of migration 14), and its PDF rendered by typst. Targets: < 1 s to compute, < 3 s
to render.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from appliance import config
from appliance.adapters.typst_forms import TypstForms
from appliance.bootstrap import open_services
from appliance.demo import make_home
from appliance.services.report_form import daily_values
from bench.chain import append_synthetic_events

CLIPS = int(os.environ.get("BWC_BENCH_CLIPS", "1000000"))
SESSIONS = int(os.environ.get("BWC_BENCH_SESSIONS", "50000"))
EVENTS = int(os.environ.get("BWC_BENCH_REPORT_EVENTS", "5000000"))
_PINS = {"1001": "246810", "1002": "121212", "2001": "135790"}
_START = datetime(2025, 12, 1, tzinfo=UTC)
_SERIALS = ("DSJ-A001", "DSJ-A002", "DSJ-B001", "DSJ-B002", "DSJ-X001")
_HOLDERS = ("1001", "1002", "2001")
_BATCH = 50_000


def _text(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def fill(db_path: Path) -> tuple[int, int]:
    """Sessions spread over a year, each with its share of the clips; (sessions, clips)."""
    rng = random.Random(13)
    per_session = max(1, CLIPS // max(1, SESSIONS))
    spacing = timedelta(days=365) / max(1, SESSIONS)
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        sessions: list[tuple[object, ...]] = []
        clips: list[tuple[object, ...]] = []
        clip_id = 0
        first_session = 1 + int(
            connection.execute("SELECT coalesce(max(id), 0) FROM custody_session").fetchone()[0]
        )
        first_clip = 1 + int(
            connection.execute("SELECT coalesce(max(id), 0) FROM clip").fetchone()[0]
        )
        for number in range(SESSIONS):
            started = _START + spacing * number
            ended = started + timedelta(hours=8)
            holder = _HOLDERS[number % len(_HOLDERS)]
            serial = _SERIALS[number % len(_SERIALS)]
            session_id = first_session + number
            sessions.append((session_id, serial, holder, _text(started), _text(ended), holder))
            for index in range(per_session):
                recorded = started + timedelta(minutes=20 * index)
                archived = ended + timedelta(minutes=30)
                clips.append(
                    (first_clip + clip_id, f"{rng.getrandbits(256):064x}", 50_000_000, serial,
                     "DEMO01", f"DCIM/{session_id}/{index:04d}.MP4", _text(archived),
                     _text(recorded), _text(recorded), recorded.date().isoformat(), session_id,
                     holder, 600.0, "mp4", "h264", "aac", 1920, 1080, 1)
                )  # fmt: skip
                clip_id += 1
            if len(clips) >= _BATCH:
                _insert(connection, sessions, clips)
                sessions, clips = [], []
        _insert(connection, sessions, clips)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return SESSIONS, clip_id


def _insert(
    connection: sqlite3.Connection,
    sessions: list[tuple[object, ...]],
    clips: list[tuple[object, ...]],
) -> None:
    connection.executemany(
        "INSERT INTO custody_session (id, serial, holder_badge, started_at, ended_at, returned_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        sessions,
    )
    connection.executemany(
        "INSERT INTO clip (id, sha256, size, serial, unit_code, source_name, archived_at,"
        " device_recorded_at, recorded_at, day, session_id, holder_badge, duration_seconds,"
        " container, video_codec, audio_codec, width, height, has_audio)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        clips,
    )


def _count(connection: sqlite3.Connection, table: str) -> object:
    # The floor: one plain COUNT(*) of a table (our own names, never a person's).
    return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def run(out: Path) -> dict[str, object]:
    """Fill the home, then time the floor, the day's report and its PDF, side by side."""
    home = out / "reports-home"
    shutil.rmtree(home, ignore_errors=True)
    services, _ = make_home(home, language="zh_CN", pins=_PINS)
    services.close()
    db = home / "bwc.db"
    started = time.perf_counter()
    sessions, clips = fill(db)
    events = append_synthetic_events(db, EVENTS)
    filled = time.perf_counter() - started
    connection = sqlite3.connect(db)
    floor = {
        table: _timed(partial(_count, connection, table))
        for table in ("clip", "custody_session", "audit_event")
    }
    connection.close()
    services = open_services(config.load(home, home / "kiosk.toml"))
    head = services.auth.sign_in("2001", _PINS["2001"])
    day = (_START + timedelta(days=180)).date()
    cold = _timed(lambda: services.reports.daily(head, day))
    report = services.reports.daily(head, day)
    warm = _timed(lambda: services.reports.daily(head, day))
    values = daily_values(report, "bwc-checkpoint/2 unit=DEMO01 size=0", "zh_CN", services.settings)
    forms = TypstForms()
    render = _timed(lambda: forms.render("daily_report", values, report.made_at))
    services.close()
    print(f"reports: a home of {clips:,} clips, {sessions:,} custody sessions, {events:,} audit"
          f" events (filled in {filled:.0f} s)")  # fmt: skip
    print(f"  {'COUNT(*) clip':<34}{floor['clip']:>9.3f} s   (the floor)")
    print(f"  {'COUNT(*) custody_session':<34}{floor['custody_session']:>9.3f} s")
    print(f"  {'COUNT(*) audit_event':<34}{floor['audit_event']:>9.3f} s")
    print(f"  {'the day computed, cold':<34}{cold:>9.3f} s   (target < 1 s)")
    print(f"  {'the day computed, warm':<34}{warm:>9.3f} s")
    print(f"  {'its PDF rendered':<34}{render:>9.3f} s   (target < 3 s)")
    print(f"  the day: {len(report.sessions)} sessions, {len(report.findings)} findings")
    return {
        "clips": clips,
        "sessions": sessions,
        "events": events,
        "count_seconds": floor,
        "compute_cold_seconds": cold,
        "compute_warm_seconds": warm,
        "render_seconds": render,
        "day_sessions": len(report.sessions),
        "day_findings": len(report.findings),
    }
