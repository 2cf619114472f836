"""The evidence disc through the real `bwc` (Art. 12(4), DESIGN §12): made, verified, refused.

A disc made from a case verifies with `bwc disc verify` (a real process, no home) and with
its own verify.py under a plain `python3 -I`, run on the files extracted from the image; a
byte flipped in the image is caught by both.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from appliance.domain.discs import disc_stem
from appliance.domain.errors import Refused
from appliance.i18n import explain
from tests.cli_run import Result, bwc, events, verify_clean
from tests.conftest import DEMO_PINS
from tests.discs.disc_files import extract, flip_byte_of, run_verify_py
from tests.discs.homes import CASE, NAMES, PLACE, SECRET_CASE

HEAD = DEMO_PINS["2001"]
STEM = disc_stem(CASE)


def _create(home: Path, out: Path, *extra: str, badge: str = "2001", pin: str = HEAD) -> Result:
    return bwc(
        "--home", str(home), "--lang", "en", "--json", "disc", "create",
        "--case", CASE, "--badge", badge, "--out", str(out), "--place", PLACE, *extra,
        stdin=pin + "\n",
    )  # fmt: skip


def _verify(iso: Path, home: Path | None = None) -> Result:
    key = ("--public-key", str(home / "keys" / "audit.pub")) if home else ()
    return bwc("--lang", "en", "--json", "disc", "verify", str(iso), *key)


def _rows(home: Path, sql: str, *params: str) -> list[tuple[int | str | None, ...]]:
    with sqlite3.connect(home / "bwc.db") as db:
        return list(db.execute(sql, params).fetchall())


def _refused(home: Path) -> dict[str, object]:
    last = [e for e in events(home) if e.action == "disc_create"][-1]
    assert last.outcome == "refused"
    return dict(json.loads(last.detail_json))


def test_a_disc_of_a_case_verifies_with_bwc_and_with_its_own_verify_py(
    disc_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = _create(disc_home, out)
    assert done.code == 0, done.stderr
    made = json.loads(done.stdout)
    iso, form = Path(made["image"]), Path(made["form"])
    assert iso == out / f"{STEM}.iso" and form == out / f"{STEM}-record-form.pdf"
    assert made["clips"] == len(NAMES) and made["burned_to"] is None
    # Nothing of the staging is left beside the image.
    assert sorted(p.name for p in out.iterdir()) == sorted([iso.name, form.name])

    checked = _verify(iso, disc_home)
    assert checked.code == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["files"] == len(NAMES) and report["key_given"] is True
    assert report["kind"] == "disc" and report["case"] == CASE
    assert report["image_sha256"] == made["image_sha256"]
    assert report["form"] == form.name

    disc = extract(iso, tmp_path / "extracted")
    own = run_verify_py(disc)
    assert own.returncode == 0, own.stdout + own.stderr
    assert f"OK: {len(NAMES)} footage file(s)" in own.stdout
    assert "NOT CHECKED HERE: the signatures" in own.stdout

    # CJK and awkward names survive on the disc: the case's own folder, the payload's
    # Chinese names, and every original name byte for byte in the metadata (DESIGN §10).
    package = disc / STEM
    assert package.is_dir() and STEM.startswith("教执罚")
    payload = sorted(p.name for p in (package / "data").rglob("*") if p.is_file())
    assert any("现场_录像_01" in name for name in payload), payload
    originals = {c["original_name"].rsplit("/", 1)[-1] for c in _clips_json(package)}
    assert originals == set(NAMES)
    readme = (disc / "README.txt").read_text(encoding="utf-8")
    assert "python3 verify.py" in readme and "校验方法" in readme and CASE in readme

    # The clips are evidence now, bound to the chain with the disc (DESIGN §5.1, §11).
    filed = _rows(disc_home, "SELECT clip_id FROM clip_case WHERE case_number = ?", CASE)
    case_clips = {r[0] for r in filed}
    evidence = {r[0] for r in _rows(disc_home, "SELECT clip_id FROM evidence_clip")}
    assert evidence == case_clips and len(evidence) == len(NAMES)
    made_events = [e for e in events(disc_home) if e.action == "disc_made"]
    assert len(made_events) == 1
    detail = json.loads(made_events[0].detail_json)
    assert set(detail["clips"]) == evidence
    assert detail["image_sha256"] == made["image_sha256"]
    verify_clean(disc_home)


def _clips_json(package: Path) -> list[dict[str, str]]:
    return list(json.loads((package / "metadata" / "clips.json").read_text(encoding="utf-8")))


def test_a_byte_flipped_in_the_image_is_caught_by_bwc_and_by_verify_py(
    disc_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = _create(disc_home, out)
    assert done.code == 0, done.stderr
    iso = out / f"{STEM}.iso"
    clean = extract(iso, tmp_path / "clean")
    clip = next(p for p in (clean / STEM / "data").rglob("*") if p.name.endswith("PLAIN0004.MP4"))
    flip_byte_of(iso, "/" + clip.relative_to(clean).as_posix())

    as_json = _verify(iso)
    assert as_json.code == 1 and as_json.stderr == ""
    error = json.loads(as_json.stdout)["error"]
    assert error["reason"] == "package.payload_changed"
    assert error["params"]["file"].endswith("PLAIN0004.MP4")
    line = bwc("--lang", "en", "disc", "verify", str(iso)).failure(1)
    assert line == f"A footage file of the package was changed: {error['params']['file']}."
    flipped = extract(iso, tmp_path / "flipped")
    own = run_verify_py(flipped)
    assert own.returncode == 1
    assert "CHANGED footage file" in own.stdout and "PLAIN0004.MP4" in own.stdout


def test_a_burn_to_what_is_not_a_burner_is_refused_and_leaves_nothing(
    disc_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The box's writer burns only to a burner's device node (/dev/sr0 ...), never a path.
    line = bwc(
        "--home", str(disc_home), "--lang", "en", "disc", "create", "--case", CASE,
        "--badge", "2001", "--out", str(out), "--place", PLACE, "--burn", str(tmp_path / "x"),
        stdin=HEAD + "\n",
    ).failure(1)  # fmt: skip
    assert line == f"{tmp_path / 'x'} is not a disc burner; nothing was written."
    assert list(out.iterdir()) == [] and not (tmp_path / "x").exists()
    assert _refused(disc_home)["reason"] == "disc.not_a_burner"
    # Refused before anything was sealed: no package, no disc.
    assert _rows(disc_home, "SELECT count(*) FROM package") == [(0,)]
    assert _rows(disc_home, "SELECT count(*) FROM disc") == [(0,)]


def test_a_disc_verify_of_something_else_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.iso"
    junk.write_bytes(b"not an image" * 1000)
    line = bwc("--lang", "en", "disc", "verify", str(junk)).failure(1)
    assert line == (
        "This is not an evidence disc that can be read (an ISO 9660 image with Rock Ridge names)."
    )


@pytest.mark.parametrize(
    ("case", "badge", "extra", "code", "reason"),
    [
        ("ZF-NO-SUCH", "2001", (), 1, "disc.unknown_case"),
        (SECRET_CASE, "2001", (), 1, "disc.state_secret"),
        (CASE, "1001", (), 1, "permission_denied"),
        (CASE, "2001", ("--place", ""), 2, "disc.bad_place"),
    ],
    ids=["unknown-case", "only-a-state-secret", "not-a-unit-head", "empty-place"],
)
def test_refusals_are_one_line_audited_and_leave_nothing(
    disc_home: Path,
    tmp_path: Path,
    case: str,
    badge: str,
    extra: tuple[str, ...],
    code: int,
    reason: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = bwc(
        "--home", str(disc_home), "--lang", "en", "disc", "create",
        "--case", case, "--badge", badge, "--out", str(out), "--place", PLACE, *extra,
        stdin=DEMO_PINS[badge] + "\n",
    )  # fmt: skip
    line = done.failure(code)
    assert list(out.iterdir()) == []
    assert _rows(disc_home, "SELECT count(*) FROM evidence_clip") == [(0,)]
    if reason == "permission_denied":
        last = events(disc_home)[-1]
        assert (last.action, last.outcome) == ("burn_evidence", "refused")
        detail = json.loads(last.detail_json)
    else:
        detail = _refused(disc_home)
    assert detail["reason"] == reason
    assert line == explain(Refused(reason, **dict(detail["params"])), "en")


def test_an_existing_image_is_refused_and_kept(disc_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STEM}.iso").write_bytes(b"someone else's file")
    line = bwc(
        "--home", str(disc_home), "--lang", "en", "disc", "create", "--case", CASE,
        "--badge", "2001", "--out", str(out), "--place", PLACE, stdin=HEAD + "\n",
    ).failure(2)  # fmt: skip
    assert line.endswith("already exists; an evidence disc is never written over another file.")
    assert (out / f"{STEM}.iso").read_bytes() == b"someone else's file"
    assert _refused(disc_home)["reason"] == "disc.out_exists"
