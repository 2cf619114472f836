"""History can't be rewritten between weeks (issue 14 item 2): each package of a unit must
extend the chain the bureau holds; truncation, a fork, a re-key, a replayed old package and a
missing week are each refused, raise an alarm naming the unit and the seq, and store nothing.
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.bureau_root import Bureau
from tests.bureau.boxes import UNIT, box_world
from tests.bureau.homes import BureauHome, bwc_bureau, register


def _holding(bureau: Bureau) -> tuple[int, int, list[str], int]:
    """What the bureau holds: packages, clips, archived contents, events of its own log."""
    store = bureau.ctx.store
    return (
        store.package_count(),
        store.clip_count(),
        sorted(bureau.ctx.archive.contents()),
        store.head().seq,
    )


@pytest.mark.article("8", "12(2)")
def test_weekly_packages_extend_the_chain_and_a_second_ingest_changes_nothing(
    bureau_home: BureauHome,
) -> None:
    world = box_world()
    register(bureau_home, UNIT, world.key, "Demo unit")
    bureau = bureau_home.open()
    try:
        collector = bureau_home.actor(bureau, "7001")
        first = bureau.ingest.ingest_one(collector, world.packages["w48"])
        assert (first.status, first.unit, first.period, first.clips, first.new_clips) == (
            "ingested",
            UNIT,
            "2026-W48",
            4,
            4,
        )
        clips = json.loads((world.packages["w48"] / "metadata" / "clips.json").read_text())
        held = bureau.clips.find(collector, unit=UNIT)
        assert sorted((c.clip.box_clip_id, c.clip.sha256) for c in held) == sorted(
            (c["id"], c["sha256"]) for c in clips
        )
        for clip in held:
            with bureau.ctx.archive.open(clip.clip.sha256) as stream:
                assert len(stream.read()) == clip.clip.size
        before = _holding(bureau)
        again = bureau.ingest.ingest_one(collector, world.packages["w48"])
        assert (again.status, again.package_id) == ("held", first.package_id)
        assert _holding(bureau) == before
        second = bureau.ingest.ingest_one(collector, world.packages["w49"])
        assert (second.status, second.clips, second.new_clips) == ("ingested", 3, 3)
        unit = bureau.ctx.store.unit(UNIT)
        assert unit is not None and unit.held is not None
        assert unit.held.size == second_checkpoint(world.packages["w49"])
        # The chain held is one unbroken run, from the first package's slice to the head.
        hashes = bureau.ctx.store.held_hashes(unit.id, 1, unit.held.size)
        assert sorted(hashes) == list(range(min(hashes), unit.held.size + 1))
        assert bureau.ctx.store.alarms() == []
    finally:
        bureau.close()


def second_checkpoint(package: Path) -> int:
    """The size of the checkpoint a package was sealed at."""
    line = (package / "metadata" / "checkpoint.txt").read_text()
    return int(line.split(" size=")[1].split()[0])


# (what came before, the package, the reason, the seq the alarm names)
BREAKS = {
    "truncated": (("w48", "w49"), "truncated", "bureau.chain_truncated", 29),
    "forked": (("w48", "w49"), "forked", "bureau.chain_forked", 29),
    "rekeyed": (("w48",), "rekeyed", "bureau.chain_rekeyed", 27),
    "replayed": (("w48_again",), "w48", "bureau.chain_replayed", 26),
    "gap": (("w48",), "w50", "bureau.chain_gap", 27),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
@pytest.mark.article("12(2)", "16(2)", "16(4)")
def test_a_chain_that_does_not_extend_is_refused_alarmed_and_stores_nothing(
    bureau_home: BureauHome, case: str
) -> None:
    before_names, name, reason, seq = BREAKS[case]
    world = box_world()
    register(bureau_home, UNIT, world.key)
    bureau = bureau_home.open()
    try:
        collector = bureau_home.actor(bureau, "7001")
        for earlier in before_names:
            assert bureau.ingest.ingest_one(collector, world.packages[earlier]).status == "ingested"
        unit_before = bureau.ctx.store.unit(UNIT)
        packages, clips, contents, events = _holding(bureau)
        outcome = bureau.ingest.ingest_one(collector, world.packages[name])
        assert outcome.status == "refused" and outcome.refusal is not None
        assert outcome.refusal.reason == reason
        assert outcome.refusal.params["unit"] == UNIT and outcome.refusal.params["seq"] == seq
        # Nothing of it is stored: no package, no clip, no content, the held head unmoved;
        # only the refusal itself is logged (one event).
        assert _holding(bureau) == (packages, clips, contents, events + 1)
        assert bureau.ctx.store.unit(UNIT) == unit_before
        [alarm] = bureau.ctx.store.alarms()
        assert (alarm.kind, alarm.unit, alarm.seq) == (reason.removeprefix("bureau."), UNIT, seq)
        assert alarm.severity == ("warning" if case == "gap" else "critical")
        assert alarm.detail["package"] == world.packages[name].name
        [logged] = [e for e in bureau.ctx.store.iterate(events)]
        assert (logged.action, logged.outcome) == ("package_ingest", "refused")
        assert json.loads(logged.detail_json)["reason"] == reason
    finally:
        bureau.close()


def test_a_fork_on_a_drive_is_one_refused_line_and_an_alarm_through_bwc_bureau(
    bureau_home: BureauHome, tmp_path: Path
) -> None:
    world = box_world()
    register(bureau_home, UNIT, world.key)
    drive = world.drive(tmp_path / "drive", "w48", "w49", "forked")
    done = bwc_bureau(bureau_home.home, "ingest", str(drive), "--badge", "7001", stdin="111111\n")
    assert done.code == 1, done
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Took in bwc-handover-DEMO01-W48: unit DEMO01, week 2026-W48, 4")
    assert lines[1].startswith("Took in bwc-handover-DEMO01-W49: unit DEMO01, week 2026-W49, 3")
    assert lines[2] == (
        "Refused bwc-handover-DEMO01-W49-fork: Unit DEMO01's history was rewritten: its event "
        "29 differs from the one held. An alarm is raised."
    )
    assert "Traceback" not in done.stderr and done.stderr == ""
    alarms = bwc_bureau(bureau_home.home, "alarms", "list", "--json")
    assert alarms.code == 0, alarms
    [row] = json.loads(alarms.stdout)
    assert (row["unit"], row["what"], row["seq"]) == (UNIT, "chain_forked", 29)
    assert row["package"] == "bwc-handover-DEMO01-W49-fork"
    text = bwc_bureau(bureau_home.home, "alarms", "list")
    assert "history rewritten (fork)" in text.stdout
    acked = bwc_bureau(
        bureau_home.home,
        "alarms",
        "ack",
        "1",
        "--badge",
        "7001",
        "--note",
        "Called the unit",
        stdin="111111\n",
    )
    assert acked.code == 0 and acked.stdout == "Alarm 1 is acknowledged; it stays in the record.\n"
    assert bwc_bureau(bureau_home.home, "alarms", "list").stdout == "No alarm is waiting.\n"
    kept = json.loads(bwc_bureau(bureau_home.home, "alarms", "list", "--all", "--json").stdout)
    assert [(a["alarm"], a["what"]) for a in kept] == [(1, "chain_forked")]
    again = bwc_bureau(
        bureau_home.home,
        "alarms",
        "ack",
        "1",
        "--badge",
        "7001",
        "--note",
        "again",
        stdin="111111\n",
    ).failure(1)
    assert again == "Alarm 1 was acknowledged already, by 7001."
