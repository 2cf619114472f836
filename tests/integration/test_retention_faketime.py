"""`bwc retention run` as a real process under faketime: the clock guard (DESIGN §11).

A handful of clock faults through the real command on one home, the rest of the schedules
in-process (test_retention_schedules.py): ten years back, ten years ahead, a step back and a
leap delete nothing, say so in one line, exit 1 and raise an alarm; the dry run lists what
would go; a clock just after the newest event deletes exactly the eligible clip, with its
tombstone, and leaves the held, evidence, un-handed-over and too-young ones.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.adapters.staging import StagingArea
from appliance.domain.errors import Refused
from tests.cli_run import env as bwc_env
from tests.cli_run import verify_clean
from tests.retention_world import SYSTEM, T0, World, make_template, open_world

FAKETIME = shutil.which("faketime")
pytestmark = pytest.mark.skipif(FAKETIME is None, reason="faketime (Debian) is not installed")


def bwc_at(instant: datetime, home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`bwc …` with the process's clock set to instant (and running on from there)."""
    stamp = instant.strftime("%Y-%m-%d %H:%M:%S")
    return subprocess.run(
        [str(FAKETIME), stamp, sys.executable, "-m", "appliance", "--home", str(home),
         "--lang", "en", *argv],
        capture_output=True, text=True, env={**bwc_env(), "TZ": "UTC"}, check=False,
        timeout=120,
    )  # fmt: skip


def rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / "bwc.db") as db:
        return db.execute(sql).fetchall()


def test_clock_faults_through_the_real_command(tmp_path: Path) -> None:
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", T0)
    old = T0 - timedelta(days=200)
    gone = world.add_clip(old, "1001")
    held = world.add_clip(old, "1001")
    evidence = world.add_clip(old, "1002")
    unhanded = world.add_clip(old, "1002")
    young = world.add_clip(T0 - timedelta(days=20), "1001")
    world.receipt([gone, held, evidence, young])
    world.evidence(evidence)
    world.services.holds.set_on_clips(world.person("2001"), "petition", "信访 7", [held])
    world.close()
    home, archive = world.home, world.services.offload.archive
    newest = world.newest
    for label, instant in (
        ("ten years back", newest - timedelta(days=3652)),
        ("ten years ahead", newest + timedelta(days=3652)),
        ("a step back", newest - timedelta(hours=6)),
        ("a leap", newest + timedelta(days=45)),
    ):
        done = bwc_at(instant, home, "retention", "run")
        assert done.returncode == 1, (label, done)
        (line,) = done.stderr.splitlines()
        assert line.startswith("Nothing was deleted: the clock says"), (label, line)
        assert "Traceback" not in done.stderr
        assert rows(home, "SELECT count(*) FROM tombstone") == [(0,)], label
    alarms = rows(home, "SELECT kind, severity FROM alarm WHERE kind = 'retention_clock'")
    assert alarms == [("retention_clock", "critical")] * 4
    refusals = rows(
        home,
        "SELECT detail_json FROM audit_event WHERE action = 'retention_run'"
        " AND outcome = 'refused' ORDER BY seq",
    )
    faults = [json.loads(str(detail))["params"]["fault"] for (detail,) in refusals]
    assert faults == ["clock_behind_newest_event", "clock_leap_past_newest_event"] * 2
    # A clock just after the newest event: trusted.
    dry = bwc_at(newest + timedelta(hours=1), home, "retention", "run", "--dry-run", "--json")
    assert dry.returncode == 0, dry
    assert [e["clip"] for e in json.loads(dry.stdout)["eligible"]] == [gone]
    assert rows(home, "SELECT count(*) FROM tombstone") == [(0,)]
    done = bwc_at(newest + timedelta(hours=2), home, "retention", "run", "--json")
    assert done.returncode == 0, done
    report = json.loads(done.stdout)
    assert report["deleted"] == [world.contents[gone]]
    (tomb,) = rows(home, "SELECT clip_id, sha256, reason, inputs_json FROM tombstone")
    assert tomb[:3] == (gone, world.contents[gone], "retention_expired")
    inputs = json.loads(str(tomb[3]))
    assert inputs["handed_over"] is True and inputs["holds"] == [] and inputs["days"] == 180
    for clip_id in (held, evidence, unhanded, young):
        assert archive.exists(world.contents[clip_id]), clip_id
    assert not archive.exists(world.contents[gone])
    listing = json.loads(Path(report["lists"][0]).read_text(encoding="utf-8"))
    assert [row["clip"] for row in listing["deleted"]] == [gone]
    assert listing["chain_head"]["seq"] > 0
    assert Path(report["lists"][1]).read_text(encoding="utf-8").startswith("Destruction list")
    # Audit events are never purged, and the home still verifies (tombstones bound, §5.1).
    verify_clean(home)
    listed = bwc_at(newest + timedelta(hours=3), home, "clips", "list", "--json")
    marks = {row["id"]: row["deleted_by_rule"] for row in json.loads(listed.stdout)}
    assert marks == {gone: True, held: False, evidence: False, unhanded: False, young: False}
    text = bwc_at(newest + timedelta(hours=3), home, "clips", "list")
    assert [ln for ln in text.stdout.splitlines() if "deleted by the retention rule" in ln]
    # What is deleted cannot be asked for (Art. 11): only its tombstone is left, audited.
    again = World(
        home,
        SettableClock(newest + timedelta(hours=4)),
        open_world(home, SettableClock(newest + timedelta(hours=4))),
    )
    try:
        with pytest.raises(Refused) as refused:
            again.services.disclosure.request(again.person("1001"), [gone], "Court", "case")
        assert (refused.value.reason, refused.value.params) == (
            "clip_deleted_by_rule",
            {"clip": gone},
        )
        (last,) = again.services.store.audit_log.recent(1)
        assert (last.action, last.outcome) == ("disclosure_request", "refused")
    finally:
        again.close()


def test_a_run_while_an_offload_is_running_deletes_nothing_and_says_so(tmp_path: Path) -> None:
    """DESIGN §4 step 3: a job may link the same bytes again; deletion waits for a quiet
    archive (the next night), and a new job waits for the run."""
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", T0)
    due = world.add_clip(T0 - timedelta(days=200), "1001")
    world.receipt([due])
    world.clock.advance(60)
    staging = StagingArea(world.services.settings.staging_dir)
    job = staging.open_job(staging.new_token())
    try:
        report = world.services.retention.run(SYSTEM)
    finally:
        job.close()
    assert report.deferred and report.eligible == () and report.deleted == ()
    assert world.services.store.retention.tombstones() == []
    (event,) = [e for e in world.services.store.audit_log.recent(5) if e.action == "retention_run"]
    assert event.outcome == "deferred"
    assert world.services.offload.archive.exists(world.contents[due])
    assert [j.clip_id for j in world.services.retention.run(SYSTEM).eligible] == [due]
    world.close()
