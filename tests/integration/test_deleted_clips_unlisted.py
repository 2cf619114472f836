"""A clip the retention rule deleted is no longer offered at the kiosk (DESIGN §11, Art. 8).

Its row and its tombstone stay (the record of what was deleted, and why); but its content is
gone, so the officer's filing list, the home's count of clips waiting to be filed and the
disclosure request's list leave it out: offering it would end in a refusal
(`clip_deleted_by_rule`) or in a filing of nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.retention_world import SYSTEM, T0, World, make_template


def test_a_deleted_clip_is_left_out_of_the_kiosks_lists(tmp_path: Path) -> None:
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", T0)
    try:
        due = world.add_clip(T0 - timedelta(days=200), "1001")
        kept = world.add_clip(T0 - timedelta(days=2), "1001")
        world.receipt([due, kept])
        world.clock.advance(60)
        officer = world.person("1001")
        head = world.person("2001")
        overview = world.services.overview
        # Before the run both are offered: the test would pass vacuously otherwise.
        assert [c.id for c in overview.unfiled_clips(officer, "1001").clips] == [due, kept]
        assert overview.home_summary(officer).unfiled == 2

        report = world.services.retention.run(SYSTEM)
        assert [j.clip_id for j in report.eligible] == [due]
        assert world.services.store.retention.tombstoned_clips() == {due}

        assert [c.id for c in overview.unfiled_clips(officer, "1001").clips] == [kept]
        assert overview.home_summary(officer).unfiled == 1
        assert [c.id for c in overview.disclosable_clips(officer).clips] == [kept]
        assert [c.id for c in overview.disclosable_clips(head).clips] == [kept]
        # The row itself is kept: the console's listing and the tombstone still name it.
        assert due in {c.id for c in world.services.clips.listing()}
        assert world.services.store.retention.tombstoned_clips([kept]) == set()
    finally:
        world.close()
