"""The record form 《同步录音录像摄录情况记录表》 (Art. 12(4)): every field, every sha256.

The form is read back as text with pypdf and drawn to PNG with pdftoppm into the test's own
directory (the path is printed), so a reviewer can look at a rendered page.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.bootstrap import open_services
from appliance.i18n import t
from appliance.services.discs import DiscOrder, MadeDisc
from tests.conftest import DEMO_PINS, START
from tests.discs.disc_files import extract
from tests.discs.homes import CASE, NAMES

# Untrusted text that typst would run as markup or code if it were ever spliced into the
# source: it must come out as the very same characters (DESIGN §3.5).
HOSTILE_PLACE = '#read("/etc/passwd") *bold* $x$ ] [ // 人民路'

FIELD_KEYS = (
    "form.officer",
    "form.recorded_by",
    "form.time",
    "form.place",
    "form.device",
    "form.format",
    "form.length",
    "form.sign_officer",
    "form.sign_leader",
    "form.seal",
    "form.image_sha256",
    "form.checkpoint_head",
)


def _flat(text: str) -> str:
    """Text without any white space: a table cell may wrap anywhere."""
    return "".join(text.split())


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _make(home: Path, out: Path, language: str) -> tuple[MadeDisc, list[str]]:
    services = open_services(
        config.load(home, home / "kiosk.toml"), clock=SettableClock(START + timedelta(days=2))
    )
    try:
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        order = DiscOrder(CASE, out, place=HOSTILE_PLACE, language=language)
        made = services.discs.create(head, order)
        hashes = [c.sha256 for c in services.clips.listing(case_number=CASE)]
    finally:
        services.close()
    return made, hashes


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.article("12(4)")
def test_the_form_holds_every_field_and_every_sha256(
    disc_home: Path, tmp_path: Path, language: str
) -> None:
    made, hashes = _make(disc_home, tmp_path, language)
    text = _pdf_text(made.form_path)
    flat = _flat(text)
    for key in (*FIELD_KEYS, "form.title"):
        assert _flat(t(key, language)) in flat, key
    # Filled from the custody session (who wore DSJ-A001), the recorder and the clips.
    for value in (
        "张伟 Zhang Wei (1001)",
        "Hikvision DS-MH2311 (DSJ-A001)",
        "MP4 (H264/AAC)",
        "2026-11-27 01:00:00",
        "0:00:01",
        CASE,
        HOSTILE_PLACE,
        *NAMES,
    ):
        assert _flat(value) in flat, value
    assert len(hashes) == len(NAMES)
    for sha256 in (*hashes, made.image_sha256, made.package_receipt):
        assert sha256 in text, sha256
    words = dict(w.split("=", 1) for w in made.checkpoint_line.split(" ")[1:])
    assert words["head"] in text and words["sig"] in text
    assert "root:" not in text  # the place's #read(...) stayed text
    png = _draw(made.form_path, tmp_path / f"record-form-{language}")
    print(f"record form page 1 ({language}): {png}")
    if language == "en":
        _the_copy_on_the_disc_points_to_the_paper_one(made, hashes, tmp_path)


def _the_copy_on_the_disc_points_to_the_paper_one(
    made: MadeDisc, hashes: list[str], tmp_path: Path
) -> None:
    """An image cannot hold its own checksum: the form on the disc says where it is."""
    disc = extract(made.image_path, tmp_path / "disc")
    on_disc = disc / made.form_path.name
    text = _pdf_text(on_disc)
    assert _flat(t("form.image_on_paper", "en")) in _flat(text)
    assert made.image_sha256 not in text
    assert all(sha256 in text for sha256 in hashes)
    assert on_disc.read_bytes() != made.form_path.read_bytes()


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
