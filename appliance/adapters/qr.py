"""Provides QR label images (qrcode + Pillow)."""

from __future__ import annotations

import io
from pathlib import Path

from appliance.atomic_file import write_atomically


def write_png(text: str, caption: str, out: Path) -> None:
    """Write a PNG of the QR code of text, with the caption in its metadata for the printer.

    The folder must exist; a failure is BadInput naming the path.
    """
    # Imported here: qrcode and Pillow cost every `bwc` process ~40 ms, and only labels use them.
    import qrcode
    from PIL.PngImagePlugin import PngInfo
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=6, border=4)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image()
    info = PngInfo()
    info.add_itxt("Title", caption)
    encoded = io.BytesIO()
    image.save(encoded, format="PNG", pnginfo=info)
    # Atomic: a full disk never leaves half a label for the printer to take.
    write_atomically(out, encoded.getvalue())


class QrLabels:
    """QR label pictures as PNG files: the LabelImages port."""

    def write_png(self, text: str, caption: str, out: Path) -> None:
        """Write the QR code of text to out, the caption in its metadata (see write_png)."""
        write_png(text, caption, out)
