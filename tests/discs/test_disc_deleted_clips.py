"""A case some of whose clips the retention rule deleted (DESIGN §11, §12, Art. 12(3), 12(4)).

The rule deletes only what was handed over, so the central store holds those clips; the disc
holds what the box still has, and says in one line (and in its event) what it left out. A
case all of whose clips are gone is refused in one line, and nothing is written.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from appliance.domain.errors import Refused
from appliance.i18n import explain
from tests.cli_run import Result, bwc, events
from tests.conftest import DEMO_PINS
from tests.retention_world import SYSTEM, T0, World, make_template

CASE = "ZF-2026-0310"
GONE_CASE = "ZF-2026-0311"


def _world(tmp_path: Path) -> tuple[World, int, int, int]:
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", T0)
    due = world.add_clip(T0 - timedelta(days=200), "1001")
    kept = world.add_clip(T0 - timedelta(days=2), "1001")
    alone = world.add_clip(T0 - timedelta(days=210), "1001")
    world.receipt([due, kept, alone])
    officer = world.person("1001")
    world.services.clips.file(officer, [due, kept], CASE)
    world.services.clips.file(officer, [alone], GONE_CASE)
    world.clock.advance(60)
    report = world.services.retention.run(SYSTEM)
    assert sorted(j.clip_id for j in report.eligible) == sorted([due, alone])
    world.close()
    return world, due, kept, alone


def _create(home: Path, out: Path, case: str) -> Result:
    return bwc(
        "--home", str(home), "--lang", "en", "disc", "create", "--case", case,
        "--badge", "2001", "--out", str(out), "--place", "Renmin Road 12",
        stdin=DEMO_PINS["2001"] + "\n",
    )  # fmt: skip


def test_a_disc_leaves_out_what_the_rule_deleted_and_says_so(tmp_path: Path) -> None:
    world, due, kept, _alone = _world(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    done = _create(world.home, out, CASE)
    assert done.code == 0, done.stderr
    assert (
        f"1 clip(s) of this case were deleted by the retention rule after their hand-over and"
        f" are not on the disc (the central store holds them): {due}." in done.stdout.splitlines()
    )
    (made,) = [e for e in events(world.home) if e.action == "disc_made"]
    detail = json.loads(made.detail_json)
    assert (detail["clips"], detail["left_out_deleted_by_rule"]) == ([kept], [due])


def test_a_case_whose_clips_are_all_deleted_is_refused_in_one_line(tmp_path: Path) -> None:
    world, _due, _kept, _alone = _world(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    line = _create(world.home, out, GONE_CASE).failure(1)
    assert line == explain(Refused("disc.all_deleted_by_rule", case=GONE_CASE, clips=1), "en")
    assert list(out.iterdir()) == []
    last = [e for e in events(world.home) if e.action == "disc_create"][-1]
    assert (last.outcome, json.loads(last.detail_json)["reason"]) == (
        "refused",
        "disc.all_deleted_by_rule",
    )
