"""Disclosure and classes through the real `bwc` (Art. 3, 11, 13): steps and refusals."""

from __future__ import annotations

import json
from pathlib import Path

from appliance.adapters.bag_reader import verify_package
from tests.cli_run import Result, bwc, events, verify_clean
from tests.conftest import DEMO_PINS
from tests.release.homes import release_home, release_template

__all__ = ["release_home", "release_template"]


def _bwc(home: Path, badge: str, *argv: str) -> Result:
    return bwc("--home", str(home), "--lang", "en", *argv, stdin=DEMO_PINS[badge] + "\n")


def _last(home: Path) -> tuple[str, str, str]:
    event = events(home)[-1]
    return event.action, event.outcome, json.loads(event.detail_json).get("reason", "")


def test_request_approve_export_once_and_the_refusals(release_home: Path, tmp_path: Path) -> None:
    home = release_home
    done = _bwc(home, "2001", "clips", "classify", "--badge", "2001", "--class", "privacy", "2")
    assert done.code == 0 and "now classed as personal privacy" in done.stdout
    line = _bwc(
        home, "1001", "clips", "classify", "--badge", "1001", "--class", "normal", "2"
    ).failure(1)
    assert line == "Not allowed: the role officer may not set the class of a clip."
    assert _last(home) == ("classify_clip", "refused", "permission_denied")
    done = _bwc(
        home,
        "1001",
        "disclosure",
        "request",
        "--badge",
        "1001",
        "--clips",
        "1",
        "2",
        "--recipient",
        "District court",
        "--reason",
        "case 12",
    )
    assert done.code == 0, done
    mine = _bwc(
        home,
        "4001",
        "disclosure",
        "request",
        "--badge",
        "4001",
        "--clips",
        "1",
        "--recipient",
        "Press office",
        "--reason",
        "public",
    )
    assert mine.code == 0
    line = _bwc(home, "4001", "disclosure", "approve", "--request", "2", "--badge", "4001").failure(
        1
    )
    assert line == "Request 2 is your own: another bureau head must decide it."
    assert _last(home) == ("disclosure_approve", "refused", "disclosure.self_approval")
    line = _bwc(home, "4001", "disclosure", "approve", "--request", "1", "--badge", "4001").failure(
        1
    )
    assert line == "Clip 2 is classed personal privacy: the approval must name that class."
    done = _bwc(
        home,
        "4001",
        "disclosure",
        "approve",
        "--request",
        "1",
        "--badge",
        "4001",
        "--allow-class",
        "privacy",
    )
    assert done.code == 0 and "may be used once" in done.stdout
    out = tmp_path / "disclosure-1"
    done = _bwc(
        home, "4001", "disclosure", "export", "--request", "1", "--out", str(out), "--badge", "4001"
    )
    assert done.code == 0, done
    report = verify_package(out, (home / "keys" / "audit.pub").read_text())
    assert report.kind == "disclosure" and report.classes == {"normal": 1, "privacy": 1}
    line = _bwc(
        home,
        "4001",
        "disclosure",
        "export",
        "--request",
        "1",
        "--out",
        str(tmp_path / "again"),
        "--badge",
        "4001",
    ).failure(1)
    assert line == "Request 1 was already exported: an approval is used once."
    assert _last(home) == ("disclosure_export", "refused", "disclosure.already_exported")
    listed = bwc("--home", str(home), "--json", "disclosure", "list")
    states = {row["request"]: row["state"] for row in json.loads(listed.stdout)}
    assert states == {1: "exported", 2: "pending"}
    verify_clean(home)
