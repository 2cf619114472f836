"""Provides the DiscWriter adapters: images and burns by xorriso, read back by pycdlib.

DESIGN §12. The image is ISO 9660 level 3 (files over 4 GiB) with Rock Ridge (the names as
they are, CJK and all) and Joliet (for Windows). No file name ever reaches an argument: the
whole tree is mapped by its directory, and every path we do pass is absolute, so none can
start with a dash; patterns are off, so no character in a path is special (DESIGN §3.5).

The read-back is the same code for a burnt disc and an image file: pycdlib reads the medium
as a block device or a file, so nothing is mounted (this kernel may have no iso9660 driver),
nothing is extracted to disk, and the reader is not the program that wrote the image: a fault
of one is not hidden by the same fault in the other.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from appliance.ports import DiscError, DiscImage

if TYPE_CHECKING:
    import pycdlib

XORRISO = "xorriso"
CHUNK = 1024 * 1024
# Long enough for a full BD-R on a slow burner; a hung drive still ends.
BURN_TIMEOUT_SECONDS = 4 * 3600
IMAGE_TIMEOUT_SECONDS = 3600
_VOLUME_ID = re.compile(r"[A-Z0-9_]{1,32}")
# A burner's device node; anything else (a path, an option) is refused before xorriso runs.
_BURNER = re.compile(r"/dev/(sr|scd|cdrom|dvd|cdrw|dvdrw)[0-9]{0,3}")
# Said before every command: stop at the first error, no pattern expansion, names in UTF-8
# whatever the locale of the service (a C locale would turn CJK names into underscores).
_COMMON = [
    "-abort_on", "FAILURE",
    "-return_with", "SORRY", "32",
    "-report_about", "SORRY",
    "-disk_pattern", "off",
    "-iso_rr_pattern", "off",
    "-local_charset", "UTF-8",
    "-charset", "UTF-8",
]  # fmt: skip


def _run(argv: list[str], timeout: int) -> tuple[int, str]:
    try:
        # A fixed program, an argv list, no shell (DESIGN §3.5).
        done = subprocess.run(  # noqa: S603
            argv,
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        raise DiscError("tool_missing", argv[0]) from exc
    except subprocess.TimeoutExpired as exc:
        return -1, f"timed out after {exc.timeout} s"
    return done.returncode, done.stderr.strip()[-400:]


def _count_files(source_dir: Path) -> int:
    """Regular files under source_dir; DiscError for anything that is not a file or folder."""
    files = 0
    for directory, names, file_names in os.walk(source_dir, followlinks=False):
        for name in [*names, *file_names]:
            mode = os.lstat(os.path.join(directory, name)).st_mode
            if stat.S_ISREG(mode):
                files += 1
            elif not stat.S_ISDIR(mode):
                # A link would put what it points at on the disc, or nothing a court can read.
                raise DiscError("source_unusable", "not a file or folder")
    return files


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class XorrisoDisc:
    """The DiscWriter of a box with a burner: xorriso makes and burns, pycdlib reads back."""

    def __init__(self, program: str = XORRISO) -> None:
        self._program = program

    def image(self, source_dir: Path, iso_path: Path, volume_id: str) -> DiscImage:
        """Map source_dir to the image's root; the image appears complete or not at all."""
        if not _VOLUME_ID.fullmatch(volume_id):
            raise DiscError("source_unusable", "volume id")
        source = source_dir.resolve()
        if not source.is_dir():
            raise DiscError("source_unusable", "no such folder")
        target = iso_path.resolve()
        if os.path.lexists(target):
            # xorriso would add a session to an image already there: never on evidence.
            raise DiscError("image_failed", "the image exists")
        files = _count_files(source)
        part = target.with_name(f".{target.name}.part")
        part.unlink(missing_ok=True)
        argv = [
            self._program, *_COMMON,
            "-outdev", f"stdio:{part}",
            "-volid", volume_id,
            "-rockridge", "on",
            "-joliet", "on",
            "-compliance", "iso_9660_level=3",
            "-file_size_limit", "off", "--",
            "-map", str(source), "/",
            "-commit",
        ]  # fmt: skip
        code, said = _run(argv, IMAGE_TIMEOUT_SECONDS)
        if code != 0 or not part.is_file():
            part.unlink(missing_ok=True)
            raise DiscError("image_failed", said)
        with open(part, "rb") as written:
            os.fsync(written.fileno())
        os.rename(part, target)
        return DiscImage(target, volume_id, target.stat().st_size, _sha256_file(target), files)

    def accepts(self, device: str) -> bool:
        """A burner's device node (/dev/sr0 ...); never a path or an option."""
        return _BURNER.fullmatch(device) is not None

    def blank_medium(self, burner: str) -> str | None:
        """The device node the burner's link names (/dev/bwc-burner → /dev/sr0), if present."""
        node = os.path.realpath(burner)
        if not self.accepts(node) or not os.path.exists(node):
            return None
        return node

    def burn(self, iso_path: Path, device: str) -> None:
        """Write the image as it is (cdrecord emulation), blanking a rewritable medium first.

        The disc stays in the drive: the read-back comes next, before anything is reported.
        """
        if not _BURNER.fullmatch(device):
            raise DiscError("burn_failed", "not a burner")
        image = iso_path.resolve()
        if not image.is_file():
            raise DiscError("medium_missing", "no image")
        argv = [
            self._program, "-as", "cdrecord", "-v", f"dev={device}",
            "blank=as_needed", "--", str(image),
        ]  # fmt: skip
        code, said = _run(argv, BURN_TIMEOUT_SECONDS)
        if code != 0:
            raise DiscError("burn_failed", said)

    def read_back(self, medium: Path) -> dict[str, str]:
        """Every file on the medium, by its Rock Ridge path, hashed as read from the medium."""
        # Only here: pycdlib takes about a second to load, and every `bwc` builds this writer.
        import pycdlib
        from pycdlib.pycdlibexception import PyCdlibException

        if not os.path.lexists(medium):
            raise DiscError("medium_missing")
        iso = pycdlib.PyCdlib()
        try:
            iso.open(str(medium))
        except (OSError, PyCdlibException) as exc:
            raise DiscError("medium_unreadable", type(exc).__name__) from exc
        try:
            if not iso.has_rock_ridge():
                raise DiscError("medium_unreadable", "no Rock Ridge names")
            return _hash_tree(iso)
        except (OSError, PyCdlibException) as exc:
            raise DiscError("medium_unreadable", type(exc).__name__) from exc
        finally:
            iso.close()


def _hash_tree(iso: pycdlib.PyCdlib) -> dict[str, str]:
    """Walk the ISO 9660 tree, naming each entry by its Rock Ridge name.

    The ISO 9660 side is walked, not the Rock Ridge one: pycdlib finds a Rock Ridge path at
    the last extent of a file over 4 GiB (ISO 9660 level 3), but reads the whole file when
    it is found by its ISO 9660 name, which is unique in its folder.
    """
    hashes: dict[str, str] = {}
    pending = [("", "")]
    while pending:
        iso_dir, rr_dir = pending.pop()
        for child in iso.list_children(iso_path=iso_dir or "/"):
            if child.is_dot() or child.is_dotdot():
                continue
            if child.rock_ridge is None:
                raise DiscError("medium_unreadable", "an entry without its Rock Ridge name")
            name = child.rock_ridge.name().decode("utf-8", "surrogateescape")
            iso_path = f"{iso_dir}/{child.file_identifier().decode('ascii')}"
            relative = f"{rr_dir}/{name}".lstrip("/")
            if child.is_dir():
                pending.append((iso_path, relative))
            elif child.is_file() and not child.rock_ridge.is_symlink():
                hashes[relative] = _hash_record(iso, iso_path)
            else:
                # A disc we made holds files and folders only; anything else is not ours.
                raise DiscError("medium_unreadable", "not a file or folder")
    return dict(sorted(hashes.items()))


class _HashingSink:
    """A file object that hashes what is written to it and keeps nothing."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return len(data)


def _hash_record(iso: pycdlib.PyCdlib, iso_path: str) -> str:
    sink = _HashingSink()
    # Every extent in turn, CHUNK bytes at a time; nothing is kept but the digest.
    iso.get_file_from_iso_fp(sink, iso_path=iso_path, blocksize=CHUNK)  # type: ignore[arg-type]
    return sink.digest.hexdigest()


class SimulatedBurner(XorrisoDisc):
    """A burner that writes to a file: the medium is a copy of the image (demo, tests).

    The read-back is XorrisoDisc's own, so what the simulator proves of a medium is what a
    real disc is held to. Given a folder of media, it always holds a blank one: a new file
    there (the demo's burner); without one, no burner is attached.
    """

    def __init__(self, media: Path | None = None, program: str = XORRISO) -> None:
        super().__init__(program)
        self._media = media

    def blank_medium(self, burner: str) -> str | None:
        """A new file in the folder of media, whatever `burner` names; None without one."""
        if self._media is None:
            return None
        self._media.mkdir(mode=0o750, parents=True, exist_ok=True)
        return str(self._media / f"disc-{uuid.uuid4().hex[:12]}.iso")

    def accepts(self, device: str) -> bool:
        """A blank medium is a file not there yet, in a folder that is."""
        medium = Path(device)
        return not os.path.lexists(medium) and medium.parent.is_dir()

    def burn(self, iso_path: Path, device: str) -> None:
        """Copy the image to the file named device, which must not exist (a blank medium)."""
        image = iso_path.resolve()
        if not image.is_file():
            raise DiscError("medium_missing", "no image")
        medium = Path(device)
        try:
            with open(image, "rb") as source, open(medium, "xb") as target:
                shutil.copyfileobj(source, target, CHUNK)
                target.flush()
                os.fsync(target.fileno())
        except OSError as exc:
            raise DiscError("burn_failed", type(exc).__name__) from exc
