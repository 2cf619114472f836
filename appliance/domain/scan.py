"""Provides the reading of scanner input: an RFID number or a signed QR label, nothing else.

Scanner input is untrusted (DESIGN §3.5): anything with control characters, escape sequences,
non-ASCII text or an over-long length is an invalid code, never an action.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from appliance.domain.errors import BadInput

MAX_SCAN_LENGTH = 256
QR_PREFIX = "BWC1"

_RFID = re.compile(r"[0-9A-Fa-f]{4,32}")
BADGE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")
SERIAL_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
UNIT_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_SIG = re.compile(r"[A-Za-z0-9_-]{86}")


class CodeKind(StrEnum):
    """What a scanned code names."""

    BADGE = "B"
    DEVICE = "D"


@dataclass(frozen=True)
class ScanCode:
    """A scanned code that passed every check: what it names and whether it was a signed label."""

    kind: CodeKind
    value: str
    signed: bool


def label_payload(kind: CodeKind, unit_code: str, value: str) -> str:
    """The part of a QR label that the unit key signs."""
    return f"{QR_PREFIX}.{kind.value}.{unit_code}.{value}"


def label_text(payload: str, signature: bytes) -> str:
    """The full QR text: payload plus URL-safe base64 signature without padding."""
    return f"{payload}.{base64.urlsafe_b64encode(signature).decode('ascii').rstrip('=')}"


def parse_scan(
    raw: str,
    unit_code: str,
    verify: Callable[[bytes, bytes], bool],
    expect: CodeKind | None = None,
) -> ScanCode:
    """Turn one line of scanner input into a ScanCode or raise BadInput('invalid_code').

    `verify(message, signature)` checks a label signature with the unit's public key.
    A plain RFID number is a badge; a device must carry a signed label or be typed as a serial.
    """
    text = raw.strip("\r\n ")
    if not text or len(text) > MAX_SCAN_LENGTH or not text.isascii() or not text.isprintable():
        raise BadInput("invalid_code")
    if text.startswith(QR_PREFIX + "."):
        return _parse_label(text, unit_code, verify, expect)
    if expect is CodeKind.DEVICE:
        if SERIAL_PATTERN.fullmatch(text):
            return ScanCode(CodeKind.DEVICE, text, signed=False)
        raise BadInput("invalid_code")
    if _RFID.fullmatch(text) or BADGE_PATTERN.fullmatch(text):
        return ScanCode(CodeKind.BADGE, text, signed=False)
    raise BadInput("invalid_code")


def _parse_label(
    text: str, unit_code: str, verify: Callable[[bytes, bytes], bool], expect: CodeKind | None
) -> ScanCode:
    parts = text.split(".")
    # The serial may hold dots, so the value is everything between the unit and the signature.
    if len(parts) < 5:
        raise BadInput("invalid_code")
    kind_text, label_unit, sig_text = parts[1], parts[2], parts[-1]
    value = ".".join(parts[3:-1])
    if kind_text not in ("B", "D") or not _SIG.fullmatch(sig_text):
        raise BadInput("invalid_code")
    kind = CodeKind(kind_text)
    pattern = BADGE_PATTERN if kind is CodeKind.BADGE else SERIAL_PATTERN
    if not UNIT_PATTERN.fullmatch(label_unit) or not pattern.fullmatch(value):
        raise BadInput("invalid_code")
    if expect is not None and kind is not expect:
        raise BadInput("invalid_code")
    try:
        signature = base64.urlsafe_b64decode(sig_text + "==")
    except (binascii.Error, ValueError):
        raise BadInput("invalid_code") from None
    payload = label_payload(kind, label_unit, value)
    if label_unit != unit_code:
        raise BadInput("label_other_unit", unit=label_unit)
    if not verify(payload.encode("ascii"), signature):
        raise BadInput("forged_code")
    return ScanCode(kind, value, signed=True)
