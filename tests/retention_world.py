"""Provides a small home for the retention tests: clips, receipts, holds and evidence made in
process, in the store's own transactions, so a schedule of hundreds of runs stays cheap.

The evidence table is the disc helper's (`evidence_clip(clip_id, disc_id, marked_at)`, issue 11
item 4); it is made here before the store opens, so its rows are bound to the chain as theirs
will be.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from appliance import config
from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SettableClock
from appliance.adapters.seal import NoSealer
from appliance.bootstrap import Services, build_services
from appliance.demo import make_home
from appliance.domain.discs import DiscRecord
from appliance.domain.footage import MediaInfo, NewClip
from appliance.domain.records import Actor
from appliance.services.auth import actor_of
from tests.conftest import DEMO_PINS

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SYSTEM = Actor("os:bwc", "system", "DEMO01")
EVIDENCE_DDL = (
    "CREATE TABLE IF NOT EXISTS evidence_clip (clip_id INTEGER PRIMARY KEY REFERENCES clip(id),"
    " disc_id INTEGER NOT NULL, marked_at TEXT NOT NULL)"
)


def make_template(root: Path, language: str = "en") -> Path:
    """A demo home (people, recorders) with the evidence table; copied for each trial."""
    services, _ = make_home(
        root / "home", language=language, clock=SettableClock(T0), pins=DEMO_PINS
    )
    services.close()
    with sqlite3.connect(root / "home" / "bwc.db") as db:
        db.execute(EVIDENCE_DDL)
    return root / "home"


@dataclass
class World:
    """One home under test, its clock, and what the test itself knows it wrote."""

    home: Path
    clock: SettableClock
    services: Services
    # The newest instant anything trusted was written at (the guard's input, kept apart).
    newest: datetime = T0
    contents: dict[int, str] = field(default_factory=dict)
    data: dict[str, bytes] = field(default_factory=dict)
    serial_count: int = 0

    @classmethod
    def copy_of(cls, template: Path, target: Path, now: datetime = T0) -> World:
        shutil.copytree(template, target)
        clock = SettableClock(now)
        return cls(target, clock, open_world(target, clock), newest=now)

    def person(self, badge: str) -> Actor:
        found = self.services.registry.person(badge)
        assert found is not None
        return actor_of(found)

    def wrote(self) -> None:
        self.newest = max(self.newest, self.clock.now())

    def add_clip(
        self,
        archived_at: datetime,
        holder: str | None,
        share: int | None = None,
        source_name: str | None = None,
    ) -> int:
        """A clip row and its content file (0440); `share` reuses another clip's content;
        `source_name` is the recorder's name for the file (else V0001.MP4, …)."""
        ctx = self.services.ctx
        archive = self.services.offload.archive
        self.serial_count += 1
        data = f"clip {self.serial_count} of {self.home}".encode()
        if share is not None:
            # The same bytes again; archived anew if the rule deleted them meanwhile.
            data = self.data[self.contents[share]]
        sha256 = hashlib.sha256(data).hexdigest()
        self.data[sha256] = data
        if not archive.exists(sha256):
            path = archive.path_for(sha256)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            path.chmod(0o440)
        size = archive.size(sha256)
        name = source_name or f"V{self.serial_count:04d}.MP4"
        clip = NewClip(
            sha256, size, "DSJ-A001", "DEMO01", name, None,
            archived_at, archived_at - timedelta(hours=1), f"{archived_at:%Y-%m-%d}", None,
            holder, MediaInfo(readable=False, error="test"), frozenset(),
        )  # fmt: skip
        with ctx.store.transaction():
            clip_id, _ = ctx.store.clips.insert_or_find(clip)
            ctx.record(SYSTEM, "clip_archived", "clip", str(clip_id), sha256=sha256)
        self.contents[clip_id] = sha256
        self.wrote()
        return clip_id

    def receipt(self, clip_ids: list[int]) -> None:
        """A received hand-over package holding these clips (Art. 12(2))."""
        ctx = self.services.ctx
        now = self.clock.now()
        signature = hashlib.sha256(f"{self.home}{now}{clip_ids}".encode()).hexdigest()
        with ctx.store.transaction():
            package = ctx.store.releases.add_package(
                "handover", "W", "", signature, {c: 1 for c in clip_ids}, "3001", now
            )
            ctx.store.releases.mark_received(package, "3001", now)
            ctx.record(SYSTEM, "handover_receipt", "package", str(package))
        self.wrote()

    def evidence(self, clip_id: int) -> None:
        """The clip is on an evidence disc (DESIGN §12): a disc package and its disc row."""
        ctx = self.services.ctx
        now = self.clock.now()
        signature = hashlib.sha256(f"disc{self.home}{now}{clip_id}".encode()).hexdigest()
        with ctx.store.transaction():
            package = ctx.store.releases.add_package(
                "disc", "ZF-1", "", signature, {clip_id: 1}, "2001", now
            )
            disc = DiscRecord(
                0, "ZF-1", package, "ZF-1.iso", signature, 1, "ZF_1", signature, 1, None,
                "Renmin Road", "", "2001", now,
            )  # fmt: skip
            disc_id = ctx.store.discs.add_disc(disc, [clip_id])
            ctx.record(SYSTEM, "disc_made", "disc", str(disc_id), clip=clip_id)
        self.wrote()

    def reopen(self) -> None:
        self.services.close()
        self.services = open_world(self.home, self.clock)

    def close(self) -> None:
        self.services.close()


def open_world(home: Path, clock: SettableClock) -> Services:
    settings = config.load(home, home / "kiosk.toml")
    archive = ArchiveFS(settings.archive_dir, settings.staging_dir, NoSealer("test"))
    return build_services(settings, clock=clock, archive=archive)
