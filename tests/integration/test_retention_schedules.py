"""The retention rule under random schedules and clock faults (invariant 4, DESIGN §11).

Art. 12(3): footage is kept at least three months and longer when a complaint or petition
comes in. Each schedule archives clips (some sharing one content), hands some over, puts some on
an evidence disc, files some under cases, sets and lifts holds, and runs `retention` between
clock steps: forward days, ten years back, ten years ahead, a step back, a leap. An oracle
written here, apart from domain/retention.py, says what may go. After every run: no held,
evidence, un-handed-over or too-young clip was deleted; every eligible one was, once, with its
tombstone; a run on a faulty clock deleted nothing and raised an alarm.
Schedules: 200 by default (BWC_RETENTION_SCHEDULES for more), on real SQLite homes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from appliance.domain.errors import Refused
from tests.retention_world import SYSTEM, T0, World, make_template

SCHEDULES = int(os.environ.get("BWC_RETENTION_SCHEDULES", "200"))
DAYS, LEAP = 180, 31
YEARS_10 = timedelta(days=3652)


@dataclass
class Known:
    """What the oracle knows of one clip."""

    archived_at: datetime
    holder: str | None
    recorded_at: datetime
    cases: set[str] = field(default_factory=set)
    handed: bool = False
    evidence: bool = False


@dataclass
class OracleHold:
    id: int
    clips: frozenset[int] = frozenset()
    case: str | None = None
    officer: tuple[str, datetime, datetime] | None = None
    active: bool = True

    def covers(self, clip_id: int, clip: Known) -> bool:
        if not self.active:
            return False
        if self.clips:
            return clip_id in self.clips
        if self.case is not None:
            return self.case in clip.cases
        assert self.officer is not None
        badge, start, end = self.officer
        return clip.holder == badge and start <= clip.recorded_at < end


def may_go(clip_id: int, clip: Known, holds: list[OracleHold], now: datetime) -> bool:
    return (
        clip.handed
        and not clip.evidence
        and not any(hold.covers(clip_id, clip) for hold in holds)
        and now >= clip.archived_at + timedelta(days=DAYS)
    )


@pytest.fixture(scope="module")
def memory_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the homes live: tmpfs when the machine has one (the rule, not the disk, is tested:
    SQLite's and the destruction lists' fsyncs cost 10 ms each on a shared disk)."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or not os.access(shm, os.W_OK):
        yield tmp_path_factory.mktemp("retention")
        return
    root = Path(tempfile.mkdtemp(prefix="bwc-retention-", dir=shm))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def template(memory_dir: Path) -> Path:
    return make_template(memory_dir / "template")


class Schedule:
    """One random schedule on its own home."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.clips: dict[int, Known] = {}
        self.holds: list[OracleHold] = []
        self.gone: set[int] = set()
        self.true_now = world.clock.now()
        self.runs = {"trusted": 0, "refused": 0}

    def set_clock(self, instant: datetime) -> None:
        clock = self.world.clock
        clock.advance((instant - clock.now()).total_seconds())

    def tick(self, days: int) -> None:
        """True time moves on, with the daily checkpoint's event at least monthly."""
        while days > 0:
            step = min(days, self.rng.randint(1, 30))
            self.true_now += timedelta(days=step)
            self.set_clock(self.true_now)
            ctx = self.world.services.ctx
            with ctx.store.transaction():
                ctx.record(SYSTEM, "audit_checkpoint", "audit", "-")
            self.world.wrote()
            days -= step

    def add_clip(self) -> None:
        rng, now = self.rng, self.true_now
        archived = now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 1440))
        holder = rng.choice(["1001", "1002", None])
        share = rng.choice(list(self.clips)) if self.clips and rng.random() < 0.2 else None
        clip_id = self.world.add_clip(archived, holder, share)
        self.clips[clip_id] = Known(archived, holder, archived - timedelta(hours=1))
        if rng.random() < 0.15:
            self.world.evidence(clip_id)
            self.clips[clip_id].evidence = True
        if rng.random() < 0.3:
            case = rng.choice(["C1", "C2"])
            ctx = self.world.services.ctx
            with ctx.store.transaction():
                ctx.store.clips.file_case(clip_id, case, "2001", self.true_now)
                ctx.record(SYSTEM, "file_clip", "clip", str(clip_id), case=case)
            self.world.wrote()
            self.clips[clip_id].cases.add(case)

    def receipt(self) -> None:
        waiting = [c for c, k in self.clips.items() if not k.handed]
        chosen = [c for c in waiting if self.rng.random() < 0.7]
        if chosen:
            self.world.receipt(chosen)
            for clip_id in chosen:
                self.clips[clip_id].handed = True

    def set_hold(self) -> None:
        rng, holds = self.rng, self.world.services.holds
        who = self.world.person(rng.choice(["2001", "3001", "4001"]))
        kind = rng.choice(["complaint", "petition", "litigation", "other"])
        scope = rng.choice(["clips", "case", "officer"])
        if scope == "clips" and self.clips:
            ids = frozenset(rng.sample(list(self.clips), k=min(len(self.clips), 2)))
            made = holds.set_on_clips(who, kind, "complaint file", ids)
            self.holds.append(OracleHold(made.id, clips=ids))
        elif scope == "case":
            case = rng.choice(["C1", "C2"])
            made = holds.set_on_case(who, kind, "petition", case)
            self.holds.append(OracleHold(made.id, case=case))
        else:
            badge = rng.choice(["1001", "1002"])
            start = self.true_now - timedelta(days=rng.randint(0, 400))
            end = start + timedelta(days=rng.randint(1, 120))
            made = holds.set_on_officer(who, kind, "suit", badge, start, end)
            self.holds.append(OracleHold(made.id, officer=(badge, start, end)))
        self.world.wrote()

    def lift_hold(self) -> None:
        active = [hold for hold in self.holds if hold.active]
        if active:
            hold = self.rng.choice(active)
            first, second = self.world.person("3001"), self.world.person("4001")
            self.world.services.holds.lift(first, hold.id, second)
            hold.active = False
            self.world.wrote()

    def run(self, fault: str) -> None:
        rng = self.rng
        offset = {
            "none": timedelta(0),
            "back_10y": -YEARS_10,
            "ahead_10y": YEARS_10,
            "step_back": -timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 23)),
            "leap": timedelta(days=rng.randint(LEAP + 1, 400)),
        }[fault]
        clock_at = self.true_now + offset
        self.set_clock(clock_at)
        newest = self.world.newest
        untrusted = clock_at < newest or clock_at - newest > timedelta(days=LEAP)
        services = self.world.services
        alarms_before = _clock_alarms(services)
        tombs_before = _tombstones(services)
        if untrusted:
            with pytest.raises(Refused) as refused:
                services.retention.run(SYSTEM)
            assert refused.value.reason == "retention_clock_untrusted"
            assert _tombstones(services) == tombs_before, "a faulty clock deleted something"
            assert _clock_alarms(services) == alarms_before + 1
            self.runs["refused"] += 1
        else:
            # Who may go now, by the oracle: the content goes only when all its clips may.
            wanted = {c for c, k in self.clips.items() if may_go(c, k, self.holds, clock_at)}
            wanted |= self.gone
            by_content: dict[str, set[int]] = {}
            for clip_id in self.clips:
                by_content.setdefault(self.world.contents[clip_id], set()).add(clip_id)
            expected = set().union(*(ids for ids in by_content.values() if ids <= wanted))
            expected |= self.gone
            report = services.retention.run(SYSTEM)
            self.world.wrote()
            tombs = _tombstones(services)
            assert set(tombs) == expected, (fault, clock_at, set(tombs) ^ expected)
            for clip_id in set(tombs) - self.gone:
                # Never a held, evidence, un-handed-over or too-young clip (invariant 4).
                clip = self.clips[clip_id]
                assert clip.handed and not clip.evidence
                assert not any(hold.covers(clip_id, clip) for hold in self.holds)
                assert clip_at_least(clip, clock_at)
                inputs = json.loads(str(tombs[clip_id]["inputs_json"]))
                assert inputs["handed_over"] is True and inputs["holds"] == []
                assert tombs[clip_id]["sha256"] == self.world.contents[clip_id]
            assert {j.clip_id for j in report.eligible} == expected - self.gone
            self.gone = expected
            self.runs["trusted"] += 1
        self._files_match()
        self.set_clock(self.true_now)

    def _files_match(self) -> None:
        archive = self.world.services.offload.archive
        for clip_id, sha256 in self.world.contents.items():
            kept = any(self.world.contents[c] == sha256 and c not in self.gone for c in self.clips)
            assert archive.exists(sha256) is kept, (clip_id, sha256, kept)


def clip_at_least(clip: Known, now: datetime) -> bool:
    return now >= clip.archived_at + timedelta(days=DAYS)


def _tombstones(services: object) -> dict[int, dict[str, object]]:
    rows = services.store.retention.tombstones()  # type: ignore[attr-defined]
    return {int(str(row["clip_id"])): row for row in rows}


def _clock_alarms(services: object) -> int:
    alarms = services.store.alarms  # type: ignore[attr-defined]
    return len([a for a in alarms.open_alarms() if a.kind == "retention_clock"])


FAULTS = ("none", "none", "back_10y", "ahead_10y", "step_back", "leap")


def test_random_schedules_delete_exactly_what_the_rule_allows(
    template: Path, memory_dir: Path
) -> None:
    totals = {"trusted": 0, "refused": 0, "deleted": 0, "faults": 0}
    for index in range(SCHEDULES):
        rng = random.Random(index)
        world = World.copy_of(template, memory_dir / f"s{index}", T0)
        try:
            schedule = Schedule(world, rng)
            for _ in range(rng.randint(2, 6)):
                schedule.add_clip()
            for _ in range(rng.randint(0, 3)):
                schedule.set_hold()
            faults = [rng.choice(FAULTS) for _ in range(rng.randint(3, 5))]
            for fault in faults:
                action = rng.random()
                if action < 0.5:
                    schedule.receipt()
                elif action < 0.7:
                    schedule.add_clip()
                elif action < 0.85:
                    schedule.lift_hold()
                else:
                    schedule.set_hold()
                schedule.tick(rng.randint(1, 200))
                schedule.run(fault)
                totals["faults"] += fault != "none"
            totals["trusted"] += schedule.runs["trusted"]
            totals["refused"] += schedule.runs["refused"]
            totals["deleted"] += len(schedule.gone)
            # Each deleted clip has exactly one deletion event (never twice), and every
            # tenth home replays clean: tombstones and holds are bound to the chain (§5.1).
            events = list(world.services.store.audit_log.iterate())
            deleted = [e.object_id for e in events if e.action == "clip_deleted"]
            assert sorted(deleted) == sorted(str(c) for c in schedule.gone)
            if index % 10 == 0:
                assert world.services.audit.verify(SYSTEM).clean
        finally:
            world.close()
            shutil.rmtree(world.home, ignore_errors=True)
    # The schedules reach every branch: deletions, refusals and trusted runs aplenty.
    assert totals["deleted"] > SCHEDULES // 2 and totals["refused"] > SCHEDULES // 2, totals
    assert totals["trusted"] > SCHEDULES, totals
