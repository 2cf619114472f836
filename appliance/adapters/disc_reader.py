"""Provides `disc verify`: an evidence disc (image or medium) checked in place, with no home.

DESIGN §12: the disc holds one sealed package, `verify.py`, `README.txt` and the record form,
and nothing else. pycdlib reads the medium as a file or a block device: nothing is mounted or
extracted, and every file is re-hashed as read from the medium in one pass, then the package
is held to everything `package verify` checks (the manifests, the signature, the chain slice).
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.adapters.bag_reader import verify_tree
from appliance.domain.discs import FORM_SUFFIX, README_TXT, VERIFY_PY, DiscReport
from appliance.domain.packages import PackageFault

if TYPE_CHECKING:
    import pycdlib

_CHUNK = 1 << 20
_TAG_LIMIT = 256 << 20


@dataclass(frozen=True)
class _Entry:
    iso_path: str
    size: int
    sha256: str


class _Sink:
    """A file object that hashes and counts what is written to it and keeps nothing."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def _index(iso: pycdlib.PyCdlib) -> tuple[dict[str, _Entry], set[str]]:
    """Every file by its Rock Ridge path (hashed as read), and every folder.

    Walked on the ISO 9660 side, as XorrisoDisc.read_back does, so a file over 4 GiB is
    read whole from all its extents.
    """
    files: dict[str, _Entry] = {}
    folders: set[str] = set()
    pending = [("", "")]
    while pending:
        iso_dir, rr_dir = pending.pop()
        for child in iso.list_children(iso_path=iso_dir or "/"):
            if child.is_dot() or child.is_dotdot():
                continue
            if child.rock_ridge is None:
                raise PackageFault("disc.not_an_image")
            name = child.rock_ridge.name().decode("utf-8", "surrogateescape")
            iso_path = f"{iso_dir}/{child.file_identifier().decode('ascii')}"
            relative = f"{rr_dir}/{name}".lstrip("/")
            if child.is_dir():
                folders.add(relative)
                pending.append((iso_path, relative))
            elif child.is_file() and not child.rock_ridge.is_symlink():
                if relative in files:
                    continue  # the further extents of a file over 4 GiB
                sink = _Sink()
                iso.get_file_from_iso_fp(sink, iso_path=iso_path, blocksize=_CHUNK)  # type: ignore[arg-type]
                files[relative] = _Entry(iso_path, sink.size, sink.digest.hexdigest())
            else:
                raise PackageFault("package.link", path=relative)
    return files, folders


def disc_index(medium: Path) -> dict[str, tuple[int, str]]:
    """Every file of an image or medium as read: path -> (size, sha256) (for the tests)."""
    import pycdlib

    iso = pycdlib.PyCdlib()
    iso.open(str(medium))
    try:
        files, _ = _index(iso)
    finally:
        iso.close()
    return {path: (entry.size, entry.sha256) for path, entry in sorted(files.items())}


class IsoTree:
    """The package folder of a disc, as bag_reader's PackageTree."""

    def __init__(self, iso: pycdlib.PyCdlib, name: str, files: dict[str, _Entry]) -> None:
        self.name = name
        self._iso = iso
        prefix = f"{name}/"
        self._files = {
            path.removeprefix(prefix): entry
            for path, entry in files.items()
            if path.startswith(prefix)
        }

    def files(self) -> dict[str, int]:
        """Every file of the package with its size."""
        return {path: entry.size for path, entry in self._files.items()}

    def read(self, relative: str) -> bytes:
        """A tag file's bytes, read again from the medium."""
        entry = self._files.get(relative)
        if entry is None:
            raise PackageFault("package.missing_file", file=relative)
        if entry.size > _TAG_LIMIT:
            raise PackageFault("package.tag_too_large", file=relative)
        buffer = io.BytesIO()
        self._iso.get_file_from_iso_fp(buffer, iso_path=entry.iso_path)
        return buffer.getvalue()

    def sha256(self, relative: str) -> str:
        """A file's sha256 as it was read from the medium."""
        return self._files[relative].sha256


def _image_sha256(medium: Path) -> str | None:
    if not stat.S_ISREG(os.stat(medium).st_mode):
        return None
    digest = hashlib.sha256()
    with open(medium, "rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _layout(files: dict[str, _Entry], folders: set[str]) -> tuple[str, str]:
    """The package's folder and the form's name; a fault for anything else on the disc."""
    top_folders = sorted(f for f in folders if "/" not in f)
    if len(top_folders) != 1:
        raise PackageFault("disc.no_package")
    package = top_folders[0]
    forms = [p for p in files if "/" not in p and p.endswith(FORM_SUFFIX)]
    for required in (VERIFY_PY, README_TXT):
        if required not in files:
            raise PackageFault("package.missing_file", file=required)
    if len(forms) != 1:
        raise PackageFault("package.missing_file", file=f"{package}{FORM_SUFFIX}")
    known = {VERIFY_PY, README_TXT, forms[0]}
    for path in sorted(files):
        if "/" not in path and path not in known:
            raise PackageFault("package.extra_file", file=path)
    return package, forms[0]


def verify_disc(medium: Path, public_key_b64: str | None = None) -> DiscReport:
    """Prove the disc sound, or raise PackageFault naming the first thing wrong."""
    # Only here: pycdlib takes about a second to load.
    import pycdlib
    from pycdlib.pycdlibexception import PyCdlibException

    try:
        info = os.stat(medium)
    except OSError:
        raise PackageFault("disc.not_an_image", path=str(medium)) from None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISBLK(info.st_mode)):
        raise PackageFault("disc.not_an_image", path=str(medium))
    iso = pycdlib.PyCdlib()
    try:
        iso.open(str(medium))
    except (OSError, PyCdlibException):
        raise PackageFault("disc.not_an_image", path=str(medium)) from None
    try:
        if not iso.has_rock_ridge():
            raise PackageFault("disc.not_an_image", path=str(medium))
        files, folders = _index(iso)
        package, form = _layout(files, folders)
        report = verify_tree(IsoTree(iso, package, files), public_key_b64)
    except (OSError, PyCdlibException):
        raise PackageFault("disc.not_an_image", path=str(medium)) from None
    finally:
        iso.close()
    return DiscReport(report, form, _image_sha256(medium))


class DiscReader:
    """The evidence disc's verifier: needs no home (`bwc disc verify`, DESIGN §12)."""

    def verify(self, medium: Path, public_key_b64: str | None = None) -> DiscReport:
        """Prove the disc sound, or raise PackageFault naming the first thing wrong."""
        return verify_disc(medium, public_key_b64)
