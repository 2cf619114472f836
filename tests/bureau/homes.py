"""Provides bureau homes for the tests, on SQLite or on a real PostgreSQL cluster, with people.

PINs: 7001 the information collector (111111), 7002 the bureau head (222222), 7003 the
auditor (333333), 7004 a second bureau head (444444).
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bureau_config import BureauSettings, render
from appliance.bureau_root import Bureau, build_bureau, create_key
from appliance.domain.records import Actor
from tests.cli_run import Result, env

PINS = {"7001": "111111", "7002": "222222", "7003": "333333", "7004": "444444"}
ENGINES = ("sqlite", "postgresql")


@dataclass
class BureauHome:
    """A bureau home made for a test: where, on which engine, and its people."""

    home: Path
    engine: str
    url: str

    def open(self, clock: SettableClock | None = None) -> Bureau:
        """The bureau's services (the caller closes them)."""
        settings = BureauSettings(
            home=self.home,
            code="CITY01",
            name="City bureau",
            language="en",
            timezone="Asia/Shanghai",
            database_url=self.url,
            seal="off",
        )
        return build_bureau(settings, clock=clock)

    def actor(self, bureau: Bureau, badge: str) -> Actor:
        """A person signed in with their PIN."""
        return bureau.people.sign_in(badge, PINS[badge])


def database_url(request: pytest.FixtureRequest, engine: str) -> str:
    """'' for SQLite; a fresh database on this worker's throwaway cluster for PostgreSQL."""
    if engine == "sqlite":
        return ""
    cluster = request.getfixturevalue("pg_cluster")
    return str(cluster.new_database(f"b{uuid.uuid4().hex[:16]}"))


def make_bureau(home: Path, url: str, engine: str, with_people: bool = True) -> BureauHome:
    """A bureau home (bureau.toml, database, key) with the four test people."""
    made = BureauHome(home, engine, url)
    home.mkdir(parents=True, exist_ok=True)
    settings = BureauSettings(
        home=home,
        code="CITY01",
        name="City bureau",
        language="en",
        timezone="Asia/Shanghai",
        database_url=url,
        seal="off",
    )
    bureau = build_bureau(settings, create=True)
    try:
        create_key(settings)
        (home / "bureau.toml").write_text(render(settings), encoding="utf-8")
        if with_people:
            people = bureau.people
            people.add("7002", "Head Wang", "bureau_head", PINS["7002"])
            head = made.actor(bureau, "7002")
            people.add("7001", "Collector Li", "info_collector", PINS["7001"], head)
            collector = made.actor(bureau, "7001")
            people.add("7003", "Auditor Zhao", "auditor", PINS["7003"], collector, head)
            people.add("7004", "Head Sun", "bureau_head", PINS["7004"], collector, head)
    finally:
        bureau.close()
    return made


def register(made: BureauHome, code: str, key_file: Path, name: str = "") -> None:
    """Register a unit's key: the collector proposes, the bureau head confirms."""
    bureau = made.open()
    try:
        bureau.units.add(
            code,
            name or code,
            key_file.read_text(),
            made.actor(bureau, "7001"),
            made.actor(bureau, "7002"),
        )
    finally:
        bureau.close()


def bwc_bureau(home: Path, *argv: str, stdin: str = "") -> Result:
    """Run the real `bwc-bureau` process (python -m appliance.cli.bureau) in English."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from appliance.cli.bureau import run; run()",
            "--home",
            str(home),
            "--lang",
            "en",
            *argv,
        ],
        input=stdin.encode("utf-8"),
        capture_output=True,
        env=env(),
        check=False,
        timeout=120,
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def tamper(bureau: Bureau, *statements: str) -> None:
    """Run SQL on the bureau's database as whoever holds it could, past every service."""
    database: Any = bureau.ctx.store.database.db
    with database.atomic():
        for statement in statements:
            database.execute_sql(statement)
