"""Provides a long audit chain for scale runs: events appended with the real hash function."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from appliance.domain.audit import GENESIS_HASH, canonical_json, event_hash

_BATCH = 50_000


def _rows(first_seq: int, prev: str, count: int, start: datetime) -> Iterator[tuple[object, ...]]:
    # The canonical text of these plain ASCII fields, written out for speed; the first event
    # is checked against the product's own event_hash, so the chain is the real one.
    template = (
        '{"action":"synthetic","actor":"bench:synthetic","at":"%s","detail":"{\\"n\\":%d}",'
        '"object_id":"%d","object_type":"bench","outcome":"ok","role":"system","seq":%d}'
    )
    seconds = int(start.timestamp())
    stamp = ""
    for offset in range(count):
        seq = first_seq + offset
        second, millis = divmod(offset + 1, 1000)
        if millis == 0 or not stamp:
            stamp = datetime.fromtimestamp(seconds + second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        at = f"{stamp}.{millis:03d}000+00:00"
        # canonical_json({"n": seq}), written out (checked on the first event below).
        detail = f'{{"n":{seq}}}'
        digest = hashlib.sha256((prev + template % (at, seq, seq, seq)).encode()).hexdigest()
        if offset == 0:
            if detail != canonical_json({"n": seq}):
                raise AssertionError("the synthetic detail's canonical form drifted")
            expected = event_hash(
                prev,
                seq,
                at,
                "bench:synthetic",
                "system",
                "synthetic",
                "bench",
                str(seq),
                "ok",
                detail,
            )
            if digest != expected:
                raise AssertionError("the synthetic chain's canonical form drifted")
        yield (
            seq,
            at,
            "bench:synthetic",
            "system",
            "synthetic",
            "bench",
            str(seq),
            "ok",
            detail,
            prev,
            digest,
        )
        prev = digest


def append_synthetic_events(db_path: Path, count: int) -> int:
    """Append `count` linked events (they change no state) to the chain; return its size."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        head = connection.execute(
            "SELECT seq, hash, at FROM audit_event ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        first, prev = (1, GENESIS_HASH) if head is None else (int(head[0]) + 1, str(head[1]))
        start = datetime.fromisoformat(head[2]) if head else datetime(2026, 1, 1, tzinfo=UTC)
        rows = _rows(first, prev, count, start)
        connection.execute("BEGIN IMMEDIATE")
        while batch := [row for _, row in zip(range(_BATCH), rows, strict=False)]:
            connection.executemany(
                "INSERT INTO audit_event (seq, at, actor, role, action, object_type, object_id,"
                " outcome, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        connection.execute("COMMIT")
        return int(connection.execute("SELECT max(seq) FROM audit_event").fetchone()[0])
    finally:
        connection.close()
