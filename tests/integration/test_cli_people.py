"""`bwc officer` as real processes: who acts, and who may make whom (DESIGN §6, §8)."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from appliance.bootstrap import Services
from appliance.demo import DemoBadge

PINS = {"1001": "111111", "1002": "121212", "2001": "333333", "4001": "555555", "9001": "777777"}


def bwc(
    home: Path, *args: str, pins: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `bwc --home HOME ARGS` in English with one PIN per stdin line."""
    environment = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    environment.pop("BWC_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "appliance", "--home", str(home), *args],
        input="".join(pin + "\n" for pin in pins),
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )


def events(home: Path) -> list[dict[str, Any]]:
    """Every audit event, oldest first, with its detail parsed."""
    with sqlite3.connect(home / "bwc.db") as conn:
        rows = conn.execute(
            "SELECT actor, action, object_id, outcome, detail_json FROM audit_event ORDER BY seq"
        ).fetchall()
    return [
        {"actor": a, "action": b, "object": c, "outcome": d, "detail": json.loads(e)}
        for a, b, c, d, e in rows
    ]


def last(home: Path, action: str) -> dict[str, Any]:
    """The newest event of an action."""
    return [event for event in events(home) if event["action"] == action][-1]


def refused_with(result: subprocess.CompletedProcess[str], line: str) -> None:
    """Exit 1, exactly this one line on stderr, no traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == line + "\n"


def add(home: Path, badge: str, role: str, confirm_by: str | None = None) -> Any:
    """`bwc officer add` with the new PIN, then the confirmer's."""
    argv = ["officer", "add", "--badge", badge, "--name", f"P{badge}", "--role", role]
    pins = [PINS.get(badge, "989898")]
    if confirm_by is not None:
        argv += ["--confirm-by", confirm_by]
        pins.append(PINS[confirm_by])
    return bwc(home, *argv, pins=tuple(pins))


def status(home: Path) -> dict[str, str]:
    listed = bwc(home, "--json", "officer", "list")
    assert listed.returncode == 0, listed.stderr
    return {row["badge"]: row["status"] for row in json.loads(listed.stdout)}


@pytest.fixture(scope="module")
def unit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A unit set up the only way it can be: the unit head alone first, the rest confirmed."""
    home = tmp_path_factory.mktemp("people") / "home"
    init = ("init", "--unit-code", "U01", "--unit-name", "城关中队", "--language", "en")
    assert bwc(home, *init).returncode == 0
    assert add(home, "2001", "unit_head").returncode == 0
    for badge, role, by in (("1001", "officer", None), ("4001", "bureau_head", "2001")):
        made = add(home, badge, role, by)
        assert made.returncode == 0, made.stderr
    made = add(home, "9001", "admin", "4001")
    assert made.returncode == 0, made.stderr
    device = ("device", "add", "--serial", "DSJ-001", "--brand", "Hik", "--model", "M1")
    assert bwc(home, *device).returncode == 0
    return home


@pytest.fixture
def unit(unit_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the unit for one test (no process has its database open)."""
    return Path(shutil.copytree(unit_template, tmp_path / "home", symlinks=True))


def verified(home: Path) -> None:
    """The chain and every state row agree (DESIGN §5.1)."""
    result = bwc(home, "audit", "verify")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_shell_actor_is_the_kernels_word_not_the_environment(unit: Path) -> None:
    """LOGNAME, USER, USERNAME and SUDO_USER are ignored: the tests run as root (uid 0)."""
    forged = {"LOGNAME": "mallory", "USER": "mallory", "USERNAME": "mallory"}
    forged |= {"SUDO_USER": "mallory", "SUDO_UID": "4242"}
    argv = ("device", "add", "--serial", "DSJ-002", "--brand", "Hik", "--model", "M1")
    assert bwc(unit, *argv, env=forged).returncode == 0
    assert last(unit, "add_recorder")["actor"] == f"os:{_me()}"
    assert not any("mallory" in json.dumps(event) for event in events(unit))


def _me() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def test_the_first_unit_head_is_the_bootstrap_and_the_rest_need_two(unit: Path) -> None:
    added = {e["object"]: e for e in events(unit) if e["action"] == "add_person"}
    assert added["2001"]["detail"]["bootstrap"] is True
    assert added["2001"]["detail"]["confirmed_by"] == ""
    assert added["4001"]["detail"] | {"changes": None} == {
        "name": "P4001",
        "role": "bureau_head",
        "confirmed_by": "2001",
        "bootstrap": False,
        "changes": None,
    }
    assert added["9001"]["detail"]["confirmed_by"] == "4001"
    assert added["9001"]["actor"] == f"os:{_me()}"
    # Officers need no second person.
    assert added["1001"]["detail"]["confirmed_by"] == ""
    assert added["1001"]["detail"]["bootstrap"] is False


@pytest.mark.parametrize(
    ("badge", "role", "confirm_by", "reason"),
    [
        ("2002", "unit_head", None, "second_person_required"),
        ("3001", "info_collector", None, "second_person_required"),
        ("5001", "auditor", "1001", "confirmer_not_allowed"),
        ("9002", "admin", "9001", "confirmer_not_allowed"),
    ],
)
def test_privileged_roles_are_refused_without_a_fitting_second_person(
    unit: Path, badge: str, role: str, confirm_by: str | None, reason: str
) -> None:
    """No second person, an officer or another admin as the second: refused and audited."""
    result = add(unit, badge, role, confirm_by)
    lines = {
        "second_person_required": (
            "A second person must confirm this: a unit head or the bureau head of this unit,"
            " with their badge and PIN. Privileged roles (unit head, information collector,"
            " bureau head, auditor, administrator) are given, reset and removed only by two"
            " people."
        ),
        "confirmer_not_allowed": (
            f"Badge {confirm_by} cannot confirm this: the second person is an active unit head"
            " or bureau head of this unit, neither the one asking nor the person concerned."
        ),
    }
    refused_with(result, lines[reason])
    event = last(unit, "add_person")
    assert (event["object"], event["outcome"], event["detail"]["reason"]) == (
        badge,
        "refused",
        reason,
    )
    assert badge not in status(unit)
    verified(unit)


def test_a_wrong_confirmer_pin_adds_nobody(unit: Path) -> None:
    argv = ("officer", "add", "--badge", "3001", "--name", "C", "--role", "info_collector")
    result = bwc(unit, *argv, "--confirm-by", "2001", pins=("246810", "000000"))
    refused_with(result, "Wrong PIN. 4 tries left before the badge is locked.")
    assert "3001" not in status(unit)
    assert last(unit, "sign_in")["detail"]["reason"] == "wrong_pin"


def test_deactivation_waits_for_the_recorder_then_the_badge_is_out(unit: Path) -> None:
    """Art. 10: a holder is not deactivated mid-custody; afterwards they cannot sign in."""
    signout = ("signout", "--badge", "1001", "--device", "DSJ-001", "--checks-confirmed")
    assert bwc(unit, *signout, pins=(PINS["1001"],)).returncode == 0
    deactivate = ("officer", "deactivate", "--badge", "1001", "--by", "2001")
    refused_with(
        bwc(unit, *deactivate, pins=(PINS["2001"],)),
        "Badge 1001 still holds recorder DSJ-001; it must be returned first (Art. 10).",
    )
    assert last(unit, "deactivate_person")["detail"]["reason"] == "still_holding"
    back = ("return", "--badge", "1001", "--device", "DSJ-001")
    assert bwc(unit, *back, pins=(PINS["1001"],)).returncode == 0

    done = bwc(unit, *deactivate, pins=(PINS["2001"],))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Badge 1001 (P1001) deactivated: it can no longer sign in.\n"
    event = last(unit, "deactivate_person")
    assert (event["actor"], event["outcome"], event["detail"]["confirmed_by"]) == (
        "2001",
        "ok",
        "",
    )
    assert status(unit)["1001"] == "inactive"
    assert "deactivated" in bwc(unit, "officer", "list").stdout
    refused_with(bwc(unit, *signout, pins=(PINS["1001"],)), "Badge 1001 is not active.")
    refused_with(bwc(unit, *deactivate, pins=(PINS["2001"],)), "Badge 1001 is not active.")
    verified(unit)


def test_who_may_deactivate(unit: Path) -> None:
    """Not an officer, not oneself; a privileged person only with a second person."""
    assert add(unit, "1002", "officer").returncode == 0
    by_officer = ("officer", "deactivate", "--badge", "1002", "--by", "1001")
    refused_with(
        bwc(unit, *by_officer, pins=(PINS["1001"],)),
        "Not allowed: the role officer may not deactivate a person.",
    )
    own = ("officer", "deactivate", "--badge", "2001", "--by", "2001")
    refused_with(
        bwc(unit, *own, pins=(PINS["2001"],)),
        "Nobody may do this to their own badge; another person must.",
    )
    head = ("officer", "deactivate", "--badge", "4001", "--by", "9001")
    result = bwc(unit, *head, pins=(PINS["9001"],))
    assert result.returncode == 1 and result.stderr.startswith("A second person must confirm")
    assert last(unit, "deactivate_person")["detail"]["reason"] == "second_person_required"
    confirmed = bwc(unit, *head, "--confirm-by", "2001", pins=(PINS["9001"], PINS["2001"]))
    assert confirmed.returncode == 0, confirmed.stderr
    assert "Confirmed by P2001 (2001)." in confirmed.stdout
    event = last(unit, "deactivate_person")
    assert (event["actor"], event["detail"]["confirmed_by"]) == ("9001", "2001")
    assert status(unit)["4001"] == "inactive"
    verified(unit)


def test_a_reset_pin_replaces_the_pin_and_lifts_the_lock(unit: Path) -> None:
    wrong = ("return", "--badge", "1001", "--device", "DSJ-001")
    assert [bwc(unit, *wrong, pins=("000000",)).returncode for _ in range(5)] == [1] * 5
    assert status(unit)["1001"] == "locked"
    assert "locked" in bwc(unit, "officer", "list").stdout
    reset = ("officer", "reset-pin", "--badge", "1001", "--by", "2001")
    done = bwc(unit, *reset, pins=("864209", PINS["2001"]))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "New PIN set for badge 1001 (P1001); the badge is unlocked.\n"
    assert status(unit)["1001"] == "active"
    event = last(unit, "reset_pin")
    assert (event["actor"], event["detail"]["was_locked"]) == ("2001", True)
    [(table, key, row)] = event["detail"]["changes"]
    assert (table, key, row["failed_pins"], row["locked"]) == ("person", ["1001"], 0, 0)
    # The PIN never reaches the log, only its salted hash in the person row.
    assert not any("864209" in json.dumps(event) for event in events(unit))
    signout = ("signout", "--badge", "1001", "--device", "DSJ-001", "--checks-confirmed")
    refused_with(
        bwc(unit, *signout, pins=(PINS["1001"],)),
        "Wrong PIN. 4 tries left before the badge is locked.",
    )
    assert bwc(unit, *signout, pins=("864209",)).returncode == 0
    verified(unit)


def test_a_privileged_pin_reset_needs_a_second_person(unit: Path) -> None:
    reset = ("officer", "reset-pin", "--badge", "2001", "--by", "9001")
    result = bwc(unit, *reset, pins=("864209", PINS["9001"]))
    assert result.returncode == 1 and result.stderr.startswith("A second person must confirm")
    done = bwc(unit, *reset, "--confirm-by", "4001", pins=("864209", PINS["9001"], PINS["4001"]))
    assert done.returncode == 0, done.stderr
    assert last(unit, "reset_pin")["detail"]["confirmed_by"] == "4001"
    verified(unit)


def test_the_admin_unlocks_a_locked_out_unit_head_with_a_second_person(unit: Path) -> None:
    """Strangers typing wrong PINs lock the only unit head; admin + bureau head is the way."""
    wrong = ("return", "--badge", "2001", "--device", "DSJ-001")
    assert [bwc(unit, *wrong, pins=("000000",)).returncode for _ in range(5)] == [1] * 5
    assert status(unit)["2001"] == "locked"
    unlock = ("officer", "unlock", "--badge", "2001", "--by", "9001")
    alone = bwc(unit, *unlock, pins=(PINS["9001"],))
    assert alone.returncode == 1 and alone.stderr.startswith("A second person must confirm")
    assert last(unit, "unlock_badge")["detail"]["reason"] == "second_person_required"
    by_officer = bwc(unit, *unlock, "--confirm-by", "1001", pins=(PINS["9001"], PINS["1001"]))
    assert by_officer.returncode == 1 and "Badge 1001 cannot confirm this" in by_officer.stderr
    assert status(unit)["2001"] == "locked"

    done = bwc(unit, *unlock, "--confirm-by", "4001", pins=(PINS["9001"], PINS["4001"]))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Badge 2001 unlocked.\nConfirmed by P4001 (4001).\n"
    event = last(unit, "unlock_badge")
    assert event["actor"] == "9001" and event["outcome"] == "ok"
    assert {k: event["detail"][k] for k in ("by_name", "confirmed_by", "confirmer_name")} == {
        "by_name": "P9001",
        "confirmed_by": "4001",
        "confirmer_name": "P4001",
    }
    assert status(unit)["2001"] == "active"
    verified(unit)


def test_the_demo_follows_the_rule_too(demo: tuple[Services, dict[str, DemoBadge]]) -> None:
    """The demo's unit head is the bootstrap; it confirms every privileged person after."""
    services, _ = demo
    added = {
        e.object_id: json.loads(e.detail_json)
        for e in services.store.audit_log.iterate()
        if e.action == "add_person"
    }
    assert added["2001"]["bootstrap"] is True
    for badge in ("3001", "4001", "5001", "9001"):
        assert (added[badge]["confirmed_by"], added[badge]["bootstrap"]) == ("2001", False)
    for badge in ("1001", "1002"):
        assert added[badge]["confirmed_by"] == ""
