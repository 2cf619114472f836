"""The throwaway PostgreSQL cluster the archive's tests run on (tests/pg_cluster.py).

A real server: databases are separate, the server is not root, and stop() leaves nothing.
"""

from __future__ import annotations

import os
import pwd
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import peewee
import psycopg
import pytest

from tests.pg_cluster import PgCluster, pg_cluster, require_postgresql

__all__ = ["pg_cluster"]


def _fresh_name(label: str) -> str:
    """A database name no other test in this session uses: the cluster is shared."""
    return f"{label}_{uuid.uuid4().hex[:12]}"


def _state(pid: int) -> str | None:
    """The process's state letter from /proc (Z: exited, not yet reaped), or None if gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    # The command name in parentheses may hold spaces; the state follows the last ")".
    return stat.rsplit(")", 1)[1].split()[0]


def _uids(pid: int) -> list[int]:
    """The real, effective, saved and filesystem uids of a process."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("Uid:"):
            return [int(uid) for uid in line.split()[1:]]
    raise AssertionError(f"no Uid line for process {pid}")


def _rows(db: peewee.PostgresqlDatabase, query: str, *params: object) -> list[tuple[object, ...]]:
    """Run one statement through peewee and return its rows (none for DDL)."""
    cursor = db.execute_sql(query, params)  # type: ignore[no-untyped-call]
    return list(cursor.fetchall()) if cursor.description else []


def test_the_url_names_the_database_and_the_socket_folder(pg_cluster: PgCluster) -> None:
    name = _fresh_name("url")
    url = pg_cluster.new_database(name)

    parts = urlsplit(url)
    assert parts.scheme == "postgresql"
    assert parts.username == "bwc"
    assert parts.path == f"/{name}"
    assert parse_qs(parts.query) == {"host": [str(pg_cluster.socket_dir)]}
    # libpq reads the same URL: the server it reaches is this cluster.
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT current_database(), current_user").fetchone()
        data_dir = conn.execute("SHOW data_directory").fetchone()
    assert row == (name, "bwc")
    assert data_dir == (str(pg_cluster.data_dir),)


def test_two_databases_are_separate(pg_cluster: PgCluster) -> None:
    first, second = _fresh_name("first"), _fresh_name("second")
    pg_cluster.new_database(first)
    pg_cluster.new_database(second)

    db_first = peewee.PostgresqlDatabase(
        first, host=str(pg_cluster.socket_dir), user="bwc", prefer_psycopg3=True
    )
    db_second = peewee.PostgresqlDatabase(
        second, host=str(pg_cluster.socket_dir), user="bwc", prefer_psycopg3=True
    )
    try:
        _rows(db_first, "CREATE TABLE bureau (id serial PRIMARY KEY, name text NOT NULL)")
        _rows(db_first, "INSERT INTO bureau (name) VALUES (%s)", "north")
        # peewee went through psycopg 3, as the archive will.
        assert isinstance(db_first.connection(), psycopg.Connection)  # type: ignore[no-untyped-call]
        assert db_first.get_tables() == ["bureau"]
        assert _rows(db_first, "SELECT name FROM bureau") == [("north",)]
        assert db_second.get_tables() == []
        assert not db_second.table_exists("bureau")
    finally:
        db_first.close()
        db_second.close()

    with pg_cluster.connect(first) as conn:
        assert conn.execute("SELECT to_regclass('bureau') IS NOT NULL").fetchone() == (True,)
    with pg_cluster.connect(second) as conn:
        assert conn.execute("SELECT to_regclass('bureau') IS NOT NULL").fetchone() == (False,)
        with pytest.raises(psycopg.errors.UndefinedTable):
            conn.execute("SELECT name FROM bureau")


def test_a_database_name_must_be_plain(pg_cluster: PgCluster) -> None:
    for name in ["", "Upper", "semi;colon", 'quo"te', "x" * 41]:
        with pytest.raises(ValueError, match="is not 1 to 40"):
            pg_cluster.new_database(name)
    name = _fresh_name("twice")
    pg_cluster.new_database(name)
    with pytest.raises(psycopg.errors.DuplicateDatabase):
        pg_cluster.new_database(name)


def test_the_server_runs_unprivileged_and_durability_is_off(pg_cluster: PgCluster) -> None:
    pid = pg_cluster.postmaster_pid()
    assert pid is not None
    expected = pwd.getpwnam(pg_cluster.run_as).pw_uid
    assert _uids(pid) == [expected] * 4
    if os.geteuid() == 0:
        assert expected != 0
        assert pg_cluster.run_as in {"postgres", "nobody"}
    else:
        assert expected == os.geteuid()
    with pg_cluster.connect("postgres") as conn:
        settings = {
            setting: conn.execute(f"SHOW {setting}").fetchone()
            for setting in ("fsync", "synchronous_commit", "full_page_writes", "listen_addresses")
        }
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()
        # Read while the connection is open: its backend exits with it.
        assert backend is not None
        backend_uids = _uids(backend[0])
    assert settings == {
        "fsync": ("off",),
        "synchronous_commit": ("off",),
        "full_page_writes": ("off",),
        "listen_addresses": ("",),
    }
    # The backend a connection gets is a child of the postmaster, under the same user.
    assert backend_uids == [expected] * 4
    # The socket and data folders are the server user's own.
    for folder in (pg_cluster.socket_dir, pg_cluster.data_dir):
        assert folder.stat().st_uid == expected
        assert folder.stat().st_mode & 0o777 == 0o700


def test_stop_ends_the_server_and_removes_its_folder() -> None:
    require_postgresql()
    cluster = PgCluster.start()
    try:
        url = cluster.new_database("doomed")
        pid = cluster.postmaster_pid()
        assert pid is not None
        assert _state(pid) not in {None, "Z"}
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        cluster.stop()

    # Exited: either reaped already, or a zombie waiting for the machine's init to reap it
    # (the postmaster is not this process's child, so this process cannot).
    assert _state(pid) in {None, "Z"}
    assert not cluster.root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=5)
    cluster.stop()  # a second stop is harmless
