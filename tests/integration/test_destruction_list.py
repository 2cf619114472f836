"""The destruction list PDF of a retention run (DESIGN §11, Art. 12(3)), by real typst.

A run that deletes clips prints `<run>.pdf` beside its JSON and text: every deleted clip's
number and sha256, why, and the audit chain head of the JSON as the checkpoint; a dry run
prints `<run>-dry.pdf` saying it deleted nothing; a run that lists nothing prints no PDF and
says so; a PDF that cannot be made leaves the run recorded, its JSON and text written, and an
alarm. The page is read back as text with pypdf and page 1 drawn to PNG with pdftoppm into
the test's own directory (the path is printed), so a reviewer can look at it.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from appliance import config
from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.seal import NoSealer
from appliance.adapters.typst_forms import TEMPLATES, TypstForms
from appliance.bootstrap import build_services
from appliance.i18n import alarm_kind_words, t
from appliance.i18n.catalogue import CATALOGUE
from tests.cli_run import bwc
from tests.retention_world import SYSTEM, T0, World, make_template

# A recorder's own file name, which typst would run as markup or code if it were ever spliced
# into the source: it must come out as the very same characters (DESIGN §3.5).
HOSTILE_NAME = '#read("/etc/passwd") *b* $x$ ] [ // 人民路.MP4'


def _flat(text: str) -> str:
    """Text without any white space: a table cell may wrap anywhere."""
    return "".join(text.split())


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _draw(pdf: Path, prefix: Path) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt poppler-utils, in APT_PACKAGES)")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
        timeout=60,
    )
    png = next(prefix.parent.glob(f"{prefix.name}*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    return png


def _world(tmp_path: Path, language: str, now: datetime = T0) -> tuple[World, list[int], int]:
    """Three clips the rule lets go (one named by a hostile recorder) and one it keeps."""
    world = World.copy_of(make_template(tmp_path / "t", language), tmp_path / "home", now)
    old = now - timedelta(days=200)
    gone = [
        world.add_clip(old, "1001"),
        world.add_clip(old - timedelta(days=40), "1002", source_name=HOSTILE_NAME),
        world.add_clip(old - timedelta(days=90), "1001"),
    ]
    kept = world.add_clip(old, "1001")
    world.receipt(gone)
    world.clock.advance(60)
    return world, gone, kept


def _listing(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_run_prints_every_deleted_clip_and_the_checkpoint(tmp_path: Path, language: str) -> None:
    world, gone, kept = _world(tmp_path, language)
    archive = world.services.offload.archive
    try:
        dry = world.services.retention.run(SYSTEM, dry_run=True)
        world.clock.advance(60)
        done = world.services.retention.run(SYSTEM)
    finally:
        world.close()
    # The dry run: its own PDF, saying it deleted nothing, listing what would go.
    dry_json, _, dry_pdf = dry.lists
    assert dry_pdf.name == f"{dry.run}-dry.pdf" and dry.pdf_missing == ""
    assert _listing(dry_json)["pdf"] == dry_pdf.name
    dry_text = _flat(_pdf_text(dry_pdf))
    assert _flat(t("destruction.dry_note", language)) in dry_text
    assert _flat(t("destruction.kind_dry", language)) in dry_text
    assert all(world.contents[clip] in dry_text for clip in gone)
    # The run: deleted what the dry run listed, and printed it.
    assert {j.clip_id for j in done.eligible} == set(gone)
    assert not any(archive.exists(world.contents[clip]) for clip in gone)
    as_json, as_text, pdf = done.lists
    assert pdf == as_json.with_suffix(".pdf") and pdf.name == f"{done.run}.pdf"
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o640
    listing = _listing(as_json)
    assert listing["pdf"] == pdf.name and listing["pdf_missing"] is None
    assert f"printed as {pdf.name}" in as_text.read_text(encoding="utf-8")
    text = _flat(_pdf_text(pdf))
    for key in ("destruction.title", "destruction.note", "destruction.checkpoint"):
        assert _flat(t(key, language)) in text, key
    assert _flat(t("destruction.dry_note", language)) not in text
    for clip in gone:
        # The row: its number, then the recorder and the file, and its sha256 under it.
        assert f"{clip}DSJ-A001" in text, clip
        assert f"sha256{world.contents[clip]}" in text, clip
    assert text.count(_flat(t("destruction.why.retention_expired", language))) == len(gone)
    assert world.contents[kept] not in text
    head = listing["chain_head"]
    assert isinstance(head, dict) and head["seq"] > 0
    assert str(head["hash"]) in text and _flat(f"{head['seq']}") in text
    assert [row["source_name"] for row in listing["deleted"]].count(HOSTILE_NAME) == 1
    # The recorder's name is text on the page, every character of it (DESIGN §3.5).
    assert _flat(HOSTILE_NAME) in text
    assert "root:" not in text
    at = world.clock.now().isoformat(timespec="seconds")
    pages = len(PdfReader(pdf).pages)
    assert _flat(t("destruction.footer", language, run=done.run, at=at)) + f"1/{pages}" in text
    png = _draw(pdf, tmp_path / f"destruction-list-{language}")
    print(f"destruction list page 1 ({language}): {png}")


def test_a_run_that_lists_nothing_prints_no_pdf_and_says_so(tmp_path: Path) -> None:
    world = World.copy_of(make_template(tmp_path / "t"), tmp_path / "home", T0)
    young = world.add_clip(T0 - timedelta(days=20), "1001")
    world.receipt([young])
    world.clock.advance(60)
    try:
        report = world.services.retention.run(SYSTEM)
    finally:
        world.close()
    assert report.eligible == () and report.pdf_missing == "nothing_listed"
    as_json, as_text = report.lists
    listing = _listing(as_json)
    assert (listing["pdf"], listing["pdf_missing"]) == (None, "nothing_listed")
    assert "no PDF printed: this run lists nothing" in as_text.read_text(encoding="utf-8")
    assert sorted(p.suffix for p in as_json.parent.iterdir()) == [".json", ".txt"]


def test_a_list_that_cannot_be_printed_keeps_the_run_and_raises_an_alarm(
    tmp_path: Path,
) -> None:
    """Typst itself fails (a template with a syntax error): the deletions stay recorded."""
    broken = tmp_path / "forms"
    shutil.copytree(TEMPLATES, broken)
    (broken / "destruction_list.typ").write_text("#let d = (\n", encoding="utf-8")
    world, gone, _ = _world(tmp_path, "en")
    world.close()
    settings = config.load(world.home, world.home / "kiosk.toml")
    archive = ArchiveFS(settings.archive_dir, settings.staging_dir, NoSealer("test"))
    services = build_services(
        settings, clock=world.clock, archive=archive, forms=TypstForms(broken)
    )
    try:
        report = services.retention.run(SYSTEM)
        (alarm,) = services.store.alarms.open_alarms("destruction_list_unprinted")
        events = services.store.audit_log.recent(2)
    finally:
        services.close()
    assert {j.clip_id for j in report.eligible} == set(gone)
    assert len(report.deleted) == len(gone) and report.pdf_missing == "render_failed"
    as_json, as_text = report.lists
    listing = _listing(as_json)
    assert (listing["pdf"], listing["pdf_missing"]) == (None, "render_failed")
    assert [row["clip"] for row in listing["deleted"]] == gone
    assert "it could not be made" in as_text.read_text(encoding="utf-8")
    assert not as_json.with_suffix(".pdf").exists()
    assert alarm.subject == report.run and alarm.severity == "warning"
    assert "alarm.destruction_list_unprinted" in CATALOGUE
    assert alarm_kind_words(alarm.kind, "en") != t("alarm.other", "en")
    # The alarm's event, then the run's own, naming only the lists that were written.
    run_event, alarm_event = events[:2]
    assert (alarm_event.action, json.loads(alarm_event.detail_json)["kind"]) == (
        "alarm_raised",
        "destruction_list_unprinted",
    )
    assert (run_event.action, run_event.outcome) == ("retention_run", "ok")
    detail = json.loads(run_event.detail_json)
    assert detail["destruction_list"] == [as_json.name, as_text.name]
    assert detail["contents_deleted"] == len(gone)


def test_bwc_retention_run_names_its_pdf(tmp_path: Path) -> None:
    """The real command, on the real clock: a home whose clips are old by now."""
    world, gone, _ = _world(tmp_path, "en", now=datetime.now(UTC).replace(microsecond=0))
    world.close()
    home = str(world.home)
    dry = bwc("--home", home, "--lang", "en", "retention", "run", "--dry-run")
    assert dry.code == 0, dry
    (printed,) = [ln for ln in dry.stdout.splitlines() if ln.startswith("Printed destruction")]
    dry_pdf = Path(printed.removeprefix("Printed destruction list: ").removesuffix("."))
    assert dry_pdf.name.endswith("-dry.pdf") and dry_pdf.is_file()
    done = bwc("--home", home, "--lang", "en", "--json", "retention", "run")
    assert done.code == 0, done
    report = json.loads(done.stdout)
    assert [row["clip"] for row in report["eligible"]] == gone
    pdf = Path(report["pdf"])
    assert pdf.is_file() and str(pdf) in report["lists"] and pdf.suffix == ".pdf"
    assert all(world.contents[clip] in _pdf_text(pdf) for clip in gone)
    again = bwc("--home", home, "--lang", "en", "retention", "run")
    assert again.code == 0, again
    assert t("cli.retention_pdf_nothing_listed", "en") in again.stdout.splitlines()
