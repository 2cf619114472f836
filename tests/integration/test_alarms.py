"""Alarms listed and acknowledged through the real `bwc` (Art. 14, DESIGN §13).

Who saw to an alarm, when, and what was done: once per alarm, by a unit head or IT; every
refusal is one line and in the log, and changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.records import Actor
from appliance.services.alarms import raise_alarm
from tests.cli_run import Result, bwc, events, verify_clean
from tests.conftest import DEMO_PINS

SYSTEM = Actor("os:test", "system", "DEMO01")
SHA = "3f" * 32


def _bwc(home: Path, *argv: str, badge: str | None = None) -> Result:
    stdin = DEMO_PINS[badge] + "\n" if badge else ""
    return bwc("--home", str(home), "--lang", "en", *argv, stdin=stdin)


def _last(home: Path) -> tuple[str, str, dict[str, object]]:
    event = events(home)[-1]
    return event.action, event.outcome, json.loads(event.detail_json)


def test_alarms_are_listed_in_words_and_acknowledged_once_with_a_note(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    services, _ = demo
    home = services.settings.home
    missing = raise_alarm(services.ctx, SYSTEM, "critical", "archive_missing", SHA)
    foreign = raise_alarm(services.ctx, SYSTEM, "warning", "foreign_unit", "DSJ-X999")
    listed = _bwc(home, "alarms", "list")
    assert listed.code == 0, listed
    lines = listed.stdout.splitlines()
    assert "archived file missing" in lines[1] and "critical" in lines[1] and SHA in lines[1]
    assert "recorder of another unit" in lines[2] and "warning" in lines[2]
    assert all("open" in line for line in lines[1:])

    # Refusals: each one line, each in the log, none changes the alarm.
    line = _bwc(home, "alarms", "ack", str(missing), "--badge", "1001", "--note", "x", badge="1001")
    assert line.failure(1) == "Not allowed: the role officer may not acknowledge an alarm."
    assert _last(home)[:2] == ("acknowledge_alarm", "refused")
    line = _bwc(home, "alarms", "ack", str(missing), "--badge", "2001", "--note", " ", badge="2001")
    assert line.failure(1) == "Say what was done, in 1 to 500 characters."
    assert _last(home)[:2] == ("alarm_acknowledged", "refused")
    line = _bwc(home, "alarms", "ack", "99", "--badge", "2001", "--note", "ok", badge="2001")
    assert line.failure(1) == "There is no alarm 99."
    assert _last(home)[2]["reason"] == "alarm.unknown"
    line = _bwc(home, "alarms", "ack", "0", "--badge", "2001", "--note", "ok", badge="2001")
    assert line.failure(2) == "There is no alarm 0."
    assert services.store.alarms.alarm(missing) == services.store.alarms.open_alarms()[0]

    note = "file restored from the week's hand-over copy"
    done = _bwc(
        home, "alarms", "ack", str(missing), "--badge", "2001", "--note", note, badge="2001"
    )
    assert done.code == 0 and done.stdout == f"Alarm {missing} acknowledged: {note}\n"
    action, outcome, detail = _last(home)
    assert (action, outcome, detail["note"], detail["kind"]) == (
        "alarm_acknowledged",
        "ok",
        note,
        "archive_missing",
    )
    again = _bwc(
        home, "alarms", "ack", str(missing), "--badge", "9001", "--note", "x", badge="9001"
    )
    assert again.failure(1).startswith(f"Alarm {missing} was already acknowledged by 2001 at ")

    # The open list is down to the foreign recorder; --all shows who saw to the other.
    still = _bwc(home, "--json", "alarms", "list")
    assert [row["alarm"] for row in json.loads(still.stdout)] == [foreign]
    every = {
        row["alarm"]: row
        for row in json.loads(_bwc(home, "--json", "alarms", "list", "--all").stdout)
    }
    assert every[missing]["state"] == "acknowledged" and every[missing]["acknowledged_by"] == "2001"
    assert every[missing]["note"] == note and every[foreign]["state"] == "open"
    verify_clean(home)
