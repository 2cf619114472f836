"""The DiscWriter port on real ISO images: xorriso writes, pycdlib reads back (DESIGN §12).

Art. 12(4): a disc is evidence only once every file has been re-hashed from the medium; a
changed byte on the medium must show in the read-back, and a medium that cannot be read is
one typed failure, never a traceback or an empty success.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.adapters.disc_reader import disc_index
from appliance.adapters.xorriso import SimulatedBurner, XorrisoDisc
from appliance.cli.failures import describe
from appliance.cli.output import EXIT_REFUSED
from appliance.domain.errors import Refused
from appliance.i18n import explain
from appliance.ports import DISC_REASONS, DiscError, DiscWriter

pytestmark = pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso is absent")

# Every awkward kind of name a package may carry: CJK, spaces, leading dashes, an option's
# own spelling, a newline, a long Joliet-breaking name.
NAMES = (
    "data/2026-12-01/1001 张伟/录像 一.MP4",
    "data/2026-12-01/1001 张伟/-rf",
    "data/2026-12-01/1001 张伟/--help",
    "data/2026-12-01/-map/-commit",
    "data/line\nbreak.txt",
    "metadata/clips.json",
    "README.txt",
    "data/" + "很长的文件名" * 12 + ".MP4",
)


def tree(root: Path, names: tuple[str, ...] = NAMES) -> dict[str, str]:
    """Write each name with content of its own; return the expected read-back."""
    expected = {}
    for index, name in enumerate(names):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = f"clip {index}: ".encode() + hashlib.sha256(name.encode()).digest() * 50
        path.write_bytes(content)
        expected[name] = hashlib.sha256(content).hexdigest()
    return expected


@pytest.fixture
def disc() -> DiscWriter:
    return XorrisoDisc()


def test_every_name_survives_the_image_and_every_file_reads_back(
    tmp_path: Path, disc: DiscWriter
) -> None:
    # The folders themselves have awkward names too: they reach xorriso's argv.
    work = tmp_path / "-map 工作 区"
    expected = tree(work / "package")
    iso = work / "-commit.iso"

    image = disc.image(work / "package", iso, "CASE_2026_001")

    assert image.path == iso.resolve() and image.volume_id == "CASE_2026_001"
    assert (image.size, image.files) == (iso.stat().st_size, len(NAMES))
    assert image.sha256 == hashlib.sha256(iso.read_bytes()).hexdigest()
    assert disc.read_back(iso) == dict(sorted(expected.items()))
    # Nothing but the image was left beside it.
    assert sorted(p.name for p in work.iterdir()) == ["-commit.iso", "package"]


def test_the_simulated_burn_is_read_back_by_the_same_code(tmp_path: Path) -> None:
    burner = SimulatedBurner()
    expected = tree(tmp_path / "package")
    image = burner.image(tmp_path / "package", tmp_path / "case.iso", "CASE1")
    medium = tmp_path / "sr0"

    burner.burn(image.path, str(medium))

    assert hashlib.sha256(medium.read_bytes()).hexdigest() == image.sha256
    assert burner.read_back(medium) == dict(sorted(expected.items()))
    # A medium already written is no blank disc: nothing is burnt over it.
    with pytest.raises(DiscError) as refused:
        burner.burn(image.path, str(medium))
    assert refused.value.reason == "burn_failed"
    assert hashlib.sha256(medium.read_bytes()).hexdigest() == image.sha256


def test_a_changed_byte_on_the_medium_shows_in_that_files_hash(
    tmp_path: Path, disc: DiscWriter
) -> None:
    expected = tree(tmp_path / "package")
    image = disc.image(tmp_path / "package", tmp_path / "case.iso", "CASE1")
    medium = tmp_path / "scratched.iso"
    shutil.copyfile(image.path, medium)
    target = "data/2026-12-01/1001 张伟/录像 一.MP4"
    content = (tmp_path / "package" / target).read_bytes()
    raw = bytearray(medium.read_bytes())
    offset = raw.find(content)
    assert offset > 0 and raw.find(content, offset + 1) == -1
    raw[offset + len(content) // 2] ^= 0x01
    medium.write_bytes(bytes(raw))

    read = disc.read_back(medium)

    assert read.keys() == expected.keys()
    assert [name for name in read if read[name] != expected[name]] == [target]


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        ("absent", "medium_missing"),
        ("empty", "medium_unreadable"),
        ("truncated", "medium_unreadable"),
        ("garbage", "medium_unreadable"),
        ("folder", "medium_unreadable"),
        ("dangling_link", "medium_unreadable"),
    ],
)
def test_a_medium_that_cannot_be_read_is_one_typed_failure(
    tmp_path: Path, disc: DiscWriter, spoil: str, reason: str
) -> None:
    tree(tmp_path / "package")
    image = disc.image(tmp_path / "package", tmp_path / "case.iso", "CASE1")
    medium = tmp_path / "medium"
    if spoil == "empty":
        medium.write_bytes(b"")
    elif spoil == "truncated":
        medium.write_bytes(image.path.read_bytes()[: 17 * 2048])
    elif spoil == "garbage":
        medium.write_bytes(os.urandom(64 * 2048))
    elif spoil == "folder":
        medium.mkdir()
    elif spoil == "dangling_link":
        medium.symlink_to(tmp_path / "nowhere")

    with pytest.raises(DiscError) as failed:
        disc.read_back(medium)

    assert failed.value.reason == reason
    assert "\n" not in failed.value.detail


def test_a_tree_with_a_link_makes_no_image(tmp_path: Path, disc: DiscWriter) -> None:
    tree(tmp_path / "package")
    (tmp_path / "secret").write_bytes(b"the box's key")
    (tmp_path / "package" / "data" / "key.MP4").symlink_to(tmp_path / "secret")
    with pytest.raises(DiscError) as refused:
        disc.image(tmp_path / "package", tmp_path / "case.iso", "CASE1")
    assert refused.value.reason == "source_unusable"
    assert not (tmp_path / "case.iso").exists()


@pytest.mark.parametrize("volume_id", ["", "case1", "-rf", "A" * 33, "CASE 1", "案件"])
def test_a_volume_id_outside_iso_9660s_letters_is_refused(
    tmp_path: Path, disc: DiscWriter, volume_id: str
) -> None:
    tree(tmp_path / "package")
    with pytest.raises(DiscError) as refused:
        disc.image(tmp_path / "package", tmp_path / "case.iso", volume_id)
    assert refused.value.reason == "source_unusable"
    assert not (tmp_path / "case.iso").exists()


def test_an_image_is_never_written_over_an_existing_one(tmp_path: Path, disc: DiscWriter) -> None:
    """xorriso would add a session to an image there: the old one is kept as it was."""
    tree(tmp_path / "package")
    existing = tmp_path / "case.iso"
    existing.write_bytes(b"an earlier disc")
    with pytest.raises(DiscError) as refused:
        disc.image(tmp_path / "package", existing, "CASE1")
    assert refused.value.reason == "image_failed"
    assert existing.read_bytes() == b"an earlier disc"


@pytest.mark.parametrize("device", ["-rf", "--help", "/tmp/sr0", "/dev/sda", "/dev/sr0 -v", ""])
def test_a_device_that_is_no_burner_is_refused_before_xorriso_runs(
    tmp_path: Path, device: str
) -> None:
    tree(tmp_path / "package")
    image = XorrisoDisc().image(tmp_path / "package", tmp_path / "case.iso", "CASE1")
    # A program that is not there: had it been started, the failure would be tool_missing.
    with pytest.raises(DiscError) as refused:
        XorrisoDisc(program=str(tmp_path / "no-xorriso")).burn(image.path, device)
    assert (refused.value.reason, refused.value.detail) == ("burn_failed", "not a burner")


def test_without_xorriso_the_failure_says_so(tmp_path: Path) -> None:
    tree(tmp_path / "package")
    with pytest.raises(DiscError) as missing:
        XorrisoDisc(program=str(tmp_path / "no-xorriso")).image(
            tmp_path / "package", tmp_path / "case.iso", "CASE1"
        )
    assert missing.value.reason == "tool_missing"
    assert not (tmp_path / "case.iso").exists()


@pytest.mark.parametrize("reason", DISC_REASONS)
def test_every_disc_failure_is_one_line_in_both_languages(reason: str) -> None:
    refusal, code = describe(DiscError(reason, "xorriso : FAILURE : \x1b[31mboom\nsecond"), None)
    assert isinstance(refusal, Refused) and code == EXIT_REFUSED
    assert (refusal.reason, refusal.params) == (f"disc.{reason}", {})
    for language in ("en", "zh_CN"):
        line = explain(refusal, language)
        assert line != f"disc.{reason}" and "\n" not in line and "boom" not in line


def test_choosing_the_disc_writer_does_not_load_the_reader() -> None:
    """Every `bwc` that opens a home builds the writer; pycdlib loads only for a read-back."""
    script = (
        "import sys\n"
        "from appliance.adapters.xorriso import XorrisoDisc\n"
        "XorrisoDisc()\n"
        "print('pycdlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("BWC_LARGE_DISC", "0") != "1",
    reason="writes a 4 GiB image (about 80 s): BWC_LARGE_DISC=1 runs it (make test's budget)",
)
def test_a_clip_over_4_gib_is_read_back_whole(tmp_path: Path, disc: DiscWriter) -> None:
    """Long recordings pass 4 GiB: ISO 9660 level 3 splits them into extents, and the
    read-back must hash every extent, not stop at the first (nor read only the last)."""
    package = tmp_path / "package"
    package.mkdir()
    clip = package / "long.MP4"
    size = 4 * 1024**3 + 517
    with open(clip, "wb") as sparse:
        sparse.write(b"head")
        sparse.truncate(size - 4)
        sparse.seek(size - 4)
        sparse.write(b"tail")
    expected = hashlib.sha256()
    with open(clip, "rb") as source:
        while chunk := source.read(1 << 24):
            expected.update(chunk)
    try:
        image = disc.image(package, tmp_path / "long.iso", "LONG")
        assert image.size > size
        assert disc.read_back(image.path) == {"long.MP4": expected.hexdigest()}
        # `bwc disc verify` indexes the medium its own way: every extent, counted once.
        indexed = disc_index(image.path)
        assert indexed == {"long.MP4": (size, expected.hexdigest())}
    finally:
        (tmp_path / "long.iso").unlink(missing_ok=True)
