"""Hostile media: a playlist or reference named .MP4 opens nothing but itself (DESIGN §3.5).

Every demuxer that can open a second file is tried twice under strace: plain ffprobe (as the
kiosk ran it before the format whitelist) must open the planted secret, which proves the trap
is live; the product's probe must open nothing but the file, and flag it unreadable.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.adapters.ffprobe import FfprobeProbe
from appliance.adapters.media_worker import WORKER_COMMAND, WorkerProbe
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.hostile_media import (
    KINDS,
    STRACE,
    build,
    opened_paths,
    trace_opens,
    tracing_ffprobe,
)

pytestmark = pytest.mark.skipif(STRACE is None, reason="strace is not installed (make setup)")

BWC = Path(sys.executable).parent / "bwc"


def plain_ffprobe(path: Path, kind: str) -> list[str]:
    """The probe command without a format whitelist; drefs on to show a reference movie works."""
    drefs = ["-enable_drefs", "1"] if kind == "mov_dref" else []
    return [
        "ffprobe", "-v", "error", "-protocol_whitelist", "file", *drefs,
        "-count_packets", "-show_format", "-show_streams", "-of", "json", f"file:{path}",
    ]  # fmt: skip


def plant(kind: str, folder: Path, secret_dir: Path, clip: bytes) -> tuple[Path, Path]:
    """The hostile FILE.MP4 in folder and the secret it points at: (hostile, secret)."""
    folder.mkdir(parents=True, exist_ok=True)
    secret_dir.mkdir(parents=True, exist_ok=True)
    absolute_secret = secret_dir / "secret.mp4"
    hostile = build(kind, absolute_secret, clip, "FILE")
    secret = folder / hostile.beside if hostile.beside else absolute_secret
    secret.write_bytes(clip)
    path = folder / "FILE.MP4"
    path.write_bytes(hostile.content)
    return path, secret


@pytest.mark.parametrize("kind", KINDS)
def test_reference_files_open_nothing_but_themselves(
    kind: str, tmp_path: Path, generated_clips: dict[str, list[Path]]
) -> None:
    clip = generated_clips["audio"][0].read_bytes()
    path, secret = plant(kind, tmp_path / "card", tmp_path / "elsewhere", clip)

    control, control_opens = trace_opens(plain_ffprobe(path, kind), tmp_path / "control.log")
    assert str(secret) in control_opens, f"the {kind} trap did not fire: {control.stderr!r}"

    log = tmp_path / "probe.log"
    result = FfprobeProbe(binary=str(tracing_ffprobe(tmp_path, log))).probe(path)

    opens = opened_paths(log)
    assert opens, "strace saw no open at all: the trace is not working"
    assert str(secret) not in opens
    assert not any(Path(p).name == secret.name for p in opens)
    assert {p for p in opens if p.startswith(str(tmp_path))} == {str(path)}
    assert result.readable is False and not result.has_audio
    expected = "no audio or video data" if kind == "mov_dref" else f"not a recorder format: {kind}"
    assert result.error == expected


def traced_worker(log: Path) -> WorkerProbe:
    """The kiosk's warm prober, its worker process run under strace."""
    assert STRACE is not None
    trace = [STRACE, "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", str(log)]
    return WorkerProbe(30.0, workers=1, command=[*trace, *WORKER_COMMAND])


# PyAV's own FFmpeg (8.1) refuses two kinds before the whitelist is asked: it no longer
# detects an HLS playlist not named .m3u8, and it is built without the DASH demuxer.
WORKER_ERRORS = {"hls": None, "dash": None, "mov_dref": "no audio or video data"}


@pytest.mark.parametrize("kind", KINDS)
def test_the_warm_prober_opens_nothing_but_the_reference_file(
    kind: str, tmp_path: Path, generated_clips: dict[str, list[Path]]
) -> None:
    clip = generated_clips["audio"][0].read_bytes()
    path, secret = plant(kind, tmp_path / "card", tmp_path / "elsewhere", clip)
    log = tmp_path / "probe.log"
    prober = traced_worker(log)

    result = prober.probe(path)
    prober.close()

    opens = opened_paths(log)
    assert any("probe_worker" in p for p in opens), "the trace is not working"
    assert str(secret) not in opens
    assert not any(Path(p).name == secret.name for p in opens)
    assert {p for p in opens if p.startswith(str(tmp_path))} == {str(path)}
    assert result.readable is False and not result.has_audio and result.error
    expected = WORKER_ERRORS.get(kind, f"not a recorder format: {kind}")
    if expected is not None:
        assert result.error == expected


@pytest.mark.parametrize(
    ("suffix", "encode", "container", "video", "audio"),
    [
        (".mp4", [], "mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac"),
        (".ts", ["-f", "mpegts"], "mpegts", "h264", "aac"),
        (".m2ts", ["-f", "mpegts", "-mpegts_m2ts_mode", "1"], "mpegts", "h264", "aac"),
        (".avi", ["-c:a", "mp3"], "avi", "h264", "mp3"),
        (".mkv", [], "matroska,webm", "h264", "aac"),
    ],
)
def test_genuine_clips_still_probe_with_sound_and_pictures(
    tmp_path: Path, suffix: str, encode: list[str], container: str, video: str, audio: str
) -> None:
    clip = tmp_path / f"clip{suffix}"
    subprocess.run(
        [
            "ffmpeg", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=1",
            "-f", "lavfi", "-i", "sine=frequency=440:d=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", *encode, str(clip),
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    log = tmp_path / "probe.log"
    warm_log = tmp_path / "worker.log"
    warm = traced_worker(warm_log)

    result = FfprobeProbe(binary=str(tracing_ffprobe(tmp_path, log))).probe(clip)
    warm_result = warm.probe(clip)
    warm.close()

    assert result.readable and not result.damaged, result.error
    assert (result.container, result.video_codec, result.audio_codec) == (container, video, audio)
    assert result.has_audio and result.width == 64 and result.height == 48
    assert {p for p in opened_paths(log) if p.startswith(str(tmp_path))} == {str(clip)}
    # The warm prober reads the same of it, and opens nothing else either.
    assert warm_result == result
    assert {p for p in opened_paths(warm_log) if p.startswith(str(tmp_path))} == {str(clip)}


def test_offload_archives_hostile_references_flagged_and_never_opens_the_secret(
    demo: tuple[Services, dict[str, DemoBadge]],
    tmp_path: Path,
    generated_clips: dict[str, list[Path]],
) -> None:
    """A real `bwc offload`, every process traced: the secret outside the card stays unread."""
    services, _ = demo
    clip = generated_clips["audio"][0].read_bytes()
    card = tmp_path / "card"
    folder = card / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    secret = tmp_path / "elsewhere" / "secret.mp4"
    secret.parent.mkdir()
    secret.write_bytes(generated_clips["audio"][1].read_bytes())
    for kind in KINDS:
        (folder / f"{kind}.MP4").write_bytes(build(kind, secret, clip, kind).content)
    shutil.copy(generated_clips["audio"][2], folder / "GOOD0001.MP4")
    home = services.settings.home

    done, opens = trace_opens(
        [str(BWC), "--home", str(home), "--json", "offload", "--device", "DSJ-A001",
         "--source", str(card), "--no-clear"],
        tmp_path / "offload.log",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["archived"] == len(KINDS) + 1
    assert str(secret) not in opens
    rows = {clip.source_name: clip for clip in services.clips.listing()}
    for kind in KINDS:
        row = rows[f"DCIM/100MEDIA/{kind}.MP4"]
        assert {flag.value for flag in row.flags} == {"unreadable"}, kind
        media = row.media
        assert media.duration_seconds is None and not media.has_audio and media.video_codec == ""
        assert not media.readable and media.error, kind
    good = rows["DCIM/100MEDIA/GOOD0001.MP4"]
    assert good.flags == frozenset() and good.media.has_audio and good.media.video_codec == "h264"
    archived = {
        e.object_id for e in services.store.audit_log.recent(50) if e.action == "clip_archived"
    }
    assert {str(row.id) for row in rows.values()} <= archived
    # The trap was live against the archived copy itself: plain ffprobe follows the playlist.
    hls = services.offload.archive.path_for(rows["DCIM/100MEDIA/hls.MP4"].sha256)
    _, control_opens = trace_opens(plain_ffprobe(hls, "hls"), tmp_path / "control.log")
    assert str(secret) in control_opens
