"""Holds through the real `bwc` process: set, list, lift, and every refusal (Art. 12(3)).

DESIGN §6, §8, §11: one person sets a hold with a note; two different people lift it, at least
one a unit head or the bureau head. Every refusal is one line, exit 1 or 2, and in the log.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import open_services
from appliance.demo import make_home
from appliance.domain.audit import AuditEvent
from appliance.domain.errors import BadInput, Refused
from appliance.domain.holds import HeldClip, holds_covering
from appliance.i18n import explain
from tests.cli_run import bwc, events, verify_clean
from tests.conftest import DEMO_PINS
from tests.fuzz_cli import Stdin
from tests.integration.test_cli_fuzz import in_process

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo home with three archived clips and a second information collector (3002)."""
    root = tmp_path_factory.mktemp("holds")
    services, _ = make_home(
        root / "home", language="en", clock=SettableClock(START), pins=DEMO_PINS
    )
    card = root / "card" / "DCIM" / "100MEDIA"
    card.mkdir(parents=True)
    for index in range(3):
        (card / f"VID_{index:04d}.MP4").write_bytes(os.urandom(2000 + index))
    services.offload.run(MassStorageDriver(root / "card", "DSJ-A001"), "DSJ-A001", clear=False)
    admin = services.auth.sign_in("9001", DEMO_PINS["9001"])
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.registry.add_person(
        admin, "3002", "Second Collector", "info_collector", "454545", head
    )
    services.close()
    return root / "home"


@pytest.fixture
def home(template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "home"
    shutil.copytree(template, target)
    return target


def run(home: Path, *argv: str, pins: tuple[str, ...] = ()) -> tuple[int, str, str]:
    done = bwc("--home", str(home), "--lang", "en", *argv, stdin="".join(p + "\n" for p in pins))
    return done.code, done.stdout, done.stderr


def newest(home: Path, action: str) -> AuditEvent:
    return [event for event in events(home) if event.action == action][-1]


def test_set_list_and_lift_a_hold_on_clips(home: Path) -> None:
    code, out, err = run(
        home,
        "hold", "set", "--badge", "2001", "--reason", "complaint",
        "--note", "Mr Li complained, file 17", "--clips", "1", "2", "--json",
        pins=(DEMO_PINS["2001"],),
    )  # fmt: skip
    assert code == 0, err
    made = json.loads(out)
    assert (made["hold"], made["scope"], made["clips"]) == (1, "clips", [1, 2])
    assert made["active"] is True and made["set_by"] == "2001"
    event = newest(home, "hold_set")
    detail = json.loads(event.detail_json)
    assert (event.actor, event.object_id, detail["clips"]) == ("2001", "1", [1, 2])
    assert {change[0] for change in detail["changes"]} == {"hold", "hold_clip"}

    code, out, _ = run(home, "hold", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["hold", "reason", "covers"]
    assert "complaint" in lines[1] and "clips 1,2" in lines[1] and "in force" in lines[1]
    assert "Mr Li complained, file 17" in lines[1]

    # The collector and the bureau head together: one of the two is a head (DESIGN §11).
    code, out, err = run(
        home, "hold", "lift", "--hold", "1", "--badge", "3001", "--badge", "4001",
        pins=(DEMO_PINS["3001"], DEMO_PINS["4001"]),
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == "Hold 1 lifted by 3001 and 4001."
    lifted = newest(home, "hold_lift")
    assert (lifted.actor, lifted.outcome) == ("3001", "ok")
    assert json.loads(lifted.detail_json)["confirmed_by"] == "4001"
    code, out, _ = run(home, "hold", "list", "--json")
    (row,) = json.loads(out)
    assert (row["active"], row["lifted_by"], row["lift_confirmed_by"]) == (False, "3001", "4001")
    code, out, _ = run(home, "hold", "list", "--active", "--json")
    assert json.loads(out) == []
    verify_clean(home)


def test_a_case_hold_and_an_officer_hold_cover_clips_filed_and_archived_later(home: Path) -> None:
    code, _, err = run(
        home, "hold", "add", "--badge", "3001", "--reason", "petition", "--note", "信访 2026-12",
        "--case", "ZF-0012", pins=(DEMO_PINS["3001"],),
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        home, "hold", "set", "--badge", "4001", "--reason", "litigation", "--note", "suit",
        "--officer", "1001", "--from", "2026-03-01", "--to", "2026-03-02", "--json",
        pins=(DEMO_PINS["4001"],),
    )  # fmt: skip
    assert code == 0, err
    officer = json.loads(out)
    assert officer["officer"] == "1001" and officer["end"].startswith("2026-03-03")
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        holds = services.holds.listing(active_only=True)
        # Filed under the case after the hold was set: covered (Art. 12(3)).
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        services.clips.file(head, [3], "ZF-0012")
        assert services.holds.covering(3) == [1]
        assert services.holds.covering(2) == []
        # A clip of 1001 recorded in the range, archived any time later: covered too.
        later = HeldClip(99, "1001", datetime(2026, 3, 2, 23, 59, tzinfo=UTC))
        assert holds_covering(holds, later) == [2]
        outside = HeldClip(98, "1001", datetime(2026, 3, 3, 0, 0, tzinfo=UTC))
        assert holds_covering(holds, outside) == []
    finally:
        services.close()
    verify_clean(home)


@pytest.mark.parametrize(
    ("badges", "reason"),
    [
        (("2001", "2001"), "hold_lift_same_person"),
        # Two collectors: neither a unit head nor the bureau head.
        (("3001", "3002"), "hold_lift_needs_head"),
        # An officer is never the second person of a lift.
        (("2001", "1001"), "confirmer_not_allowed"),
        (("2001",), "second_person_required"),
    ],
)
def test_two_person_refusals_are_one_line_and_audited(
    home: Path, badges: tuple[str, ...], reason: str
) -> None:
    pins = {**DEMO_PINS, "3002": "454545"}
    services = open_services(config.load(home, home / "kiosk.toml"))
    try:
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        services.holds.set_on_clips(head, "other", "kept", [1])
    finally:
        services.close()
    argv = [arg for badge in badges for arg in ("--badge", badge)]
    done = bwc(
        "--home", str(home), "--lang", "en", "hold", "lift", "--hold", "1", *argv,
        stdin="".join(pins[b] + "\n" for b in badges),
    )  # fmt: skip
    assert done.failure(1) == explain(Refused(reason, badge=badges[-1]), "en")
    refused = newest(home, "hold_lift")
    detail = json.loads(refused.detail_json)
    assert (refused.outcome, refused.actor, detail["reason"]) == ("refused", badges[0], reason)
    assert "changes" not in detail
    assert not [e for e in events(home) if e.action == "hold_lift" and e.outcome == "ok"]
    verify_clean(home)


@pytest.mark.parametrize(
    ("argv", "code", "reason"),
    [
        (("--badge", "1001", "--reason", "complaint", "--note", "x", "--clips", "1"), 1,
         "permission_denied"),
        (("--badge", "2001", "--reason", "complaint", "--note", " ", "--clips", "1"), 2,
         "bad_note"),
        (("--badge", "2001", "--reason", "complaint", "--note", "x", "--clips", "77"), 1,
         "unknown_clip"),
        (("--badge", "2001", "--reason", "complaint", "--note", "x", "--officer", "0000",
          "--from", "2026-01-01", "--to", "2026-01-02"), 1, "unknown_badge"),
        (("--badge", "2001", "--reason", "complaint", "--note", "x", "--case", "C", "--clips",
          "1"), 2, "hold_scope_unclear"),
        (("--badge", "2001", "--reason", "complaint", "--note", "x", "--officer", "1001",
          "--from", "2026-01-02", "--to", "2026-01-01"), 2, "hold_range_backwards"),
        (("--badge", "2001", "--reason", "complaint", "--note", "x", "--officer", "1001",
          "--from", "yesterday", "--to", "2026-01-01"), 2, "bad_hold_range_time"),
    ],
)  # fmt: skip
def test_refusals_of_set_are_one_line(
    home: Path, argv: tuple[str, ...], code: int, reason: str
) -> None:
    before = len(events(home))
    # cli.main in this process, on the same arguments and input: the parse, the sign-in,
    # the service and the one line are the command's own (the process start is test_cli's).
    code_seen, out, err = in_process(
        ["--home", str(home), "--lang", "en", "hold", "set", *argv],
        Stdin("text", (DEMO_PINS[argv[1]] + "\n").encode()),
    )
    assert (code_seen, out) == (code, ""), (code_seen, out, err)
    assert "Traceback" not in err and err.endswith("\n") and len(err.splitlines()) == 1
    line = err.strip()
    logged = events(home)[before:]
    if code == 1:
        # A refusal by rule or permission is in the log, with no row changed (DESIGN §5).
        (refusal,) = [e for e in logged if e.action == "hold_set"]
        detail = json.loads(refusal.detail_json)
        assert (refusal.outcome, detail["reason"]) == ("refused", reason)
        assert "changes" not in detail
    else:
        kind = BadInput(reason, value="")
        assert line == explain(kind, "en")
        assert not [e for e in logged if e.action == "hold_set"]
    assert not [e for e in events(home) if e.action == "hold_set" and e.outcome == "ok"]
