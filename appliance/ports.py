"""Provides the ports: the protocols that adapters implement and services depend on."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Tells the time (always timezone-aware UTC)."""

    def now(self) -> datetime:
        """The current instant."""
        ...


class Signer(Protocol):
    """Signs and verifies with one Ed25519 key pair."""

    def sign(self, message: bytes) -> bytes:
        """A detached signature over message."""
        ...

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when signature is this key's signature over message."""
        ...

    def public_key_b64(self) -> str:
        """The raw public key, base64, for the audit office."""
        ...
