"""`bwc offload`, `bwc clips` and `bwc fixity` as real processes (DESIGN §8)."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.footage import FootageSet, copy_card

BWC = Path(sys.executable).parent / "bwc"


def _bwc(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BWC), "--home", str(home), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_offload_list_file_and_fixity(
    demo: tuple[Services, dict[str, DemoBadge]], footage_card: FootageSet, tmp_path: Path
) -> None:
    services, badges = demo
    home = services.settings.home
    card = tmp_path / "card"
    copy_card(footage_card.root, card)

    done = _bwc(home, "offload", "--device", "DSJ-A001", "--source", str(card))

    assert done.returncode == 0, done.stderr
    count = len(footage_card.expected)
    assert f"archived {count} new, 0 already archived, 0 failed, {count} cleared" in done.stdout
    assert "no audio (Art. 2)" in done.stdout and "unreadable, kept byte-exact" in done.stdout
    assert "\x1b" not in done.stdout

    listed = _bwc(home, "clips", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == count
    # Names are shown literally but escaped: no terminal control reaches the screen.
    text = _bwc(home, "clips", "list").stdout
    assert "\\x1b[31mesc\\x07" in text and "\x1b" not in text and "执法 记录 0001.MP4" in text

    ids = [str(r["id"]) for r in rows[:2]]
    pin = badges["2001"].pin + "\n"
    filed = _bwc(
        home,
        "--json",
        "clips",
        "file",
        "--badge",
        "2001",
        "--case",
        "教执罚〔2026〕12号",
        *ids,
        stdin=pin,
    )
    assert filed.returncode == 0, filed.stdout + filed.stderr
    assert json.loads(filed.stdout)["filed"] == sorted(int(i) for i in ids)
    by_case = json.loads(
        _bwc(home, "clips", "list", "--case", "教执罚〔2026〕12号", "--json").stdout
    )
    assert sorted(r["id"] for r in by_case) == sorted(int(i) for i in ids)
    # Art. 8: an officer files only their own footage (these clips are nobody's: no shift).
    refused = _bwc(
        home,
        "--json",
        "clips",
        "file",
        "--badge",
        "1002",
        "--case",
        "C1",
        ids[0],
        stdin=badges["1002"].pin + "\n",
    )
    assert (refused.returncode, json.loads(refused.stdout)["error"]["reason"]) == (
        1,
        "not_your_clip",
    )
    assert json.loads(_bwc(home, "clips", "list", "--case", "C1", "--json").stdout) == []
    event = services.store.audit_log.recent(1)[0]
    assert (event.action, event.outcome) == ("file_clip", "refused")
    assert json.loads(event.detail_json)["reason"] == "not_your_clip"

    clean = _bwc(home, "fixity", "verify")
    assert clean.returncode == 0, clean.stderr
    assert "all match" in clean.stdout


@pytest.mark.article("11", "16(3)")
def test_fixity_reports_a_changed_file_and_exits_1(
    demo: tuple[Services, dict[str, DemoBadge]], footage_card: FootageSet, tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    card = tmp_path / "card"
    copy_card(footage_card.root, card)
    assert (
        _bwc(
            home, "offload", "--device", "DSJ-A002", "--source", str(card), "--no-clear"
        ).returncode
        == 0
    )
    victim = next(
        p for p in (home / "archive" / "sha256").rglob("*") if p.is_file() and p.stat().st_size
    )
    os.chmod(victim, 0o644)
    with open(victim, "r+b") as stream:
        first = stream.read(1)
        stream.seek(0)
        stream.write(bytes([first[0] ^ 1]))

    checked = _bwc(home, "--json", "fixity", "verify")

    assert checked.returncode == 1
    assert json.loads(checked.stdout)["mismatched"] == [victim.name]
    assert [a.subject for a in services.store.alarms.open_alarms("fixity_mismatch")] == [
        victim.name
    ]
    assert services.store.audit_log.recent(1)[0].action == "fixity_verify"
    sample = _bwc(home, "--json", "fixity", "verify", "--sample", "0")
    assert (sample.returncode, json.loads(sample.stdout)["error"]["reason"]) == (2, "bad_sample")
    # A card that is not there is bad input, not a crash.
    nope = str(tmp_path / "nope")
    missing = _bwc(home, "--json", "offload", "--device", "DSJ-A002", "--source", nope)
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["error"] == {
        "reason": "source_not_directory",
        "message": f"{nope} is not a directory holding a recorder's card.",
        "params": {"path": nope},
    }


def test_the_cards_serial_wins_and_a_different_device_is_refused(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    card = tmp_path / "card"
    (card / "DCIM").mkdir(parents=True)
    (card / "DCIM" / "FILE0001.MP4").write_bytes(b"clip bytes")
    (card / "SERIAL.TXT").write_text("SN=DSJ-B001\n")

    refused = _bwc(home, "offload", "--device", "DSJ-A001", "--source", str(card))

    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "The recorder's card says it is DSJ-B001, not DSJ-A001: nothing was copied."
    ]
    event = services.store.audit_log.recent(1)[0]
    assert (event.action, event.outcome, event.object_id) == (
        "offload_refused",
        "refused",
        "DSJ-A001",
    )
    detail = json.loads(event.detail_json)
    assert detail["reason"] == "serial_mismatch"
    assert detail["params"] == {"serial": "DSJ-A001", "found": "DSJ-B001"}
    assert services.store.jobs.recent() == [] and services.clips.listing() == []
    assert (card / "DCIM" / "FILE0001.MP4").exists()

    as_json = _bwc(home, "--json", "offload", "--device", "DSJ-A001", "--source", str(card))
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["error"]["params"] == {
        "found": "DSJ-B001",
        "serial": "DSJ-A001",
    }

    taken = _bwc(home, "offload", "--device", "DSJ-B001", "--source", str(card), "--no-clear")
    assert taken.returncode == 0, taken.stderr
    assert [job.serial for job in services.store.jobs.recent()] == ["DSJ-B001"]

    (card / "SERIAL.TXT").unlink()
    (card / "DCIM" / "FILE0002.MP4").write_bytes(b"more bytes")
    # No identity on the card: --device names it.
    fallback = _bwc(home, "offload", "--device", "DSJ-A002", "--source", str(card), "--no-clear")
    assert fallback.returncode == 0, fallback.stderr
    assert services.store.jobs.recent(1)[0].serial == "DSJ-A002"

    bad = _bwc(home, "offload", "--device", "A001\x1b[2J", "--source", str(card))
    assert bad.returncode == 2 and "\x1b" not in bad.stderr and "Traceback" not in bad.stderr


# Bidi controls (Arabic letter mark, LRM/RLM, embeddings and overrides, isolates) and C1.
BIDI_AND_C1 = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C1 = "\u0085\u009b\u0080\u009f"


def test_json_output_escapes_bidi_and_c1_controls_and_decodes_to_the_same_names(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    card = tmp_path / "card"
    (card / "DCIM").mkdir(parents=True)
    names = {
        "DCIM/invoice\u202eFDP.MP4": b"one",
        f"DCIM/bidi{BIDI_AND_C1}.MP4": b"two",
        f"DCIM/c1{C1}[31m.MP4": b"three",
        "DCIM/执法 记录.MP4": b"four",
    }
    for name, content in names.items():
        (card / name).write_bytes(content)
    (tmp_path / "decoy").write_bytes(b"beside the card, never read\n")
    os.symlink(tmp_path / "decoy", card / "DCIM" / "link\u202e.MP4")

    offloaded = _bwc(
        home, "--json", "offload", "--device", "DSJ-A001", "--source", str(card), "--no-clear"
    )
    listed = _bwc(home, "--json", "clips", "list")
    refused = _bwc(home, "--json", "offload", "--device", "DSJ-A001", "--source", f"/no/{C1}\u202e")

    for done in (offloaded, listed, refused):
        assert not any(char in done.stdout for char in BIDI_AND_C1 + C1), done.stdout
        assert all(char.isprintable() for char in done.stdout.rstrip("\n"))
    assert offloaded.returncode == 0, offloaded.stderr
    assert "\\u202e" in listed.stdout and "\\u0085" in listed.stdout
    assert "执法 记录" in listed.stdout
    assert sorted(row["name"] for row in json.loads(listed.stdout)) == sorted(names)
    report = json.loads(offloaded.stdout)
    assert report["skipped_entries"] == [{"name": "DCIM/link\u202e.MP4", "reason": "symlink"}]
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["error"]["params"]["path"] == f"/no/{C1}\u202e"


def test_offload_names_its_operator_from_the_kernel_not_the_environment(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    """DESIGN §6: the job row and its offload_queued event name who ran it: os:root here."""
    services, _ = demo
    card = tmp_path / "empty-card"
    (card / "DCIM").mkdir(parents=True)
    forged = {**os.environ, "LOGNAME": "mallory", "USER": "mallory", "SUDO_USER": "mallory"}
    done = subprocess.run(
        [str(BWC), "--home", str(services.settings.home), "--json", "offload"]
        + ["--device", "DSJ-B001", "--source", str(card)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=forged,
    )
    assert done.returncode == 0, done.stderr
    job_id = json.loads(done.stdout)["job"]
    operator = f"os:{pwd.getpwuid(os.getuid()).pw_name}"
    job = services.offload.progress(job_id)
    assert job is not None and job.operator == operator == "os:root"
    queued = [e for e in services.store.audit_log.recent(50) if e.action == "offload_queued"]
    assert queued[0].object_id == str(job_id)
    assert json.loads(queued[0].detail_json)["operator"] == operator
    # The command's output is what it was; the name is in the row and the log.
    assert "operator" not in json.loads(done.stdout)
    # The machinery's own jobs (the dock service's) name nobody.
    own = services.offload.run(MassStorageDriver(card, fallback_serial="DSJ-B002"))
    assert own.operator == ""
    newest_queued = [
        e for e in services.store.audit_log.recent(50) if e.action == "offload_queued"
    ][0]
    assert json.loads(newest_queued.detail_json)["operator"] == ""
