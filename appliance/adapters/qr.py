"""Provides QR label images (qrcode + Pillow)."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL.PngImagePlugin import PngInfo
from qrcode.constants import ERROR_CORRECT_M


def write_png(text: str, caption: str, out: Path) -> None:
    """Write a PNG of the QR code of text, with the caption in its metadata for the printer."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=6, border=4)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image()
    info = PngInfo()
    info.add_itxt("Title", caption)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out), format="PNG", pnginfo=info)
