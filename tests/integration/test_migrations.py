"""Numbered migrations build the schema from an empty file and are idempotent (STYLE rule 8)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import build_services
from appliance.config import Settings
from appliance.demo import make_home
from appliance.domain.records import Actor
from appliance.store.home import Store, open_store
from appliance.store.migrations import latest_version
from tests.cli_run import bwc
from tests.conftest import START

SCHEMA_VERSION = 14


def query(store: Store, sql: str) -> list[tuple[object, ...]]:
    """Run SQL on the product's own connection (the one with the product's pragmas)."""
    connection: sqlite3.Connection = store.database.connection()  # type: ignore[no-untyped-call]
    return connection.execute(sql).fetchall()


def pragma(store: Store, name: str) -> object:
    return query(store, f"PRAGMA {name}")[0][0]


def test_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "bwc.db"
    path.touch()
    store = open_store(path)
    # Written out, not read from the migration list: a dropped migration must show here.
    assert pragma(store, "user_version") == SCHEMA_VERSION == latest_version()
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "synchronous") == 2  # FULL: DESIGN §4 step 6
    assert pragma(store, "foreign_keys") == 1
    schema = query(store, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
    rows = query(store, "SELECT name FROM sqlite_master WHERE type = 'table'")
    tables = {name for (name,) in rows}
    assert {
        "unit",
        "person",
        "recorder",
        "custody_session",
        "preshift_check",
        "audit_event",
        "drift_ledger",
        "recorder_reading",
        "offload_job",
        "clip",
        "clip_case",
        "alarm",
        "quarantine",
        "fixity_check",
        "offload_progress",  # m0004
        "verified_head",  # m0004
        "fault",  # m0006
        "incident",  # m0006
        "kiosk_request",  # m0007, remade by m0008 and m0009
        "request_progress",  # m0008
        "hold",  # m0010
        "hold_clip",  # m0010
        "tombstone",  # m0010
    } <= tables
    # m0008: a refusal's words keep their parameters; the hand-over kinds are allowed.
    request_columns = {str(row[1]) for row in query(store, "PRAGMA table_info(kiosk_request)")}
    assert "params_json" in request_columns
    # m0006: other units beside this one (Art. 9), and the PIN its owner must choose.
    assert "home" in {str(row[1]) for row in query(store, "PRAGMA table_info(unit)")}
    assert "must_change_pin" in {str(row[1]) for row in query(store, "PRAGMA table_info(person)")}
    # m0004 moved live progress off the job row and named the operator and skipped entries.
    job_columns = {str(row[1]) for row in query(store, "PRAGMA table_info(offload_job)")}
    assert {"operator", "clips_skipped"} <= job_columns
    assert not {"bytes_done", "rate_bps", "current_name"} & job_columns
    rows = query(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    triggers = {name for (name,) in rows}
    assert {"audit_event_no_update", "audit_event_no_delete", "clip_identity_fixed"} <= triggers
    indexes = {
        name for (name,) in query(store, "SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert {"custody_one_open_per_recorder", "custody_one_open_per_holder"} <= indexes
    store.close()
    # Re-opening applies nothing twice.
    store = open_store(path)
    assert pragma(store, "user_version") == SCHEMA_VERSION
    assert query(store, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name") == schema
    store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_home_from_an_empty_file_verifies(tmp_path: Path) -> None:
    """Every migration from nothing, then a unit and a person: the chain explains it all."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "bwc.db").touch()
    settings = Settings(home=home, config_path=home / "kiosk.toml", unit_code="U01", seal="off")
    services = build_services(settings, clock=SettableClock(START))
    admin = Actor("os:it", "admin", "U01")
    services.registry.init_unit(admin, "U01", "Unit One")
    services.registry.add_recorder(admin, "DSJ-A001", "Hikvision", "DS-MH2311")
    result = services.audit.verify(Actor("os:auditor", "system", "U01"))
    assert result.clean, result
    # An empty file gets no genesis: nothing existed before the schema.
    actions = [e.action for e in services.store.audit_log.iterate()]
    assert actions == ["init_unit", "add_recorder", "audit_verify"]
    assert result.state_rows == 2
    services.close()


def _session(raw: sqlite3.Connection, serial: str, holder: str, ended: str | None = None) -> None:
    raw.execute(
        "INSERT INTO custody_session (serial, holder_badge, started_at, ended_at)"
        " VALUES (?, ?, 't', ?)",
        (serial, holder, ended),
    )


def test_one_open_session_per_recorder_and_per_holder_is_enforced_by_the_file(
    tmp_path: Path,
) -> None:
    """Art. 10: one holder per recorder and one recorder per holder, in the file itself."""
    open_store(tmp_path / "bwc.db").close()
    with sqlite3.connect(tmp_path / "bwc.db") as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        _session(raw, "R1", "A", ended="t2")  # a closed session binds nothing
        _session(raw, "R1", "A")
        with pytest.raises(
            sqlite3.IntegrityError, match=r"UNIQUE constraint failed: custody_session\.serial$"
        ):
            _session(raw, "R1", "B")
        with pytest.raises(
            sqlite3.IntegrityError,
            match=r"UNIQUE constraint failed: custody_session\.holder_badge$",
        ):
            _session(raw, "R2", "A")
        raw.execute("UPDATE custody_session SET ended_at = 't3' WHERE ended_at IS NULL")
        _session(raw, "R1", "B")  # once returned, the recorder goes to someone else
        _session(raw, "R2", "A")  # and its last holder may take another
        open_rows = raw.execute(
            "SELECT serial, holder_badge FROM custody_session"
            " WHERE ended_at IS NULL ORDER BY serial"
        ).fetchall()
    assert open_rows == [("R1", "B"), ("R2", "A")]


def test_a_database_newer_than_the_program_is_refused_in_one_line_and_left_alone(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    made = bwc(
        "--home", str(home), "init", "--unit-code", "U01", "--unit-name", "U", "--lang", "en"
    )
    assert made.code == 0, made
    future = latest_version() + 1
    with sqlite3.connect(home / "bwc.db") as raw:
        raw.execute(f"PRAGMA user_version = {future}")
        before = raw.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    line = bwc("--home", str(home), "--lang", "en", "device", "list").failure(2)
    assert line == (
        f"The database has schema version {future}, newer than this program's"
        f" {latest_version()}: update the program."
    )
    with sqlite3.connect(home / "bwc.db") as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == future
        assert raw.execute("SELECT count(*) FROM audit_event").fetchone()[0] == before


def test_a_home_of_the_previous_release_with_kiosk_requests_migrates_and_verifies(
    tmp_path: Path,
) -> None:
    """Migrations 8, 9 and 13 remake kiosk_request (a CHECK SQLite cannot widen): the rows the
    previous release left (tests/data/home_v7.sql, made by 2b04ee6: a label done, one queued) keep
    their values, gain empty parameters, are bound to the chain again, and the home verifies."""
    home = tmp_path / "v7"
    services, _ = make_home(home, language="en")
    services.close()
    for name in ("bwc.db", "bwc.db-wal", "bwc.db-shm"):
        (home / name).unlink(missing_ok=True)
    dump = (Path(__file__).parent.parent / "data" / "home_v7.sql").read_text(encoding="utf-8")
    with sqlite3.connect(home / "bwc.db") as raw:
        raw.executescript(dump)
        raw.execute("PRAGMA user_version = 7")
        before = raw.execute("SELECT * FROM kiosk_request ORDER BY id").fetchall()
    assert [row[1] for row in before] == ["label_device", "label_badge"]

    verified = bwc("--home", str(home), "--lang", "en", "audit", "verify")

    assert verified.code == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("Audit chain intact:")
    assert "State: all" in verified.stdout and "are what the chain says." in verified.stdout
    with sqlite3.connect(home / "bwc.db") as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        after = raw.execute("SELECT * FROM kiosk_request ORDER BY id").fetchall()
        bound = raw.execute(
            "SELECT object_id FROM audit_event WHERE action = 'state_reshaped'"
            " AND object_type = 'kiosk_request' ORDER BY seq"
        ).fetchall()
    assert [row[:-1] for row in after] == before and {row[-1] for row in after} == {"{}"}
    # Bound by migration 8, and again by migrations 9 and 13, which remade the table again.
    assert bound == [("[1]",), ("[2]",)] * 3
