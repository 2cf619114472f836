"""Checkpoints scale: incremental from the verified head, never blocking a sign-out (§5.2).

The chain holds BWC_SCALE_EVENTS events (default 2,000,000) made with the real hash function.
Timings are `make bench`'s business; here the walk's extent and the absence of lock failures
are asserted.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.records import Actor
from bench.chain import append_synthetic_events

EVENTS = int(os.environ.get("BWC_SCALE_EVENTS", "2000000"))
AUDITOR = Actor("os:test", "system", "DEMO01")


def test_checkpoints_walk_only_what_is_new_and_never_lock_out_a_sign_out(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, badges = demo
    size = append_synthetic_events(services.settings.db_path, EVENTS)
    assert size >= EVENTS
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    # The checkpoint timer's own process (`bwc audit checkpoint`) walks the whole chain in
    # its snapshot; the kiosk goes on meanwhile: every sign-out and return commits, none
    # fails with "database is locked".
    walker = subprocess.Popen(
        [sys.executable, "-m", "appliance", "--home", str(services.settings.home), "--json",
         "audit", "checkpoint"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    cycles = 0
    while walker.poll() is None or cycles < 3:
        services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
        services.custody.return_recorder(officer, "DSJ-A001")
        cycles += 1
        # Between two cycles the test waits on the walker rather than spinning: a sign-out
        # every 20 ms or so still overlaps the walk, and the other core is left to the suite.
        with contextlib.suppress(subprocess.TimeoutExpired):
            walker.wait(timeout=0.02)
    out, err = walker.communicate()
    assert walker.returncode == 0 and err == b""
    full = json.loads(out)
    assert full["size"] >= size
    # Sign-outs committed after the walker took its snapshot and before it recorded its own
    # event: they ran while it walked, so it held no write lock (DESIGN §5.2).
    [recorded] = [
        e
        for e in services.store.audit_log.recent(4 * cycles + 10)
        if e.action == "audit_checkpoint"
    ]
    overlapped = [
        e
        for e in services.store.audit_log.recent(4 * cycles + 10)
        if e.action == "sign_out" and e.outcome == "ok" and full["size"] < e.seq < recorded.seq
    ]
    assert overlapped, "no sign-out committed while the checkpoint walked"
    # The next checkpoint starts from the head the first one proved: it walks only the
    # events since (the sign-outs, returns and the first checkpoint's own event).
    second = services.audit.checkpoint(AUDITOR, tmp_path / "cp.txt")
    events_since = second.size - full["size"]
    assert 0 < events_since <= 2 * cycles + 3
    [event] = [e for e in services.store.audit_log.recent(1) if e.action == "audit_checkpoint"]
    assert json.loads(event.detail_json)["walked"] == events_since
    assert (tmp_path / "cp.txt").read_text() == second.line() + "\n"
