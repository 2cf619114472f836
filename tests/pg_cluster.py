"""A real, throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a folder of its own.

The cluster listens on a Unix socket in that folder only (no TCP), trusts every local
connection as the `bwc` role, and is gone, folder and all, after `stop()`. As root (CI) the
server runs as the `postgres` system user, or `nobody` where there is none: initdb and the
postmaster refuse root.

Tests use the session fixture: `from tests.pg_cluster import pg_cluster`. Under pytest-xdist
every worker process starts a cluster of its own.
"""

from __future__ import annotations

import atexit
import getpass
import os
import pwd
import re
import select
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

ROLE = "bwc"
# A socket in a folder of its own cannot clash with another cluster's, so the default will do.
PORT = 5432
SKIP_REASON = "PostgreSQL is not installed: make setup installs it"
_NAME = re.compile(r"[a-z0-9_]{1,40}")
# The server and its tools read PGDATA, PGPORT and the like; a test machine's own settings
# must not reach a cluster that is meant to be nobody else's.
_CLEAN_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}


def _version_key(bindir: Path) -> tuple[int, ...]:
    """The version in /usr/lib/postgresql/VERSION/bin as numbers, so 9.6 sorts before 15."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def find_bindir() -> Path | None:
    """The newest Debian PostgreSQL server's bin folder, or one on PATH; None if neither."""
    debian = [
        bindir
        for bindir in Path("/usr/lib/postgresql").glob("*/bin")
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file()
    ]
    if debian:
        return max(debian, key=_version_key)
    # Debian keeps initdb off PATH; other systems put it there.
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _server_user() -> str:
    """Whom the server runs as: this user, or an unprivileged system user when this is root."""
    if os.geteuid() != 0:
        return getpass.getuser()
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "nobody"
    return "postgres"


@dataclass
class PgCluster:
    """A running cluster: its folder (which holds the socket, the data and the log) and users.

    Build one with `PgCluster.start()`; `stop()` ends the server and removes the folder.
    """

    root: Path
    bindir: Path
    run_as: str
    user: str = ROLE
    port: int = PORT
    _stopped: bool = field(default=False, repr=False)

    @property
    def socket_dir(self) -> Path:
        """The folder the server's Unix socket is in: a libpq `host`."""
        return self.root

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        """The server's log."""
        return self.root / "postgres.log"

    @classmethod
    def start(cls) -> PgCluster:
        """Create a cluster in a new folder under /tmp and start it; return once it answers.

        Raises RuntimeError (with initdb's or the server's own words) if either fails.
        """
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError(SKIP_REASON)
        # Short and under /tmp: a Unix socket's path must stay under about 100 characters.
        root = Path(tempfile.mkdtemp(prefix="bwc-pg-", dir="/tmp"))
        cluster = cls(root=root, bindir=bindir, run_as=_server_user())
        try:
            if os.geteuid() == 0:
                account = pwd.getpwnam(cluster.run_as)
                os.chown(root, account.pw_uid, account.pw_gid)
            root.chmod(0o700)
            cluster._initdb()
            # From here on a server may be running: make sure it ends with this process even
            # if the test session never reaches its teardown.
            atexit.register(cluster.stop)
            cluster._pg_ctl(
                "start",
                "-w",
                "-t",
                "60",
                "-l",
                str(cluster.log_file),
                "-o",
                cluster._server_options(),
            )
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def new_database(self, name: str) -> str:
        """Create the database `name` and return the URL the product's config names it by.

        The URL is `postgresql://bwc@/NAME?host=SOCKETDIR`, the socket folder percent-encoded.
        Raises ValueError unless `name` is 1 to 40 of a-z, 0-9 and _.
        """
        if not _NAME.fullmatch(name):
            raise ValueError(f"database name {name!r} is not 1 to 40 of a-z, 0-9 and _")
        with self.connect("postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return f"postgresql://{self.user}@/{name}?host={quote(str(self.socket_dir), safe='')}"

    def connect(self, dbname: str, **kwargs: Any) -> psycopg.Connection[tuple[Any, ...]]:
        """A psycopg connection to `dbname` on this cluster, as the `bwc` role."""
        return psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=self.user, dbname=dbname, **kwargs
        )

    def postmaster_pid(self) -> int | None:
        """The running postmaster's process id (postmaster.pid's first line), if it runs."""
        try:
            first = (self.data_dir / "postmaster.pid").read_text(encoding="ascii").split("\n")[0]
        except FileNotFoundError:
            return None
        return int(first)

    def stop(self) -> None:
        """Stop the server at once (no checkpoint: the data is thrown away) and remove the folder.

        Safe to call twice. Raises RuntimeError if a server is left running.
        """
        if self._stopped:
            return
        self._stopped = True
        atexit.unregister(self.stop)
        try:
            pid = self.postmaster_pid()
            if pid is not None:
                self._stop_server(pid)
        finally:
            # A server that would not stop keeps its folder, log included, to be looked at.
            if self.postmaster_pid() is None:
                shutil.rmtree(self.root, ignore_errors=True)

    def _stop_server(self, pid: int) -> None:
        """pg_ctl stop, then wait until the postmaster `pid` has really exited."""
        try:
            # Taken before the stop, so the handle is on this postmaster and no later process
            # that happens to get its number.
            handle: int | None = os.pidfd_open(pid)
        except ProcessLookupError:
            handle = None
        try:
            self._pg_ctl("stop", "-w", "-t", "60", "-m", "immediate")
            # pg_ctl returns once postmaster.pid is gone, which the postmaster removes just
            # before it exits; a pidfd turns readable when the process has exited.
            if handle is not None and not select.select([handle], [], [], 30)[0]:
                raise RuntimeError(f"the postmaster {pid} still runs after pg_ctl stop")
        finally:
            if handle is not None:
                os.close(handle)

    def _server_options(self) -> str:
        """The postmaster's command line, which pg_ctl hands to a shell."""
        return " ".join(
            [
                f"-k {shlex.quote(str(self.socket_dir))}",
                f"-p {self.port}",
                "-c listen_addresses=''",
                # A throwaway cluster: durability only costs time here.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )

    def _initdb(self) -> None:
        """Create the data directory: trust auth, the bwc superuser, UTF-8."""
        common = ["--auth=trust", f"--username={self.user}", "--encoding=UTF8", "--no-sync"]
        done = self._run("initdb", *common, "--locale=C.UTF-8", "-D", str(self.data_dir))
        if done.returncode != 0 and "locale" in done.stdout + done.stderr:
            # A libc without the C.UTF-8 locale: the C locale sorts the same way.
            shutil.rmtree(self.data_dir, ignore_errors=True)
            done = self._run("initdb", *common, "--no-locale", "-D", str(self.data_dir))
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed ({done.returncode}):\n{done.stdout}{done.stderr}")

    def _pg_ctl(self, action: str, *args: str) -> None:
        """pg_ctl ACTION on this cluster; RuntimeError with its output and the log if it fails."""
        done = self._run("pg_ctl", action, "-D", str(self.data_dir), *args)
        if done.returncode != 0:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            raise RuntimeError(
                f"pg_ctl {action} failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
                f"server log:\n{log[-4000:]}"
            )

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run one of the server's tools as `run_as`, in the cluster's folder, with a clean env."""
        demote: dict[str, Any] = {}
        if os.geteuid() == 0:
            account = pwd.getpwnam(self.run_as)
            # extra_groups=[]: root's supplementary groups must not go with it.
            demote = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        return subprocess.run(
            [str(self.bindir / tool), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
            env={**_CLEAN_ENV, "HOME": str(self.root)},
            **demote,
        )


def require_postgresql() -> None:
    """Skip the calling test when the PostgreSQL server is not installed."""
    if find_bindir() is None:
        pytest.skip(SKIP_REASON)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """One cluster for the session (for each xdist worker), stopped when the session ends."""
    require_postgresql()
    cluster = PgCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
