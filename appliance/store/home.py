"""Provides the store of one home: its database, its transactions and its repositories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from appliance.store import state
from appliance.store.alarms import AlarmRepository
from appliance.store.audit_log import AuditLog
from appliance.store.clips import ClipRepository
from appliance.store.custody import CustodyRepository
from appliance.store.db import EvidenceDatabase, UnboundChange, connect, utc_now
from appliance.store.discs import DiscRepository
from appliance.store.holds import HoldRepository
from appliance.store.lifecycle import LifecycleRepository
from appliance.store.offload_jobs import OffloadJobRepository
from appliance.store.people import PeopleRepository
from appliance.store.readings import ReadingRepository
from appliance.store.recorders import RecorderRepository
from appliance.store.releases import ReleaseRepository
from appliance.store.requests import RequestRepository
from appliance.store.retention import RetentionRepository


class Store:
    """One home's database with its repositories, owned by one `Services` (STYLE rule 8).

    Each thread gets its own connection (peewee's), each noting the state rows it writes;
    two stores never share a connection, so two homes can be open in one process.
    """

    def __init__(self, database: EvidenceDatabase) -> None:
        self.database = database
        self.people = PeopleRepository(database)
        self.recorders = RecorderRepository(database)
        self.custody = CustodyRepository(database)
        self.clips = ClipRepository(database)
        self.jobs = OffloadJobRepository(database)
        self.alarms = AlarmRepository(database)
        self.readings = ReadingRepository(database)
        self.releases = ReleaseRepository(database)
        self.lifecycle = LifecycleRepository(database)
        self.requests = RequestRepository(database)
        self.discs = DiscRepository(database)
        self.holds = HoldRepository(database)
        self.retention = RetentionRepository(database)
        self.audit_log = AuditLog(database)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction (BEGIN IMMEDIATE), nesting as a savepoint.

        The outermost one refuses to commit state rows that no audit event carried (STYLE 8a).
        """
        with self.database.atomic():
            outermost = self.database.transaction_depth() == 1
            yield
            if outermost and state.has_pending(self.database.connection()):
                raise UnboundChange("state rows changed without an audit event")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: one consistent view that never blocks a writer (WAL)."""
        with self.database.atomic(lock_type="DEFERRED"):
            yield

    def close(self) -> None:
        """Close this thread's connection, if open (another query opens a new one)."""
        if not self.database.is_closed():
            self.database.close()


def open_store(path: Path, now: Callable[[], datetime] = utc_now, *, create: bool = True) -> Store:
    """The store on the database file at path, its schema brought up to date.

    Unless `create`, the file must already be a bwc database (DESIGN §8); `now` stamps the
    events a migration appends.
    """
    return Store(connect(path, now, create=create))
