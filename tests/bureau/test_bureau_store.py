"""The bureau database on both engines (issue 14 item 3): migrated once, refusing a database
that is empty or another program's, and one repository round-tripping its values."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from appliance.bureau_config import BureauSettings
from appliance.domain.errors import BadInput
from appliance.store.bureau.db import open_database, schema_version
from appliance.store.bureau.schema import latest_version
from tests.bureau.homes import BureauHome, bwc_bureau, database_url


def _settings(home: Path, url: str) -> BureauSettings:
    return BureauSettings(home=home, code="CITY01", name="x", database_url=url, seal="off")


def test_the_schema_is_migrated_once_and_kept(bureau_home: BureauHome) -> None:
    settings = _settings(bureau_home.home, bureau_home.url)
    first = open_database(settings)
    try:
        assert schema_version(first) == latest_version()
        tables = set(first.db.get_tables())
    finally:
        first.close()
    assert {"person", "unit", "unit_event", "package", "clip", "clip_case", "alarm"} <= tables
    assert {"export_request", "audit_event", "bureau_meta"} <= tables
    again = open_database(settings)
    try:
        assert schema_version(again) == latest_version()
        assert set(again.db.get_tables()) == tables
    finally:
        again.close()


def test_an_empty_or_foreign_database_is_refused_and_left_alone(
    request: pytest.FixtureRequest, engine: str, tmp_path: Path
) -> None:
    url = database_url(request, engine)
    settings = _settings(tmp_path / "b", url)
    with pytest.raises(BadInput) as empty:
        open_database(settings)
    assert empty.value.reason == "bureau.database_empty"
    # Another program's table in the database (or file) the bureau is pointed at.
    if engine == "sqlite":
        settings.home.mkdir(parents=True)
        other = sqlite3.connect(settings.database_path)
        other.execute("CREATE TABLE ledger (amount INTEGER)")
        other.commit()
        other.close()
    else:
        cluster: Any = request.getfixturevalue("pg_cluster")
        name = url.split("/")[3].split("?")[0]
        with cluster.connect(name) as conn:
            conn.execute("CREATE TABLE ledger (amount INTEGER)")
    with pytest.raises(BadInput) as foreign:
        open_database(settings, create=True)
    assert foreign.value.reason == "bureau.database_foreign"
    if engine == "sqlite":
        kept = sqlite3.connect(settings.database_path)
        names = [r[0] for r in kept.execute("SELECT name FROM sqlite_master")]
        kept.close()
        assert names == ["ledger"]


def test_a_bureau_home_on_a_vanished_database_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "b"
    made = bwc_bureau(home, "init", "--code", "C1", "--name", "x", "--seal", "off")
    assert made.code == 0, made
    (home / "bureau.db").unlink()
    line = bwc_bureau(home, "unit", "list").failure(2)
    assert (
        line == f"The bureau's database ({home / 'bureau.db'}) is empty: run bwc-bureau init first."
    )
    # Never made anew: only init creates a database.
    assert not (home / "bureau.db").exists()
