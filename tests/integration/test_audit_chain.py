"""The audit chain detects edits, deletions, insertions, swaps and truncation (DESIGN §5).

The attacker here holds the database file: drops the triggers and edits rows with raw SQL.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.audit import GENESIS_HASH, canonical_json, event_hash, walk
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import Refused
from appliance.domain.records import Actor

TEXT_COLUMNS = (
    "at",
    "actor",
    "role",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "detail_json",
    "prev_hash",
    "hash",
)
AUDITOR = Actor("os:test", "system", "DEMO01")


def busy_home(services: Services, badges: dict[str, DemoBadge]) -> None:
    """Fill the log with a day's worth of real acts, refusals included."""
    for badge in ("1001", "1002"):
        actor = services.auth.sign_in(badge, badges[badge].pin)
        serial = "DSJ-A001" if badge == "1001" else "DSJ-A002"
        with pytest.raises(Refused):
            services.custody.sign_out(actor, serial, set())
        services.custody.sign_out(actor, serial, set(ALL_ITEMS))
        services.custody.return_recorder(actor, serial)
    with pytest.raises(Refused):
        services.auth.sign_in("1001", "000000")


def raw(services: Services) -> sqlite3.Connection:
    connection = sqlite3.connect(services.settings.db_path, isolation_level=None)
    connection.execute("DROP TRIGGER audit_event_no_update")
    connection.execute("DROP TRIGGER audit_event_no_delete")
    return connection


@pytest.mark.article("11")
def test_triggers_refuse_update_and_delete(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    services, _ = demo
    services.close()
    with sqlite3.connect(services.settings.db_path) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE audit_event SET outcome = 'ok' WHERE seq = 1")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_event WHERE seq = 1")


@pytest.mark.article("11", "16(2)", "16(4)")
def test_single_byte_edits_are_all_detected(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    services, badges = demo
    busy_home(services, badges)
    connection = raw(services)
    size = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    assert size >= 20
    rng = random.Random(20261127)
    trials = detected = 0
    while trials < 1000:
        seq = rng.randint(1, size)
        column = rng.choice(TEXT_COLUMNS)
        (original,) = connection.execute(
            f"SELECT CAST({column} AS BLOB) FROM audit_event WHERE seq = ?",  # noqa: S608
            (seq,),
        ).fetchone()
        position = rng.randrange(len(original))
        new_byte = (original[position] + rng.randint(1, 255)) % 256
        edited = original[:position] + bytes([new_byte]) + original[position + 1 :]
        connection.execute(
            f"UPDATE audit_event SET {column} = CAST(? AS TEXT) WHERE seq = ?",  # noqa: S608
            (edited, seq),
        )
        bad = first_bad_raw(services, connection)
        trials += 1
        detected += bad == seq
        connection.execute(
            f"UPDATE audit_event SET {column} = CAST(? AS TEXT) WHERE seq = ?",  # noqa: S608
            (original, seq),
        )
    assert detected == trials == 1000
    assert first_bad_raw(services, connection) is None


def first_bad_raw(services: Services, connection: sqlite3.Connection) -> int | None:
    """Walk the chain with the product's own reader (what `bwc audit verify` walks)."""
    connection.commit()
    return walk(services.store.audit_log.iterate()).first_bad_seq


@pytest.mark.article("16(2)")
def test_a_deleted_event_is_detected(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    services, badges = demo
    busy_home(services, badges)
    connection = raw(services)
    # Deleted from the middle: the next event no longer follows.
    connection.execute("DELETE FROM audit_event WHERE seq = 5")
    assert first_bad_raw(services, connection) == 6


def test_insert_and_swap(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    services, badges = demo
    busy_home(services, badges)
    connection = raw(services)
    size = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    # Inserted at the end with a made-up hash.
    connection.execute(
        "INSERT INTO audit_event VALUES (?, 'x', 'x', 'x', 'x', 'x', 'x', 'ok', '{}', ?, ?)",
        (size + 1, "f" * 64, "e" * 64),
    )
    assert first_bad_raw(services, connection) == size + 1
    connection.execute("DELETE FROM audit_event WHERE seq = ?", (size + 1,))
    # Inserted in the middle: everything after is shifted up by one.
    connection.execute("UPDATE audit_event SET seq = seq + 1000 WHERE seq > 7")
    connection.execute("UPDATE audit_event SET seq = seq - 999 WHERE seq > 1000")
    row = connection.execute("SELECT * FROM audit_event WHERE seq = 7").fetchone()
    connection.execute("INSERT INTO audit_event VALUES (8, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row[1:])
    assert first_bad_raw(services, connection) == 8
    connection.execute("DELETE FROM audit_event WHERE seq = 8")
    connection.execute("UPDATE audit_event SET seq = seq - 1 WHERE seq > 8")
    assert first_bad_raw(services, connection) is None
    # Two events swapped (their contents, keeping the seq numbers).
    a = connection.execute("SELECT * FROM audit_event WHERE seq = 3").fetchone()
    b = connection.execute("SELECT * FROM audit_event WHERE seq = 4").fetchone()
    sets = ", ".join(f"{c} = ?" for c in TEXT_COLUMNS)
    connection.execute(f"UPDATE audit_event SET {sets} WHERE seq = 3", (*b[1:],))  # noqa: S608
    connection.execute(f"UPDATE audit_event SET {sets} WHERE seq = 4", (*a[1:],))  # noqa: S608
    assert first_bad_raw(services, connection) == 3


def test_truncation_and_rewrite_behind_a_checkpoint(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, badges = demo
    busy_home(services, badges)
    checkpoint = tmp_path / "checkpoint.txt"
    checkpoint.write_text(services.audit.checkpoint(AUDITOR).line() + "\n")
    assert services.audit.verify(AUDITOR, checkpoint).clean
    connection = raw(services)
    size = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    # Truncation: the tail is cut; the shorter chain is still internally intact.
    connection.execute("DELETE FROM audit_event WHERE seq > ?", (size - 4,))
    assert first_bad_raw(services, connection) is None
    result = services.audit.verify(AUDITOR, checkpoint)
    assert result.chain.intact and not result.clean
    # The bookmark of the checkpoint walk names the cut first; the checkpoint names it too.
    assert result.checkpoint_problem is not None
    assert result.checkpoint_problem.code == "chain_shorter"
    # The checkpoint named the chain before its own event and the verify after it.
    assert result.checkpoint_problem.params == {"size": size - 4, "checkpoint": size - 2}


def test_rewritten_chain_is_caught_by_the_checkpoint(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, badges = demo
    busy_home(services, badges)
    checkpoint = tmp_path / "checkpoint.txt"
    checkpoint.write_text(services.audit.checkpoint(AUDITOR).line() + "\n")
    connection = raw(services)
    # The attacker edits event 2 and recomputes every hash after it: the chain looks intact.
    rows = connection.execute("SELECT * FROM audit_event ORDER BY seq").fetchall()
    prev = GENESIS_HASH
    for row in rows:
        fields = list(row)
        if fields[0] == 2:
            fields[8] = canonical_json({"forged": True})
        digest = event_hash(prev, fields[0], *fields[1:9])
        connection.execute(
            "UPDATE audit_event SET detail_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (fields[8], prev, digest, fields[0]),
        )
        prev = digest
    assert first_bad_raw(services, connection) is None
    result = services.audit.verify(AUDITOR, checkpoint)
    assert result.chain.intact and not result.clean
    assert result.checkpoint_problem is not None
    assert result.checkpoint_problem.code == "head_differs"


def test_a_forged_checkpoint_is_refused(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    line = services.audit.checkpoint(AUDITOR).line()
    forged = line.replace("size=", "size=1")
    path = tmp_path / "forged.txt"
    path.write_text(forged)
    result = services.audit.verify(AUDITOR, path)
    assert result.checkpoint_problem is not None
    assert result.checkpoint_problem.code == "bad_signature"
