"""The state is bound to the chain: raw edits of any state table are caught (DESIGN §5.1).

The attacker holds the database file: drops the triggers, then edits, deletes and inserts
rows with raw SQL, swaps archived content with its row, or rewrites the chain and re-signs a
checkpoint with the home's own key. `audit verify` must name each (Art. 11, 16(2)).
Trial counts come from BWC_TAMPER_TRIALS (per state table, every table the capture binds;
default 200).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services, build_services
from appliance.demo import DemoBadge, make_home
from appliance.domain.audit import GENESIS_HASH, canonical_json, event_hash
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import Refused
from appliance.domain.footage import ArchivedClip
from appliance.domain.projection import (
    MISSING_ROW,
    UNEXPLAINED_ROW,
    VALUE_DIFFERS,
    Difference,
    key_text,
)
from appliance.domain.records import Actor
from appliance.domain.scan import CodeKind
from appliance.i18n import event_words
from appliance.services.audit import VerifyResult
from appliance.services.discs import DiscOrder
from appliance.services.pins import hash_pin
from appliance.store.home import open_store
from appliance.store.state import bound_tables
from tests.conftest import DEMO_PINS, START
from tests.footage import FootageSet, copy_card

TRIALS = int(os.environ.get("BWC_TAMPER_TRIALS", "200"))
AUDITOR = Actor("os:test", "system", "DEMO01")
# The busy day ends after the Monday that closes its week, so the week can be handed over.
DAY_AFTER = START + timedelta(days=4)


def _state_tables() -> list[tuple[str, tuple[str, ...]]]:
    """Every table the capture binds to the chain, read from a fresh home's schema.

    Taken from the capture itself, not from a migration's list, so a table a later
    migration adds is tampered with too.
    """
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(Path(scratch) / "schema.db", lambda: START)
        connection = store.database.connection()  # type: ignore[no-untyped-call]
        tables = sorted(bound_tables(connection).items())
        store.close()
    return tables


STATE_TABLES = _state_tables()
_HEX64 = re.compile(r"[0-9a-f]{64}")


def busy_day(
    services: Services,
    badges: dict[str, DemoBadge],
    clock: SettableClock,
    footage_card: FootageSet,
    tmp_path: Path,
) -> None:
    """A day that writes every state table: custody, readings, offload, filing, alarms,
    lifecycle, release, requests, discs."""
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    second = services.auth.sign_in("1002", badges["1002"].pin)
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    services.custody.sign_out(second, "DSJ-A002", set(ALL_ITEMS))
    clock.advance(8 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    head = services.auth.sign_in("2001", badges["2001"].pin)
    services.custody.return_recorder(head, "DSJ-A002")
    copy_card(footage_card.root, tmp_path / "card")
    driver = create_simulator(tmp_path / "card", "DSJ-A001", "Hikvision", "DS-MH2311")
    services.selfcheck.take_reading(AUDITOR, "DSJ-A001", driver)
    assert services.offload.run(driver).clips_new > 0
    mine = [clip.id for clip in services.clips.listing(holder_badge="1001")][:3]
    services.clips.file(officer, mine, "ZF-0012")
    foreign = create_simulator(tmp_path / "foreign", "OTHER-9", "Dahua", "MPT220")
    (tmp_path / "foreign" / "DCIM" / "A0001.MP4").write_bytes(b"foreign footage\n" * 40)
    services.offload.run(foreign)
    for _ in range(5):
        with pytest.raises(Refused):
            services.auth.sign_in("1002", "000000")
    services.auth.unlock(head, "1002")
    # Art. 10: a loss, declared by two people (the demo's seed already reported a fault).
    bureau = services.auth.sign_in("4001", badges["4001"].pin)
    services.lifecycle.declare_incident(
        head, "DSJ-B001", "lost", "left on a bus", "negligence", "", bureau
    )
    orphan = services.offload.archive.path_for(hashlib.sha256(b"orphan\n").hexdigest())
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"orphan\n")
    services.offload.reconcile()
    services.fixity.verify(AUDITOR)
    # Art. 14: an alarm seen to, with its note (m0012).
    first = services.alarms.listing()[0]
    services.alarms.acknowledge(head, first.id, "recorder given back to its unit")
    # The release tables (m0005): a class, a received hand-over, an exported disclosure.
    services.clips.classify(head, mine[:1], Classification.PRIVACY)
    clock.advance(3 * 86400)
    collector = services.auth.sign_in("3001", badges["3001"].pin)
    week = f"{START:%G}-W{START:%V}"
    sealed = services.handover.create(collector, week, tmp_path / "handover")
    services.handover.receipt(collector, sealed.path)
    asked = services.disclosure.request(officer, mine[1:3], "District court", "case ZF-0012")
    bureau = services.auth.sign_in("4001", badges["4001"].pin)
    services.disclosure.approve(bureau, asked.id)
    services.disclosure.export(head, asked.id, tmp_path / "disclosure")
    # m0007: a label the kiosk asked for, answered by the service (DESIGN §6).
    services.requests.ask_label(head, CodeKind.DEVICE, "DSJ-A001")
    services.requests.serve(AUDITOR)
    # m0011: an evidence disc of the case, its clips marked evidence (Art. 12(4)).
    (tmp_path / "disc").mkdir()
    services.discs.create(head, DiscOrder("ZF-0012", tmp_path / "disc", place="Renmin Road"))
    # m0010: holds (Art. 12(3)): one set on clips and lifted by two people, one on the case.
    held = services.holds.set_on_clips(head, "complaint", "a complaint came in", mine[:2])
    services.holds.set_on_case(collector, "petition", "信访", "ZF-0012")
    services.holds.lift(collector, held.id, bureau)
    # m0010: half a year on (the daily checkpoint's events keep the clock trusted), the
    # retention run deletes the handed-over clips no hold keeps and leaves their tombstones.
    for _ in range(7):
        clock.advance(30 * 86400)
        with services.store.transaction():
            services.ctx.record(AUDITOR, "audit_checkpoint", "audit", "-")
    assert services.retention.run(AUDITOR).deleted


@pytest.fixture(scope="module")
def day_template(tmp_path_factory: pytest.TempPathFactory, footage_card: FootageSet) -> Path:
    """One busy day, built once; each test works on its own copy of the home."""
    root = tmp_path_factory.mktemp("busy-day")
    clock = SettableClock(START)
    services, badges = make_home(root / "home", language="en", clock=clock, pins=DEMO_PINS)
    busy_day(services, {b.badge: b for b in badges}, clock, footage_card, root)
    services.close()
    return root / "home"


@pytest.fixture
def day(day_template: Path, tmp_path: Path) -> Services:
    home = tmp_path / "home"
    shutil.copytree(day_template, home)
    settings = config.load(home, home / "kiosk.toml")
    return build_services(settings, clock=SettableClock(DAY_AFTER))


@pytest.fixture
def attacker(day: Services) -> Iterator[sqlite3.Connection]:
    """A raw connection to the home's file, with the protective triggers dropped."""
    connection = sqlite3.connect(day.settings.db_path, isolation_level=None)
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        connection.execute(f'DROP TRIGGER "{name}"')
    yield connection
    connection.close()


def test_a_real_day_verifies_clean_and_covers_every_state_table(day: Services) -> None:
    result = day.audit.verify(AUDITOR)
    assert result.clean, result
    connection: sqlite3.Connection = day.store.database.connection()  # type: ignore[no-untyped-call]
    for table, _ in STATE_TABLES:
        (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
        assert count > 0, f"the busy day wrote no {table} row: the tamper trials would skip it"
    assert result.state_rows == sum(
        connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
        for t, _ in STATE_TABLES
    )


def test_every_event_of_the_day_is_said_in_words(day: Services) -> None:
    """The auditor's reading (Art. 15) names each event in words, never "other event"."""
    unsaid = {
        e.action
        for e in day.store.audit_log.iterate()
        if event_words(e.action, "en") == "other event"
    }
    assert unsaid == set()


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _rows(connection: sqlite3.Connection, table: str) -> list[dict[str, object]]:
    cursor = connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608
    names = [str(col[0]) for col in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _mutated(value: object, rng: random.Random) -> object:
    """A different value of the kind an attacker would write into this column."""
    if value is None:
        return rng.choice([0, 1, "x"])
    if isinstance(value, int):
        return value + rng.choice([1, -1, 7, 1000])
    if isinstance(value, float):
        return value + rng.choice([0.25, -1.0, 60.0])
    text = str(value)
    if _HEX64.fullmatch(text):
        position = rng.randrange(64)
        flipped = "0" if text[position] != "0" else "1"
        return text[:position] + flipped + text[position + 1 :]
    if text and rng.random() < 0.5:
        position = rng.randrange(len(text))
        return text[:position] + ("9" if text[position] != "9" else "8") + text[position + 1 :]
    return text + "-x"


def _where(keys: tuple[str, ...]) -> str:
    return " AND ".join(f'"{k}" = ?' for k in keys)


def _expect(result: VerifyResult, table: str, key: list[object], problem: str) -> None:
    difference = result.state_difference
    assert difference is not None, f"{problem} of {table} {key} was not caught"
    assert (difference.table, difference.key, difference.problem) == (
        table,
        key_text([k for k in key if isinstance(k, int | str)]),
        problem,
    )
    assert result.state_differences == 1
    assert not result.clean


def _edit(services: Services, connection: sqlite3.Connection, table: str, keys: tuple[str, ...],
          rng: random.Random) -> bool:  # fmt: skip
    row = rng.choice(_rows(connection, table))
    column = rng.choice([c for c in _columns(connection, table) if c not in keys])
    original = row[column]
    key = [row[k] for k in keys]
    try:
        connection.execute(
            f'UPDATE "{table}" SET "{column}" = ? WHERE {_where(keys)}',  # noqa: S608
            (_mutated(original, rng), *key),
        )
    except sqlite3.IntegrityError:
        return False  # a CHECK the attacker would have to drop too: try another column
    (stored,) = connection.execute(
        f'SELECT "{column}" FROM "{table}" WHERE {_where(keys)}',  # noqa: S608
        key,
    ).fetchone()
    try:
        if canonical_json(stored) == canonical_json(original):
            return False  # the column's affinity turned the edit back into the same value
        result = services.audit.verify(AUDITOR)
        _expect(result, table, key, VALUE_DIFFERS)
        assert result.state_difference is not None
        assert result.state_difference.column == column
    finally:
        connection.execute(
            f'UPDATE "{table}" SET "{column}" = ? WHERE {_where(keys)}',  # noqa: S608
            (original, *key),
        )
    return True


def _insert_row(connection: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))  # noqa: S608


def _delete(services: Services, connection: sqlite3.Connection, table: str,
            keys: tuple[str, ...], rng: random.Random) -> bool:  # fmt: skip
    row = rng.choice(_rows(connection, table))
    key = [row[k] for k in keys]
    connection.execute(f'DELETE FROM "{table}" WHERE {_where(keys)}', key)  # noqa: S608
    try:
        _expect(services.audit.verify(AUDITOR), table, key, MISSING_ROW)
    finally:
        _insert_row(connection, table, row)
    return True


def _unique_columns(connection: sqlite3.Connection, table: str) -> set[str]:
    columns: set[str] = set()
    for index in connection.execute(f'PRAGMA index_list("{table}")').fetchall():
        if index[2]:
            info = connection.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
            columns |= {str(col[2]) for col in info}
    return columns


def _insert(services: Services, connection: sqlite3.Connection, table: str,
            keys: tuple[str, ...], rng: random.Random) -> bool:  # fmt: skip
    row = dict(rng.choice(_rows(connection, table)))
    serial = rng.randrange(10**6)
    # A copy of a real row under a new key; unique columns made unique too.
    for column in _unique_columns(connection, table) | set(keys):
        value = row[column]
        if isinstance(value, int):
            row[column] = 10**7 + serial
        elif isinstance(value, str) and _HEX64.fullmatch(value):
            row[column] = hashlib.sha256(f"{serial}".encode()).hexdigest()
        elif isinstance(value, str):
            row[column] = f"{value}-T{serial}"
    try:
        _insert_row(connection, table, row)
    except sqlite3.IntegrityError:
        return False
    key = [row[k] for k in keys]
    try:
        _expect(services.audit.verify(AUDITOR), table, key, UNEXPLAINED_ROW)
    finally:
        connection.execute(f'DELETE FROM "{table}" WHERE {_where(keys)}', key)  # noqa: S608
    return True


@pytest.mark.parametrize(("table", "keys"), STATE_TABLES, ids=[t for t, _ in STATE_TABLES])
def test_every_raw_edit_deletion_and_insertion_is_caught(
    day: Services, attacker: sqlite3.Connection, table: str, keys: tuple[str, ...]
) -> None:
    rng = random.Random(f"tamper-{table}")
    kinds = {"edit": _edit, "delete": _delete, "insert": _insert}
    # Two edits for each deletion and insertion: columns are where the variety is. A table
    # whose every column is its key (a link table) has nothing to edit but its rows.
    editable = [c for c in _columns(attacker, table) if c not in keys]
    plan = ["edit", "delete", "edit", "insert"] if editable else ["delete", "insert"]
    done = dict.fromkeys(plan, 0)
    attempts = 0
    order = itertools.cycle(plan)
    kind = next(order)
    while sum(done.values()) < TRIALS:
        attempts += 1
        assert attempts < TRIALS * 20, f"could not tamper with {table}: {done}"
        if kinds[kind](day, attacker, table, keys, rng):
            done[kind] += 1
            kind = next(order)
    assert min(done.values()) > 0, done
    # Every trial was put back: the home verifies clean again.
    assert day.audit.verify(AUDITOR).clean


def kept(day: Services) -> list[ArchivedClip]:
    """The clips whose content is still archived (the busy day's retention run deleted some)."""
    gone = day.store.retention.tombstoned_clips()
    return [clip for clip in day.clips.listing() if clip.id not in gone]


def test_a_swapped_clip_file_with_its_row_rewritten_is_caught(
    day: Services, attacker: sqlite3.Connection
) -> None:
    listing = kept(day)
    # A clip whose content no other row shares, so the swap leaves no row without its file.
    clip = next(c for c in listing if [o.sha256 for o in listing].count(c.sha256) == 1)
    forged = b"not what the officer recorded\n" * 100
    forged_sha = hashlib.sha256(forged).hexdigest()
    target = day.offload.archive.path_for(forged_sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(forged)
    day.offload.archive.path_for(clip.sha256).unlink()
    attacker.execute(
        "UPDATE clip SET sha256 = ?, size = ? WHERE id = ?", (forged_sha, len(forged), clip.id)
    )
    # The fixity run alone is fooled: every row has a file that matches its name and size.
    fixity = day.fixity.verify(AUDITOR)
    assert (fixity.mismatched, fixity.missing) == ([], [])
    # The chain is why the swap shows: one row of clip departs from it, nothing else does.
    result = day.audit.verify(AUDITOR)
    assert result.state_difference == Difference("clip", f"[{clip.id}]", "sha256", VALUE_DIFFERS)
    assert result.state_differences == 1
    assert result.archive_findings == [] and result.chain.first_bad_seq is None
    assert not result.clean


def test_a_file_without_row_and_a_row_without_file_are_findings(day: Services) -> None:
    archive = day.offload.archive
    clip = kept(day)[-1]
    archive.path_for(clip.sha256).rename(day.settings.archive_dir / "sha256" / "moved-away")
    stray = b"planted later\n"
    stray_path = archive.path_for(hashlib.sha256(stray).hexdigest())
    stray_path.parent.mkdir(parents=True, exist_ok=True)
    stray_path.write_bytes(stray)
    result = day.audit.verify(AUDITOR)
    found = {(f.sha256, f.problem) for f in result.archive_findings}
    assert found == {
        (clip.sha256, "row_without_file"),
        (hashlib.sha256(stray).hexdigest(), "file_without_row"),
    }
    assert result.state_difference is None and not result.clean


def test_a_truncated_file_is_a_size_finding(day: Services) -> None:
    clip = kept(day)[0]
    path = day.offload.archive.path_for(clip.sha256)
    path.chmod(0o640)
    with open(path, "r+b") as handle:
        handle.truncate(clip.size // 2)
    result = day.audit.verify(AUDITOR)
    [finding] = result.archive_findings
    assert (finding.sha256, finding.problem) == (clip.sha256, "size_differs")
    assert (finding.expected_size, finding.actual_size) == (clip.size, clip.size // 2)


def _rewrite_chain(connection: sqlite3.Connection, edit: Callable[[str], str]) -> None:
    """Rewrite events' details and recompute every hash after them, as an attacker would."""
    rows = connection.execute("SELECT * FROM audit_event ORDER BY seq").fetchall()
    prev = GENESIS_HASH
    for row in rows:
        fields = list(row)
        fields[8] = edit(fields[8])
        digest = event_hash(prev, fields[0], *fields[1:9])
        connection.execute(
            "UPDATE audit_event SET detail_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (fields[8], prev, digest, fields[0]),
        )
        prev = digest


def test_a_chain_rewritten_and_resigned_with_the_homes_key_fails_an_older_checkpoint(
    day: Services, attacker: sqlite3.Connection, tmp_path: Path
) -> None:
    off_box = tmp_path / "off-box.txt"
    day.audit.checkpoint(AUDITOR, off_box)
    # The attacker moves a clip to another officer and rewrites the event that says whose
    # it is, so state and chain agree again; then signs a fresh checkpoint with the home's key.
    clip = day.clips.listing(holder_badge="1001")[0]
    attacker.execute("UPDATE clip SET holder_badge = '1002' WHERE id = ?", (clip.id,))

    def give_to_1002(detail_json: str) -> str:
        detail = json.loads(detail_json)
        for change in detail.get("changes", []):
            if change[0] == "clip" and change[1] == [clip.id]:
                change[2]["holder_badge"] = "1002"
        return canonical_json(detail)

    _rewrite_chain(attacker, give_to_1002)
    attacker.execute("DELETE FROM verified_head")
    forged = tmp_path / "forged.txt"
    day.audit.checkpoint(AUDITOR, forged)
    # What the box alone can show is consistent: that is the limit the README states.
    assert day.audit.verify(AUDITOR).clean
    assert day.audit.verify(AUDITOR, forged).clean
    # The copy kept off the box is not fooled.
    result = day.audit.verify(AUDITOR, off_box)
    assert result.checkpoint_problem is not None
    assert result.checkpoint_problem.code == "head_differs"


def test_a_replaced_or_emptied_database_fails_the_checkpoint(
    day: Services, attacker: sqlite3.Connection, tmp_path: Path
) -> None:
    off_box = tmp_path / "off-box.txt"
    checkpoint = day.audit.checkpoint(AUDITOR, off_box)
    for (table,) in attacker.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        attacker.execute(f'DELETE FROM "{table}"')  # noqa: S608
    result = day.audit.verify(AUDITOR, off_box)
    assert result.chain.intact and result.chain.size == 0
    assert result.checkpoint_problem is not None
    assert result.checkpoint_problem.code == "chain_shorter"
    assert result.checkpoint_problem.params == {"size": 0, "checkpoint": checkpoint.size}


def test_the_cli_names_table_key_and_column(day: Services, attacker: sqlite3.Connection) -> None:
    clip = day.clips.listing()[0]
    attacker.execute("UPDATE clip SET day = '2026-01-01' WHERE id = ?", (clip.id,))
    day.close()
    done = subprocess.run(
        [sys.executable, "-m", "appliance", "--home", str(day.settings.home), "audit", "verify"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert (
        f"State differs from the chain: clip row [{clip.id}], column day, is not what the chain"
        " says (1 rows differ in all)." in done.stdout
    )


def _old_home(tmp_path: Path) -> Path:
    """The home the previous release left: its database dump and its archived files."""
    home = tmp_path / "old"
    services, _ = make_home(home, language="en")
    services.close()
    del services
    (home / "bwc.db").unlink()
    for extra in ("bwc.db-wal", "bwc.db-shm"):
        (home / extra).unlink(missing_ok=True)
    dump = (Path(__file__).parent.parent / "data" / "home_v3.sql").read_text(encoding="utf-8")
    with sqlite3.connect(home / "bwc.db") as connection:
        connection.executescript(dump)
        connection.execute("PRAGMA user_version = 3")
    contents = [f"old clip {n}\n".encode() * 20 for n in range(4)] + [b"foreign\n" * 30]
    for content in contents:
        path = home / "archive" / "sha256"
        digest = hashlib.sha256(content).hexdigest()
        path = path / digest[:2] / digest[2:4] / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return home


def test_an_old_home_is_bound_by_genesis_events_and_verifies(tmp_path: Path) -> None:
    home = _old_home(tmp_path)
    with sqlite3.connect(home / "bwc.db") as connection:
        old_events = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        # The tables the old file has (later migrations add theirs empty).
        rows = sum(
            connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for t in bound_tables(connection)
        )
        # Migration 6 gives people and units a column, migration 12 alarms: each such row
        # is bound again.
        reshaped = sum(
            connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for t in ("person", "unit", "alarm")
        )
    assert old_events == 45 and rows > 20 and reshaped == 9
    services = build_services(config.load(home, home / "kiosk.toml"))
    result = services.audit.verify(AUDITOR)
    assert result.clean, result
    # One genesis event per row and one for the migration (4), one per reshaped row (6, 12).
    assert result.chain.size == old_events + rows + 1 + reshaped
    connection = services.store.database.connection()  # type: ignore[no-untyped-call]
    actions = [
        row[0]
        for row in connection.execute(
            "SELECT action FROM audit_event WHERE seq > ? ORDER BY seq", (old_events,)
        )
    ]
    assert actions == ["state_genesis"] * rows + ["schema_migrated"] + [
        "state_reshaped"
    ] * reshaped + ["audit_verify"]
    # Reopening migrates nothing again.
    services.close()
    services = build_services(config.load(home, home / "kiosk.toml"))
    assert services.audit.verify(AUDITOR).chain.size == old_events + rows + reshaped + 2


def test_pin_hashes_are_bound_but_never_in_the_log(
    day: Services, attacker: sqlite3.Connection
) -> None:
    hashes = [row[0] for row in attacker.execute("SELECT pin_hash FROM person")]
    assert len(hashes) == len(DEMO_PINS) and all(h.startswith("scrypt$") for h in hashes)
    log = "\n".join(row[0] for row in attacker.execute("SELECT detail_json FROM audit_event"))
    # The audit office reads the log: a salted hash there could be brute-forced offline.
    for pin_hash in hashes:
        salt_and_digest = pin_hash.split("$", 4)[4]
        assert salt_and_digest not in log
    # The digest still binds it: setting a hash whose PIN the attacker knows is caught.
    attacker.execute("UPDATE person SET pin_hash = ? WHERE badge = '2001'", (hash_pin("000000"),))
    result = day.audit.verify(AUDITOR)
    assert result.state_difference is not None
    assert (result.state_difference.table, result.state_difference.key) == ("person", '["2001"]')
    assert result.state_difference.column == "pin_hash"
