"""Provides what the disc tests do to an image: extract it, run its verify.py, flip a byte."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pycdlib


def extract(iso_path: Path, target: Path) -> Path:
    """Every file of the image written under target by its Rock Ridge name (pycdlib reads).

    The files come from the image itself, never from the kiosk's staging copy.
    """
    iso = pycdlib.PyCdlib()
    iso.open(str(iso_path))
    try:
        for directory, _folders, files in iso.walk(rr_path="/"):
            local = target / directory.lstrip("/")
            local.mkdir(parents=True, exist_ok=True)
            for name in files:
                rr_path = f"{directory.rstrip('/')}/{name}"
                iso.get_file_from_iso(str(local / name), rr_path=rr_path)
    finally:
        iso.close()
    return target


def run_verify_py(disc_root: Path) -> subprocess.CompletedProcess[str]:
    """The disc's own verify.py under a plain, isolated system python3 (`python3 -I`)."""
    return subprocess.run(
        ["/usr/bin/python3", "-I", str(disc_root / "verify.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=disc_root,
    )


def flip_byte_of(iso_path: Path, rr_path: str) -> int:
    """Flip one byte in the middle of a file's extent in the image; the offset flipped.

    The extent is found by pycdlib; the byte is changed in the image file itself, as a
    scratched or tampered copy of the disc would differ.
    """
    iso = pycdlib.PyCdlib()
    iso.open(str(iso_path))
    try:
        record = iso.get_record(rr_path=rr_path)
        offset = record.extent_location() * iso.logical_block_size + record.get_data_length() // 2
    finally:
        iso.close()
    with open(iso_path, "r+b") as image:
        image.seek(offset)
        byte = image.read(1)
        image.seek(offset)
        image.write(bytes([byte[0] ^ 0x01]))
    return offset
