"""The audit office reads the log through the real `bwc` (Art. 15, DESIGN §8 `bwc audit log`).

Events come newest first, in words; filters narrow them by day, person and refusals; the read
is itself an event; anyone but the auditor or a bureau head is refused in one line, logged.
"""

from __future__ import annotations

import json
from pathlib import Path

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.roles import Action
from appliance.i18n import event_words
from tests.cli_run import Result, bwc, events
from tests.conftest import DEMO_PINS, START


def _log(home: Path, badge: str, *argv: str) -> Result:
    return bwc(
        "--home", str(home), "--lang", "en", "audit", "log", "--badge", badge, *argv,
        stdin=DEMO_PINS[badge] + "\n",
    )  # fmt: skip


def test_the_auditor_reads_the_log_in_words_and_the_read_is_logged(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    services, badges = demo
    home = services.settings.home
    # A refusal to find: the officer 1001 may not acknowledge an alarm.
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    try:
        services.alarms.acknowledge(officer, 1, "x")
    except Exception:  # noqa: BLE001, S110 -- the refusal is what the log must show
        pass
    total = len(events(home))

    read = _log(home, "5001", "--limit", "5")
    assert read.code == 0, read
    lines = read.stdout.splitlines()
    assert lines[0].split() == ["no.", "time", "who", "what", "about", "outcome", "why", "refused"]
    # Newest first: the read itself, then the auditor's sign-in, then the officer's refusal.
    assert "5001" in lines[1] and "audit log read" in lines[1] and "done" in lines[1]
    assert "signed in" in lines[2] and "person 5001" in lines[2]
    assert "acknowledge an alarm" in lines[3] and "refused" in lines[3]
    assert lines[3].endswith("Not allowed: the role officer may not acknowledge an alarm.")
    assert len(lines) == 6
    logged = events(home)
    assert len(logged) == total + 2  # the sign-in and the read
    assert (logged[-1].actor, logged[-1].action, logged[-1].object_type) == (
        "5001",
        "audit_log_read",
        "audit_log",
    )
    assert json.loads(logged[-1].detail_json)["limit"] == 5

    refused = json.loads(_log(home, "5001", "--refused", "--json").stdout)
    assert [row["action"] for row in refused] == [Action.ACKNOWLEDGE_ALARM.value]
    assert refused[0]["actor"] == "1001" and refused[0]["outcome"] == "refused"
    by_the_officer = json.loads(_log(home, "5001", "--actor", "1001", "--json").stdout)
    assert {row["actor"] for row in by_the_officer} == {"1001"}
    assert [row["action"] for row in by_the_officer] == ["acknowledge_alarm", "sign_in"]
    # The demo was made on START's day (a settable clock); these reads are made today.
    day = f"{START.date()}"
    before = f"{START.date().replace(day=START.day - 1)}"
    assert json.loads(_log(home, "5001", "--to", before, "--json").stdout) == []
    that_day = json.loads(_log(home, "5001", "--from", day, "--to", day, "--json").stdout)
    made_then = [e.seq for e in events(home) if e.at.startswith(day)]
    assert sorted(row["seq"] for row in that_day) == made_then and len(made_then) > 10
    # Every event of the demo's day has words (none is "other event").
    assert all(event_words(e.action, "en") != "other event" for e in events(home))


def test_the_refusals_of_a_read_are_one_line(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    services, _ = demo
    home = services.settings.home
    denied = _log(home, "2001")
    assert denied.failure(1) == "Not allowed: the role unit head may not read the audit log."
    last = events(home)[-1]
    assert (last.actor, last.action, last.outcome) == ("2001", "read_audit", "refused")
    assert _log(home, "5001", "--from", "2026-02-30").failure(2) == (
        "2026-02-30 is not a day: write it as YYYY-MM-DD."
    )
    assert _log(home, "5001", "--limit", "0").failure(2) == "Show 1 to 5000 events at a time."
    assert _log(home, "5001", "--from", "2026-11-28", "--to", "2026-11-26").failure(2) == (
        "The first day must come before the last."
    )
