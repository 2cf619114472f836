"""The clips' pictures (issue 9 item 7): drawn after the offload, beside the archive, never in it.

A picture is a display cache: a clip ffmpeg cannot draw is archived and committed as any other
and simply has no picture (DESIGN §3.5); a decoder that hangs is killed by the probe's timeout;
and the drawing runs after the job's verdict, so it never holds an offload up.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image

from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import SimulatorDriver, create_simulator
from appliance.adapters.thumbnails import FfmpegThumbnailer
from appliance.bootstrap import Services, open_services
from appliance.demo import DemoBadge
from appliance.domain.footage import MediaInfo

Demo = tuple[Services, dict[str, DemoBadge]]

GOOD = ("DCIM/FILE0001.MP4", "DCIM/FILE0002.MP4")
# Random bytes; an HLS playlist named like a clip (it must never be followed); a cut-off MP4.
HOSTILE = ("DCIM/FILE0003.MP4", "DCIM/FILE0004.MP4", "DCIM/FILE0005.MP4")


def _card(root: Path, clips: list[Path]) -> SimulatorDriver:
    driver = create_simulator(root, "DSJ-A001")
    for name, clip in zip(GOOD, clips, strict=False):
        shutil.copy(clip, root / name)
    (root / HOSTILE[0]).write_bytes(os.urandom(4096))
    (root / HOSTILE[1]).write_text("#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n")
    (root / HOSTILE[2]).write_bytes(clips[0].read_bytes()[:1500])
    return driver


def test_an_offload_draws_each_clip_beside_the_archive_and_a_bad_clip_gets_none(
    demo: Demo, generated_clips: dict[str, list[Path]], tmp_path: Path
) -> None:
    services, _ = demo
    driver = _card(tmp_path / "rec", generated_clips["audio"][:2])

    progress = services.offload.run(driver, clear=False)
    services.thumbnails.wait()

    assert progress.state == "done", progress.error
    assert progress.clips_new == 5 and progress.clips_failed == 0
    rows = {row.source_name: row for row in services.clips.listing()}
    settings = services.settings
    for name in GOOD:
        pictures = services.thumbnails.of_clip(rows[name])
        sha256 = rows[name].sha256
        assert [p.name for p in pictures] == [f"{sha256}-{n}.jpg" for n in (1, 2, 3)]
        for picture in pictures:
            assert picture.parent == settings.thumbnails_dir / sha256[:2]
            with Image.open(picture) as image:
                # 64x48 footage drawn 160 pixels wide keeps its 4:3 aspect.
                assert (image.format, image.size) == ("JPEG", (160, 120))
    for name in HOSTILE:
        assert rows[name].flags, name  # archived, flagged, and no picture
        assert services.thumbnails.of_clip(rows[name]) == (), name
    # Beside the archive, never in it: the archive holds exactly the clips' contents.
    assert set(services.offload.archive.contents()) == {row.sha256 for row in rows.values()}
    assert not any(
        path.suffix == ".jpg" for path in settings.archive_dir.rglob("*") if path.is_file()
    )
    # A display cache changes no state: no event names a picture.
    assert not [e for e in services.store.audit_log.recent(200) if "thumb" in e.action]


class _Blocked:
    """A Thumbnailer that draws nothing until the test lets it go."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.drawn: list[str] = []

    def make(self, sha256: str, source: Path, media: MediaInfo) -> list[Path]:
        self.started.set()
        assert self.release.wait(60)
        self.drawn.append(sha256)
        return []

    def pictures(self, sha256: str) -> list[Path]:
        return []


def test_the_verdict_never_waits_for_a_picture(
    demo: Demo, clock: SettableClock, generated_clips: dict[str, list[Path]], tmp_path: Path
) -> None:
    seeded, _ = demo
    blocked = _Blocked()
    services = open_services(seeded.settings, clock=clock, thumbnailer=blocked)
    driver = _card(tmp_path / "rec", generated_clips["audio"][:2])

    try:
        progress = services.offload.run(driver, clear=False)

        # The job is done and stored while the drawing is still held.
        assert progress.state == "done" and not blocked.release.is_set()
        stored = services.offload.progress(progress.id)
        assert stored is not None and stored.state == "done"
        assert blocked.started.wait(60)
    finally:
        blocked.release.set()
        services.close()
    # Only the two clips with pictures in them were offered, each once.
    rows = {row.source_name: row for row in seeded.clips.listing()}
    assert sorted(blocked.drawn) == sorted(rows[name].sha256 for name in GOOD)


_FAKE_FFMPEG = """#!{python}
import os
# The jail lets no byte reach a file (RLIMIT_FSIZE 0); a FIFO is no file, so the pid gets out.
try:
    with open({escape!r}, "wb") as out:
        out.write(b"escaped")
except OSError:
    pass
with open({pid_fifo!r}, "w") as out:
    out.write(str(os.getpid()))
if {mode!r} == "hang":
    never, _keep = os.pipe()
    os.read(never, 1)
# Half a picture, then a crash: nothing of it may become a file.
os.write(1, b"\\x80" * 160 * 60)
os.kill(os.getpid(), 11)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "X"


@pytest.mark.parametrize("mode", ["hang", "crash"])
def test_a_decoder_that_hangs_or_crashes_is_reaped_and_leaves_no_picture(
    generated_clips: dict[str, list[Path]], tmp_path: Path, mode: str
) -> None:
    pid_fifo, escape = tmp_path / "pid", tmp_path / "escape"
    os.mkfifo(pid_fifo)
    reader = os.open(pid_fifo, os.O_RDONLY | os.O_NONBLOCK)
    fake = tmp_path / "ffmpeg"
    fake.write_text(
        _FAKE_FFMPEG.format(
            python=sys.executable, pid_fifo=str(pid_fifo), escape=str(escape), mode=mode
        )
    )
    fake.chmod(0o755)
    root = tmp_path / "thumbnails"
    media = MediaInfo(
        readable=True, duration_seconds=1.0, container="mov,mp4", video_codec="h264",
        width=64, height=48,
    )  # fmt: skip
    # The injected timeout is the only wait, and only the hang waits it out; it leaves room for
    # two interpreters to start on a loaded machine (the jail, then the fake).
    timeout = 6.0 if mode == "hang" else 60.0
    thumbnailer = FfmpegThumbnailer(root, timeout_seconds=timeout, binary=str(fake))

    assert thumbnailer.make("ab" * 32, generated_clips["audio"][0], media) == []

    pid = int(os.read(reader, 32))
    os.close(reader)
    assert _gone(pid)
    assert not escape.exists() or escape.stat().st_size == 0
    assert thumbnailer.pictures("ab" * 32) == []
    assert not root.exists() or not any(root.rglob("*"))
