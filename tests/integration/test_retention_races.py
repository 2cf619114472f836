"""What comes between the retention run's plan and its deletion (invariant 4, DESIGN §11).

The run reads its plan, then deletes content by content, each judged again under the write
lock. Here another process comes in between, as a unit head at the console would: a hold set
with the real `bwc hold set` on a clip the plan found expired, and a new clip archived with the
same bytes as another. Both contents must stay, with no tombstone and no deletion event, while
the rest of the plan goes ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.domain.retention import RetentionPlan
from tests.cli_run import bwc, events
from tests.conftest import DEMO_PINS
from tests.retention_world import SYSTEM, World, make_template


def _between(world: World, step: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    """Run step once the run's plan is read and before any content is deleted."""
    service = world.services.retention
    planned = service.plan

    def plan_then_step() -> RetentionPlan:
        plan = planned()
        step()
        return plan

    monkeypatch.setattr(service, "plan", plan_then_step)


def test_a_hold_set_by_another_process_after_the_plan_keeps_its_clip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The box's own clock: the console's `bwc` writes its events at the real time.
    now = datetime.now(UTC).replace(microsecond=0)
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", now - timedelta(days=1))
    try:
        held = world.add_clip(now - timedelta(days=200), "1001")
        other = world.add_clip(now - timedelta(days=201), "1002")
        world.receipt([held, other])
        world.clock.advance(timedelta(days=1).total_seconds() - 60)
        assert sorted(j.clip_id for j in world.services.retention.plan().eligible) == [held, other]

        def hold_from_the_console() -> None:
            done = bwc(
                "--home", str(world.home), "--lang", "en", "hold", "set", "--badge", "2001",
                "--reason", "complaint", "--note", "complaint of 1 Dec", "--clips", str(held),
                stdin=DEMO_PINS["2001"] + "\n",
            )  # fmt: skip
            assert done.code == 0, done.stderr

        _between(world, hold_from_the_console, monkeypatch)
        report = world.services.retention.run(SYSTEM)
        assert [j.clip_id for j in report.eligible] == [other]
        assert report.deleted == (world.contents[other],)
        archive = world.services.offload.archive
        assert archive.exists(world.contents[held])
        assert not archive.exists(world.contents[other])
        assert world.services.store.retention.tombstoned_clips() == {other}
        deleted = [e.object_id for e in events(world.home) if e.action == "clip_deleted"]
        assert deleted == [str(other)]
    finally:
        world.close()


def test_a_clip_archived_again_with_the_same_bytes_after_the_plan_keeps_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", now)
    try:
        old = world.add_clip(now - timedelta(days=200), "1001")
        world.receipt([old])
        world.clock.advance(60)

        def archive_the_same_bytes() -> None:
            world.add_clip(world.clock.now(), "1001", share=old)

        _between(world, archive_the_same_bytes, monkeypatch)
        report = world.services.retention.run(SYSTEM)
        assert report.deleted == () and report.eligible == ()
        assert world.services.offload.archive.exists(world.contents[old])
        assert world.services.store.retention.tombstoned_clips() == set()
        assert not [e for e in events(world.home) if e.action == "clip_deleted"]
    finally:
        world.close()
