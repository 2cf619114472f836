"""Provides the evidence disc's port: DiscWriter, the image it makes and its typed failure.

`appliance.ports` re-exports every name here. DESIGN §12: a disc is an ISO 9660 image with
Joliet and Rock Ridge (CJK names survive), burnt when a burner is given, and read back, every
file re-hashed from the medium, before success is reported (Art. 12(4)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from appliance.domain.discs import DiscReport

# Why a disc step failed; each is the catalogue key `disc.<reason>`.
DISC_REASONS = (
    "image_failed",
    "burn_failed",
    "medium_unreadable",
    "medium_missing",
    "source_unusable",
    "tool_missing",
)


class DiscError(Exception):
    """Making, burning or reading a disc failed, for one of DISC_REASONS.

    `detail` is the tool's own words, kept for the audit event and never shown to a person
    unescaped; the one line a person reads is the catalogue's `disc.<reason>`.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class DiscImage:
    """An ISO image written to disk: where, its volume id, size and the image's own sha256."""

    path: Path
    volume_id: str
    size: int
    sha256: str
    files: int


class DiscWriter(Protocol):
    """Makes an evidence disc's image, burns it and reads the medium back (DESIGN §12)."""

    def image(self, source_dir: Path, iso_path: Path, volume_id: str) -> DiscImage:
        """Write every file under source_dir into a new image at iso_path.

        ISO 9660 with Joliet and Rock Ridge; names are taken as they are (CJK, spaces,
        leading dashes). DiscError("source_unusable") for a link or special file in the
        tree, or a volume id that is not 1 to 32 of A-Z 0-9 _; iso_path must not exist.
        """
        ...

    def accepts(self, device: str) -> bool:
        """Whether device names a burner this writer can burn to (asked before any work)."""
        ...

    def blank_medium(self, burner: str) -> str | None:
        """What to burn the next disc to: the configured burner's device when one is there.

        `burner` is `[disc] burner` (the box's udev link); None when no burner is attached,
        so the kiosk says so before anything is sealed.
        """
        ...

    def burn(self, iso_path: Path, device: str) -> None:
        """Write the image to the medium in device and close it; DiscError("burn_failed")."""
        ...

    def read_back(self, medium: Path) -> dict[str, str]:
        """Every regular file on the medium (burnt disc or image), re-hashed: path → sha256.

        Paths are relative, "/"-separated, with the Rock Ridge names. DiscError
        ("medium_missing" or "medium_unreadable") when there is nothing to read.
        """
        ...


class FormError(Exception):
    """A form could not be rendered; `detail` is the renderer's own words (audit only)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class FormRenderer(Protocol):
    """Renders a printed form from its template and its values (DESIGN §9)."""

    def render(self, template: str, values: dict[str, object], at: datetime) -> bytes:
        """The PDF of template filled with values, dated at; FormError when it cannot be."""
        ...


class DiscReader(Protocol):
    """Verifies an evidence disc or its image in place, with no home (DESIGN §12)."""

    def verify(self, medium: Path, public_key_b64: str | None = None) -> DiscReport:
        """Prove the disc sound, or raise PackageFault naming the first thing wrong."""
        ...
