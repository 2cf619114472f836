"""The Archive and Staging ports on a real archive directory: what the local adapter promises.

Deletion only by rule (invariant 4, DESIGN §11, Art. 12(3)): `delete_by_rule` clears the seal
through the sealer and removes exactly one content, or removes nothing at all.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.seal import (
    CAP_LINUX_IMMUTABLE,
    HelperSealer,
    IoctlSealer,
    NoSealer,
    has_capability,
    is_immutable,
)
from appliance.adapters.staging import StagingArea
from appliance.ports import Archive, DeletedContent, Sealer, SealReport, Staging
from tests.accounts import unseal_tree


class RecordingSealer:
    """A sealer that notes what it was asked; unseal refuses when told to."""

    def __init__(self, refuse_unseal: bool = False) -> None:
        self.sealed: list[Path] = []
        self.unsealed: list[Path] = []
        self._refuse = refuse_unseal

    def seal(self, paths: Sequence[Path]) -> SealReport:
        self.sealed += paths
        return SealReport(sealed=len(paths))

    def unseal(self, path: Path) -> None:
        self.unsealed.append(path)
        if self._refuse:
            raise PermissionError(errno.EPERM, "the flag stays", str(path))


class NoteRuns:
    """Stands in for systemctl: notes each command and succeeds."""

    def __init__(self) -> None:
        self.argvs: list[list[str]] = []

    def __call__(self, argv: list[str]) -> tuple[int, str]:
        self.argvs.append(argv)
        return 0, ""


def archive_with(root: Path, sealer: Sealer) -> ArchiveFS:
    return ArchiveFS(root / "archive", root / "staging", sealer)


def put(archive: Archive, staging: Staging, content: bytes) -> str:
    """Ingest steps 1 to 4 through the port, as the ingest pass runs them."""
    job = staging.open_job(staging.new_token())
    try:
        part = job.new_part()
        fd, sha256, size = archive.stage(io.BytesIO(content), part, archive.new_buffer())
        try:
            archive.sync_part(fd)
        finally:
            os.close(fd)
        archive.promote(part, sha256)
        archive.discard(part)
        assert (size, archive.rehash(sha256)) == (len(content), sha256)
        return sha256
    finally:
        job.close()


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    unseal_tree(tmp_path)


def test_a_deletion_by_rule_removes_that_content_only_and_says_what_it_removed(home: Path) -> None:
    sealer = RecordingSealer()
    archive = archive_with(home, sealer)
    staging = StagingArea(home / "staging")
    kept = put(archive, staging, b"kept footage")
    gone = put(archive, staging, b"expired footage, handed over")

    deleted = archive.delete_by_rule(gone, "retention_expired")

    size = len(b"expired footage, handed over")
    assert deleted == DeletedContent(gone, size, "retention_expired")
    assert sealer.unsealed == [archive.path_for(gone)]
    assert not archive.path_for(gone).exists() and not archive.exists(gone)
    assert list(archive.contents()) == [kept] and archive.sizes() == {kept: 12}
    assert archive.rehash(kept) == kept


def test_a_deletion_the_sealer_cannot_unseal_removes_nothing(home: Path) -> None:
    sealer = RecordingSealer(refuse_unseal=True)
    archive = archive_with(home, sealer)
    sha256 = put(archive, StagingArea(home / "staging"), b"sealed footage")

    with pytest.raises(PermissionError):
        archive.delete_by_rule(sha256, "retention_expired")

    assert archive.exists(sha256) and archive.rehash(sha256) == sha256


@pytest.mark.parametrize("reason", ["", None])
def test_a_deletion_names_its_rule(home: Path, reason: str | None) -> None:
    archive = archive_with(home, RecordingSealer())
    sha256 = put(archive, StagingArea(home / "staging"), b"footage")
    with pytest.raises((ValueError, TypeError)):
        archive.delete_by_rule(sha256, reason)  # type: ignore[arg-type]
    assert archive.exists(sha256)


def test_a_deletion_of_what_is_not_there_is_file_not_found(home: Path) -> None:
    sealer = RecordingSealer()
    archive = archive_with(home, sealer)
    with pytest.raises(FileNotFoundError):
        archive.delete_by_rule(hashlib.sha256(b"never archived").hexdigest(), "retention_expired")
    with pytest.raises(ValueError):
        archive.delete_by_rule("../../etc/passwd", "retention_expired")
    assert sealer.unsealed == []


def _sealing_here(directory: Path) -> str:
    if os.geteuid() != 0 or not has_capability(CAP_LINUX_IMMUTABLE):
        return "needs root (CAP_LINUX_IMMUTABLE) to seal files"
    probe = directory / "probe"
    probe.write_bytes(b"")
    try:
        return "" if is_immutable(probe) is not None else "this file system has no flag"
    finally:
        probe.unlink()


def test_a_real_seal_is_cleared_by_the_deletion_and_kept_without_one(home: Path) -> None:
    """On a file system with FS_IMMUTABLE_FL: the ioctl sealer's unseal is what lets it go."""
    why = _sealing_here(home)
    if why:
        pytest.skip(why)
    sealed = archive_with(home, IoctlSealer())
    staging = StagingArea(home / "staging")
    first, second = put(sealed, staging, b"first"), put(sealed, staging, b"second")
    assert sealed.seal([first, second]) == SealReport(sealed=2)
    assert is_immutable(sealed.path_for(first)) is True

    # An archive whose sealer cannot clear the flag: the unlink fails, the file stays.
    unsealable = archive_with(home, NoSealer("sealing_off"))
    with pytest.raises(PermissionError):
        unsealable.delete_by_rule(first, "retention_expired")
    assert unsealable.rehash(first) == first

    # The dock's helper sealer asks bwc-seal@unseal-<sha256>, naming the content by its hash
    # (DESIGN §11); a helper that leaves the flag set fails the deletion, the file stays.
    asked = NoteRuns()
    helped = archive_with(home, HelperSealer(run=asked))
    with pytest.raises(PermissionError):
        helped.delete_by_rule(first, "retention_expired")
    assert asked.argvs == [["systemctl", "start", f"bwc-seal@unseal-{first}.service"]]
    assert helped.rehash(first) == first

    assert sealed.delete_by_rule(first, "retention_expired").size == len(b"first")
    assert not sealed.exists(first)
    assert is_immutable(sealed.path_for(second)) is True


def test_an_unsealed_file_needs_no_helper_to_be_deleted(home: Path) -> None:
    """A file the helper never sealed (no flag set) goes without asking anyone."""
    asked = NoteRuns()
    archive = archive_with(home, HelperSealer(run=asked))
    sha256 = put(archive, StagingArea(home / "staging"), b"never sealed")
    assert archive.delete_by_rule(sha256, "retention_expired").sha256 == sha256
    assert asked.argvs == [] and not archive.exists(sha256)


def test_seal_asks_the_sealer_for_the_contents_files(home: Path) -> None:
    sealer = RecordingSealer()
    archive = archive_with(home, sealer)
    sha256 = put(archive, StagingArea(home / "staging"), b"footage")
    assert archive.seal([sha256]) == SealReport(sealed=1)
    assert sealer.sealed == [archive.path_for(sha256)]


def test_contents_and_open_never_follow_a_link_in_a_contents_place(home: Path) -> None:
    archive = archive_with(home, RecordingSealer())
    real = put(archive, StagingArea(home / "staging"), b"real footage")
    outside = home / "outside"
    outside.write_bytes(b"not evidence")
    planted = hashlib.sha256(b"not evidence").hexdigest()
    link = archive.path_for(planted)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    (archive.path_for(real).parent / "notes.txt").write_bytes(b"stray")

    assert list(archive.contents()) == [real]
    assert archive.sizes() == {real: len(b"real footage")}
    with archive.open(real) as stream:
        assert stream.read() == b"real footage"
    with pytest.raises(OSError) as refused:
        archive.open(planted)
    assert refused.value.errno == errno.ELOOP
    with pytest.raises(FileNotFoundError):
        archive.size(planted)


def test_staging_knows_its_jobs(home: Path) -> None:
    staging = StagingArea(home / "staging")
    token = staging.new_token()
    assert not staging.has_job(token)
    job = staging.open_job(token)
    assert staging.has_job(token)
    # A live job's directory is never swept; a closed one is gone.
    assert staging.sweep_stale() == ([], 0)
    job.close()
    assert not staging.has_job(token)
    (home / "staging" / "elsewhere").mkdir()
    (home / "staging" / "linked").symlink_to(home / "staging" / "elsewhere")
    assert not staging.has_job("linked")
