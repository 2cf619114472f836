"""Provides Ed25519 signing keys kept as files under home/keys (DESIGN §5)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class FileSigner:
    """One key pair: `<name>.key` (private, 0400) and `<name>.pub` (raw public key, base64)."""

    def __init__(self, keys_dir: Path, name: str) -> None:
        self._private_path = keys_dir / f"{name}.key"
        self._public_path = keys_dir / f"{name}.pub"
        self._private: Ed25519PrivateKey | None = None
        self._public: Ed25519PublicKey | None = None

    def create(self) -> bool:
        """Make the key pair if it does not exist yet; True when it was made now."""
        if self._private_path.exists():
            return False
        self._private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(self._private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        raw_public = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._public_path.write_text(base64.b64encode(raw_public).decode("ascii") + "\n")
        return True

    @property
    def public_path(self) -> Path:
        """Where the public key is exported for the audit office."""
        return self._public_path

    def _load_private(self) -> Ed25519PrivateKey:
        if self._private is None:
            loaded = serialization.load_pem_private_key(self._private_path.read_bytes(), None)
            if not isinstance(loaded, Ed25519PrivateKey):
                raise ValueError(f"{self._private_path} is not an Ed25519 key")
            self._private = loaded
        return self._private

    def _load_public(self) -> Ed25519PublicKey:
        if self._public is None:
            self._public = public_key_from_b64(self._public_path.read_text())
        return self._public

    def sign(self, message: bytes) -> bytes:
        """A detached signature over message."""
        return self._load_private().sign(message)

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when signature is this key's signature over message."""
        return verify_with(self._load_public(), message, signature)

    def public_key_b64(self) -> str:
        """The raw public key, base64."""
        return self._public_path.read_text().strip()


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """Load a raw base64 public key (as exported to the audit office)."""
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text.strip(), validate=True))


def verify_with(public: Ed25519PublicKey, message: bytes, signature: bytes) -> bool:
    """True when the signature is valid for message under public."""
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True
