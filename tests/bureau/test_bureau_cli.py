"""`bwc-bureau` through its real process, on SQLite and on PostgreSQL (issue 14): every
refusal is one line and changes nothing; the exports follow the disclosure rules; verify
names what was changed."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.signer import Ed25519Verifier
from appliance.domain.audit import parse_checkpoint
from tests.bureau.boxes import UNIT, box_world
from tests.bureau.homes import BureauHome, bwc_bureau, register, tamper


def _ingested(made: BureauHome, *names: str) -> None:
    world = box_world()
    register(made, UNIT, world.key, "Demo unit")
    bureau = made.open()
    try:
        collector = made.actor(bureau, "7001")
        for name in names:
            assert bureau.ingest.ingest_one(collector, world.packages[name]).status == "ingested"
    finally:
        bureau.close()


def test_init_makes_a_home_once_and_refuses_what_is_not_one(tmp_path: Path) -> None:
    home = tmp_path / "b"
    done = bwc_bureau(home, "init", "--code", "CITY01", "--name", "City", "--seal", "off")
    assert done.code == 0, done
    assert done.stdout == f"Bureau archive CITY01 made in {home} (database: sqlite).\n"
    assert (home / "bureau.db").is_file() and (home / "keys" / "bureau.pub").is_file()
    toml = (home / "bureau.toml").read_text()
    assert 'code = "CITY01"' in toml and "# database_url" in toml
    again = bwc_bureau(home, "init", "--code", "OTHER", "--name", "x").failure(1)
    assert again == f"{home} is a bureau home already."
    assert 'code = "CITY01"' in (home / "bureau.toml").read_text()
    lines = {
        "bad code": bwc_bureau(tmp_path / "c", "init", "--code", "a b", "--name", "x").failure(2),
        "password": bwc_bureau(
            tmp_path / "d",
            "init",
            "--code",
            "C",
            "--name",
            "x",
            "--database-url",
            "postgresql://u:secret@/db",
        ).failure(2),
        "no home": bwc_bureau(tmp_path / "none", "unit", "list").failure(2),
    }
    assert lines["bad code"] == "a b is not a code: 1 to 32 letters, digits, - or _."
    assert lines["password"].startswith("database_url must be postgresql://USER@/DATABASE")
    assert lines["no home"] == (
        f"{tmp_path / 'none'} is not a bureau home (no bureau.toml): run bwc-bureau init first."
    )
    assert not (tmp_path / "c").exists() and not (tmp_path / "d" / "bureau.toml").exists()


def test_an_unreachable_postgresql_is_one_line(tmp_path: Path) -> None:
    url = "postgresql://bwc@/bureau?host=%2Fnonexistent%2Fsocket"
    line = bwc_bureau(
        tmp_path / "b", "init", "--code", "C", "--name", "x", "--database-url", url
    ).failure(2)
    assert line.startswith("The bureau's database (postgresql database bureau) cannot be reached:")
    assert not (tmp_path / "b" / "bureau.toml").exists()


def test_people_take_two_and_every_refusal_is_one_line(bureau_home: BureauHome) -> None:
    home = bureau_home.home
    alone = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "7010",
        "--name",
        "New",
        "--role",
        "auditor",
        "--by",
        "7001",
        stdin="555555\n111111\n",
    ).failure(2)
    assert alone.startswith("Two people are needed: --by (who proposes)")
    same = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "7010",
        "--name",
        "New",
        "--role",
        "auditor",
        "--by",
        "7002",
        "--confirm-by",
        "7002",
        stdin="555555\n222222\n222222\n",
    ).failure(1)
    assert same == "The second person must be someone else than 7002."
    not_head = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "7010",
        "--name",
        "New",
        "--role",
        "auditor",
        "--by",
        "7002",
        "--confirm-by",
        "7001",
        stdin="555555\n222222\n111111\n",
    ).failure(1)
    assert not_head == (
        "Not allowed: the role information collector may not confirm as the second person."
    )
    wrong = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "7010",
        "--name",
        "New",
        "--role",
        "auditor",
        "--by",
        "7001",
        "--confirm-by",
        "7002",
        stdin="555555\n999999\n222222\n",
    ).failure(1)
    assert wrong == "Wrong PIN. 4 tries left before the badge is locked."
    hostile = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "\x1b[31m",
        "--name",
        "x",
        "--role",
        "auditor",
        stdin="555555\n",
    ).failure(2)
    # The escape is shown escaped: it never reaches the terminal.
    assert hostile == "\\x1b[31m is not a badge: 1 to 32 letters, digits, - or _."
    listed = bwc_bureau(home, "person", "list", "--json")
    assert sorted(p["badge"] for p in json.loads(listed.stdout)) == ["7001", "7002", "7003", "7004"]
    done = bwc_bureau(
        home,
        "person",
        "add",
        "--badge",
        "7010",
        "--name",
        "New",
        "--role",
        "auditor",
        "--by",
        "7001",
        "--confirm-by",
        "7002",
        stdin="555555\n111111\n222222\n",
    )
    assert done.code == 0 and done.stdout == "Added New (7010) as auditor.\n", done


def test_a_unit_is_registered_once_with_a_real_key(bureau_home: BureauHome, tmp_path: Path) -> None:
    world = box_world()
    home = bureau_home.home
    pins = "111111\n222222\n"
    add = ("unit", "add", UNIT, "--name", "Demo unit", "--by", "7001", "--confirm-by", "7002")
    done = bwc_bureau(home, *add, "--public-key", str(world.key), stdin=pins)
    assert done.code == 0, done
    assert done.stdout.startswith(f"Unit {UNIT} (Demo unit) is registered with key ")
    twice = bwc_bureau(home, *add, "--public-key", str(world.key), stdin=pins).failure(1)
    assert twice == f"Unit {UNIT} is registered already; its key is never replaced."
    other = ("unit", "add", "U2", "--by", "7001", "--confirm-by", "7002")
    taken = bwc_bureau(home, *other, "--public-key", str(world.key), stdin=pins).failure(1)
    assert taken == f"That key is registered already, for unit {UNIT}."
    garbage = tmp_path / "garbage.pub"
    garbage.write_text("not a key\n")
    bad = bwc_bureau(home, *other, "--public-key", str(garbage), stdin=pins).failure(2)
    assert bad == "That is not a unit's public key (the box's keys/audit.pub)."
    missing = bwc_bureau(home, *other, "--public-key", str(tmp_path / "none"), stdin=pins)
    assert missing.failure(2).startswith(f"The key file {tmp_path / 'none'} cannot be read")
    units = json.loads(bwc_bureau(home, "unit", "list", "--json").stdout)
    assert [(u["unit"], u["held"], u["packages"]) for u in units] == [(UNIT, 0, 0)]


def test_ingest_refuses_bad_sources_and_strangers_in_one_line(
    bureau_home: BureauHome, tmp_path: Path
) -> None:
    world = box_world()
    home = bureau_home.home
    pin = "111111\n"
    nowhere = bwc_bureau(home, "ingest", str(tmp_path / "none"), "--badge", "7001", stdin=pin)
    assert nowhere.failure(2) == f"{tmp_path / 'none'} is not a drive or a directory."
    (tmp_path / "empty").mkdir()
    empty = bwc_bureau(home, "ingest", str(tmp_path / "empty"), "--badge", "7001", stdin=pin)
    assert empty.failure(1) == f"{tmp_path / 'empty'} holds no package."
    drive = world.drive(tmp_path / "drive", "w48")
    stranger = bwc_bureau(home, "ingest", str(drive), "--badge", "7001", stdin=pin)
    assert stranger.code == 1
    assert stranger.stdout.startswith(
        "Refused bwc-handover-DEMO01-W48: The package is from unit DEMO01, which is not "
        "registered here"
    )
    auditor = bwc_bureau(home, "ingest", str(drive), "--badge", "7003", stdin="333333\n")
    assert auditor.failure(1) == (
        "Not allowed: the role auditor may not take in hand-over packages."
    )
    bureau = bureau_home.open()
    try:
        assert (bureau.ctx.store.package_count(), bureau.ctx.store.clip_count()) == (0, 0)
    finally:
        bureau.close()


def test_clips_are_found_by_case_and_day_and_bad_days_are_refused(
    bureau_home: BureauHome,
) -> None:
    _ingested(bureau_home, "w48", "w49")
    home = bureau_home.home
    pin = "333333\n"
    day = bwc_bureau(
        home, "clips", "list", "--badge", "7003", "--day", "2026-11-25", "--json", stdin=pin
    )
    assert day.code == 0, day
    rows = json.loads(day.stdout)
    assert len(rows) == 4 and {r["day"] for r in rows} == {"2026-11-25"}
    assert {r["unit"] for r in rows} == {UNIT}
    week = bwc_bureau(
        home,
        "clips",
        "list",
        "--badge",
        "7003",
        "--from",
        "2026-11-30",
        "--to",
        "2026-12-06",
        "--json",
        stdin=pin,
    )
    assert [r["day"] for r in json.loads(week.stdout)] == ["2026-12-02"] * 3
    none = bwc_bureau(home, "clips", "list", "--badge", "7003", "--case", "NO-SUCH", stdin=pin)
    assert none.stdout == "No clip matches.\n"
    listed = json.loads(bwc_bureau(home, "packages", "list", "--json").stdout)
    assert [(p["unit"], p["period"], p["clips"]) for p in listed] == [
        (UNIT, "2026-W48", 4),
        (UNIT, "2026-W49", 3),
    ]
    # The unit's own signed word on its chain's head is kept with each package.
    sealed = (box_world().packages["w49"] / "metadata" / "checkpoint.txt").read_text().strip()
    assert listed[1]["checkpoint"] == sealed
    bad = bwc_bureau(home, "clips", "list", "--badge", "7003", "--day", "2026-13-01", stdin=pin)
    assert bad.failure(2) == "2026-13-01 is not a day (YYYY-MM-DD)."
    reversed_days = bwc_bureau(
        home,
        "clips",
        "list",
        "--badge",
        "7003",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-01",
        stdin=pin,
    )
    assert reversed_days.failure(2) == "2026-12-02 comes after 2026-12-01."


def test_an_export_needs_another_bureau_head_is_used_once_and_verifies(
    bureau_home: BureauHome, tmp_path: Path
) -> None:
    _ingested(bureau_home, "w48")
    home = bureau_home.home
    asked = bwc_bureau(
        home,
        "export",
        "request",
        "--badge",
        "7002",
        "--clips",
        "1",
        "2",
        "--recipient",
        "County court",
        "--reason",
        "Case 2026-17",
        "--json",
        stdin="222222\n",
    )
    assert asked.code == 0, asked
    request = json.loads(asked.stdout)["request"]
    own = bwc_bureau(
        home, "export", "approve", "--request", str(request), "--badge", "7002", stdin="222222\n"
    )
    assert own.failure(1) == f"Request {request} is your own: another bureau head must decide it."
    collector = bwc_bureau(
        home, "export", "approve", "--request", str(request), "--badge", "7001", stdin="111111\n"
    )
    assert (
        collector.failure(1)
        == "Not allowed: the role information collector may not approve an export."
    )
    out = tmp_path / "export"
    early = bwc_bureau(
        home,
        "export",
        "write",
        "--request",
        str(request),
        "--out",
        str(out),
        "--badge",
        "7001",
        stdin="111111\n",
    )
    assert early.failure(1).startswith(f"Request {request}")
    assert not out.exists()
    ok = bwc_bureau(
        home, "export", "approve", "--request", str(request), "--badge", "7004", stdin="444444\n"
    )
    assert ok.code == 0 and ok.stdout.startswith(f"Export request {request} is approved until")
    written = bwc_bureau(
        home,
        "export",
        "write",
        "--request",
        str(request),
        "--out",
        str(out),
        "--badge",
        "7001",
        stdin="111111\n",
    )
    assert written.code == 0, written
    assert written.stdout.startswith(f"Export {request} written to {out}: 2 clips, receipt ")
    key = bwc_bureau(home, "public-key").stdout.strip()
    report = verify_package(out, key)
    assert (report.kind, report.unit, report.files) == ("disclosure", "CITY01", 2)
    clips = json.loads((out / "metadata" / "clips.json").read_text())
    assert {c["unit"] for c in clips} == {UNIT} and sorted(c["id"] for c in clips) == [1, 2]
    twice = bwc_bureau(
        home,
        "export",
        "write",
        "--request",
        str(request),
        "--out",
        str(tmp_path / "again"),
        "--badge",
        "7001",
        stdin="111111\n",
    )
    assert twice.failure(1) == f"Request {request} was already exported: an approval is used once."
    assert not (tmp_path / "again").exists()
    listed = json.loads(bwc_bureau(home, "export", "list", "--json").stdout)
    assert [(r["request"], r["state"], r["decided_by"]) for r in listed] == [
        (request, "exported", "7004")
    ]


def test_a_state_secret_never_leaves_the_bureau(bureau_home: BureauHome) -> None:
    _ingested(bureau_home, "w48")
    bureau = bureau_home.open()
    try:
        tamper(bureau, "UPDATE clip SET classification = 'state_secret' WHERE id = 3")
    finally:
        bureau.close()
    refused = bwc_bureau(
        bureau_home.home,
        "export",
        "request",
        "--badge",
        "7001",
        "--clips",
        "3",
        "--recipient",
        "Press",
        "--reason",
        "Story",
        stdin="111111\n",
    ).failure(1)
    assert refused == "Clip 3 is a state secret: it never leaves the bureau archive (Art. 3)."
    listed = bwc_bureau(bureau_home.home, "export", "list", "--json")
    assert json.loads(listed.stdout) == []


@pytest.mark.article("15", "12(2)")
def test_the_audit_report_spans_units_and_weeks(bureau_home: BureauHome, tmp_path: Path) -> None:
    _ingested(bureau_home, "w48", "w49")
    home = bureau_home.home
    # Week 50 arrives with a footage file changed on the way: refused, and counted as the
    # unit's (its signature names the unit's key), though the package says nothing more.
    drive = box_world().drive(tmp_path / "drive", "w50")
    victim = sorted((drive / "bwc-handover-DEMO01-W50" / "data").rglob("*.MP4"))[0]
    victim.chmod(0o640)
    data = victim.read_bytes()
    victim.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    bad = bwc_bureau(home, "ingest", str(drive), "--badge", "7001", stdin="111111\n")
    assert bad.code == 1 and "A footage file of the package was changed" in bad.stdout, bad
    done = bwc_bureau(
        home,
        "report",
        "audit",
        "--from",
        "2026-11-23",
        "--to",
        "2026-12-13",
        "--badge",
        "7003",
        "--json",
        stdin="333333\n",
    )
    assert done.code == 0, done
    report = json.loads(done.stdout)
    [unit] = report["units"]
    assert unit["unit"] == UNIT
    assert unit["weeks_due"] == ["2026-W48", "2026-W49", "2026-W50"]
    assert unit["weeks_received"] == ["2026-W48", "2026-W49"]
    assert unit["weeks_missing"] == ["2026-W50"]
    assert unit["clips"] == 7 and unit["chain_alarms"] == [] and unit["refused"] == 1
    assert report["totals"]["weeks_missing"] == 1 and report["totals"]["refused"] == 1
    assert report["log"]["intact"] is True
    refused = bwc_bureau(
        home,
        "report",
        "audit",
        "--from",
        "2026-11-23",
        "--to",
        "2026-12-13",
        "--badge",
        "7001",
        stdin="111111\n",
    ).failure(1)
    assert refused == "Not allowed: the role information collector may not read the audit report."
    text = bwc_bureau(
        home,
        "report",
        "audit",
        "--from",
        "2026-11-23",
        "--to",
        "2026-12-13",
        "--badge",
        "7003",
        stdin="333333\n",
    )
    assert text.stdout.splitlines()[0] == "Audit across 1 unit, 2026-11-23 to 2026-12-13 (Art. 15):"
    assert "2026-W50" in text.stdout.splitlines()[2]


def _content_file(home: Path) -> Path:
    return sorted(p for p in (home / "archive" / "sha256").rglob("*") if p.is_file())[0]


@pytest.mark.parametrize("damage", ["changed", "missing", "stray"])
def test_verify_names_a_content_changed_missing_or_stray(
    bureau_home: BureauHome, damage: str
) -> None:
    _ingested(bureau_home, "w48")
    home = bureau_home.home
    sound = bwc_bureau(home, "verify")
    assert sound.code == 0 and sound.stdout.startswith("Sound: 4 contents (80.0 KB) re-hashed"), (
        sound
    )
    victim = _content_file(home)
    os.chmod(victim, 0o640)
    if damage == "changed":
        data = victim.read_bytes()
        victim.write_bytes(bytes([data[0] ^ 1]) + data[1:])
        expected = f"Content {victim.name} no longer matches its hash: it was changed."
    elif damage == "missing":
        victim.unlink()
        expected = f"Content {victim.name} is missing."
    else:
        target = home / "archive" / "sha256" / "00" / "00" / ("0" * 64)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x")
        expected = f"Content {'0' * 64} is in the archive, but no clip names it."
    assert bwc_bureau(home, "verify").failure(1) == expected


def test_verify_and_the_checkpoint_prove_the_bureaus_own_log(bureau_home: BureauHome) -> None:
    _ingested(bureau_home, "w48")
    home = bureau_home.home
    printed = bwc_bureau(home, "checkpoint")
    assert printed.code == 0, printed
    checkpoint = parse_checkpoint(printed.stdout.strip())
    assert checkpoint is not None and checkpoint.unit_code == "CITY01"
    key = bwc_bureau(home, "public-key").stdout.strip()
    signature = base64.urlsafe_b64decode(checkpoint.signature_b64 + "==")
    assert Ed25519Verifier().verify(key, checkpoint.signed_text().encode("ascii"), signature)
    bureau = bureau_home.open()
    try:
        # Whoever holds the database file edits an event, past the append-only trigger.
        if bureau.ctx.store.dialect == "sqlite":
            off = "DROP TRIGGER audit_event_no_update"
        else:
            off = "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"
        tamper(bureau, off, "UPDATE audit_event SET actor = 'someone' WHERE seq = 3")
    finally:
        bureau.close()
    assert bwc_bureau(home, "verify").failure(1) == (
        "The audit chain is broken at event 3: its content was changed."
    )


def test_the_log_refuses_an_edit_in_the_database_itself(bureau_home: BureauHome) -> None:
    bureau = bureau_home.open()
    try:
        for statement in (
            "UPDATE audit_event SET actor = 'x' WHERE seq = 1",
            "DELETE FROM audit_event",
        ):
            with pytest.raises(Exception, match="append-only"):
                tamper(bureau, statement)
        assert bureau.ctx.store.head().seq >= 5
    finally:
        bureau.close()


def test_a_privacy_clip_goes_out_only_when_the_approval_names_its_class(
    bureau_home: BureauHome, tmp_path: Path
) -> None:
    _ingested(bureau_home, "w48")
    bureau = bureau_home.open()
    try:
        tamper(bureau, "UPDATE clip SET classification = 'privacy' WHERE id = 2")
    finally:
        bureau.close()
    home = bureau_home.home
    for _ in range(2):
        asked = bwc_bureau(
            home,
            "export",
            "request",
            "--badge",
            "7001",
            "--clips",
            "1",
            "2",
            "--recipient",
            "Court",
            "--reason",
            "Case 9",
            stdin="111111\n",
        )
        assert asked.code == 0, asked
    plain = bwc_bureau(
        home, "export", "approve", "--request", "1", "--badge", "7002", stdin="222222\n"
    )
    assert plain.code == 0, plain
    named = bwc_bureau(
        home,
        "export",
        "approve",
        "--request",
        "2",
        "--badge",
        "7002",
        "--allow-class",
        "privacy",
        stdin="222222\n",
    )
    assert named.code == 0, named
    refused = bwc_bureau(
        home,
        "export",
        "write",
        "--request",
        "1",
        "--out",
        str(tmp_path / "one"),
        "--badge",
        "7001",
        stdin="111111\n",
    ).failure(1)
    assert refused.startswith("Clip 2 ") and not (tmp_path / "one").exists()
    done = bwc_bureau(
        home,
        "export",
        "write",
        "--request",
        "2",
        "--out",
        str(tmp_path / "two"),
        "--badge",
        "7001",
        stdin="111111\n",
    )
    assert done.code == 0, done
    clips = json.loads((tmp_path / "two" / "metadata" / "clips.json").read_text())
    assert sorted((c["id"], c["classification"]) for c in clips) == [(1, "normal"), (2, "privacy")]
