"""Provides the sealed package's ports: writing one, and verifying one (DESIGN §10).

`appliance.ports` re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

from appliance.domain.packages import BagPlan, PackageReport, SignatureLine, VerifiedPackage


class ContentDiffers(OSError):
    """The archive gave bytes whose hash is not the clip's: nothing of it leaves the box."""


class PackageWriter(Protocol):
    """Writes a package aside and renames it into place only when complete."""

    def write(
        self,
        plan: BagPlan,
        final: Path,
        open_content: Callable[[str], BinaryIO],
        sign: Callable[[bytes], bytes],
        progress: Callable[[int], None] | None = None,
    ) -> str:
        """Build the package at final (new); the sha256 of its signature.txt (the receipt).

        progress, if given, hears the payload bytes written so far, as they grow.
        """
        ...


class PackageReader(Protocol):
    """Verifies a package with nothing but it and a public key."""

    def verify(self, root: Path, public_key_b64: str | None = None) -> PackageReport:
        """The report of a sound package; PackageFault naming the first thing wrong."""
        ...


class PackageContents(Protocol):
    """Verifies a package and hands over its contents: the bureau's ingest (issue 14)."""

    def signature(self, root: Path) -> tuple[SignatureLine, str]:
        """The signature line and the receipt (sha256 of signature.txt); PackageFault."""
        ...

    def read(self, root: Path, public_key_b64: str | None = None) -> VerifiedPackage:
        """verify, then the package's parsed contents; PackageFault naming what is wrong."""
        ...

    def open_payload(self, root: Path, relative: str) -> BinaryIO:
        """One payload file for reading, no link followed; PackageFault for a link."""
        ...
