"""Provides Ed25519 signing keys kept as files under home/keys (DESIGN §5, §6).

`<name>.key` is 0400 and belongs to the service user; `<name>.pub` is 0440, so the kiosk (the
service group) verifies signed labels with the public half and never reads a private key.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class FileSigner:
    """One key pair: `<name>.key` (private, 0400) and `<name>.pub` (raw, base64, 0440)."""

    def __init__(self, keys_dir: Path, name: str) -> None:
        self._private_path = keys_dir / f"{name}.key"
        self._public_path = keys_dir / f"{name}.pub"
        self._private: Ed25519PrivateKey | None = None
        self._public: Ed25519PublicKey | None = None

    def can_sign(self) -> bool:
        """Whether this process can read the private key (the service user; an account
        without it, or a home whose key is gone, cannot sign)."""
        return os.access(self._private_path, os.R_OK)

    def create(self) -> bool:
        """Make the key pair if it does not exist yet; True when it was made now."""
        # Imported here: the serialization module costs every process's start-up.
        from cryptography.hazmat.primitives import serialization

        if self._private_path.exists():
            return False
        self._private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write_new(self._private_path, pem, 0o400)
        raw_public = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        _write_new(self._public_path, base64.b64encode(raw_public) + b"\n", 0o440)
        return True

    @property
    def public_path(self) -> Path:
        """Where the public key is exported for the audit office."""
        return self._public_path

    def _load_private(self) -> Ed25519PrivateKey:
        from cryptography.hazmat.primitives import serialization

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


class SigningKeyNotHere(PermissionError):
    """This process holds only the public half: the service signs (`bwc label`, checkpoints)."""


class PublicKeySigner:
    """The public half of a key pair only: it verifies and never signs (the kiosk, DESIGN §6).

    The kiosk user cannot read `*.key`; labels are printed and checkpoints signed by the
    service user's `bwc`, so nothing in the kiosk process ever needs the private key.
    """

    def __init__(self, keys_dir: Path, name: str) -> None:
        self._name = name
        self._public_path = keys_dir / f"{name}.pub"
        self._public: Ed25519PublicKey | None = None

    def can_sign(self) -> bool:
        """False: the kiosk verifies; the service signs (DESIGN §6)."""
        return False

    def sign(self, message: bytes) -> bytes:
        """Refused: this process has no private key."""
        raise SigningKeyNotHere(
            f"the {self._name} key signs only in the service (bwc); this process verifies"
        )

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when signature is this key's signature over message."""
        if self._public is None:
            self._public = public_key_from_b64(self._public_path.read_text())
        return verify_with(self._public, message, signature)

    def public_key_b64(self) -> str:
        """The raw public key, base64."""
        return self._public_path.read_text().strip()


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # The mode is set on the open descriptor: whatever the umask, never wider than asked.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
    finally:
        os.close(fd)


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


class Ed25519Verifier:
    """Verifies with a public key given as text, not the home's: the KeyVerifier port."""

    def is_public_key(self, public_key_b64: str) -> bool:
        """Whether the text is a raw Ed25519 public key, base64."""
        try:
            public_key_from_b64(public_key_b64)
        except ValueError:  # binascii.Error is one too
            return False
        return True

    def verify(self, public_key_b64: str, message: bytes, signature: bytes) -> bool:
        """True when signature is that key's over message; ValueError if the text is no key."""
        return verify_with(public_key_from_b64(public_key_b64), message, signature)
