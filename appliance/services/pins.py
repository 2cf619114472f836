"""Provides PIN hashing with scrypt and the PIN format rule."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from appliance.domain.errors import BadInput

_PIN = re.compile(r"[0-9]{6,12}")
_N, _R, _P = 2**14, 8, 1


def check_format(pin: str) -> str:
    """Return the PIN if it is 6-12 digits, else raise BadInput('pin_format')."""
    if not _PIN.fullmatch(pin):
        raise BadInput("pin_format")
    return pin


def hash_pin(pin: str) -> str:
    """A salted scrypt hash, self-describing: scrypt$n$r$p$salt$digest."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(
        ["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)],
    )


def matches(pin: str, stored: str) -> bool:
    """True when pin hashes to stored (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or not pin.isascii():
            return False
        computed = hashlib.scrypt(
            pin.encode("ascii"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
