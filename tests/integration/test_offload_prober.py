"""The warm prober's workers: a crash or a hang costs one clip its flag, never the job.

Issue 8 item 6 and DESIGN §4 step 5: a file the prober cannot read is still archived
byte-exact and flagged unreadable; the worker that died on it is reaped and replaced, and the
clips after it are archived and probed as if nothing happened. Art. 12(3): every clip's row and
event are in the record, the bad one's too.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
from pathlib import Path

import pytest

from appliance.adapters.archive_fs import hash_file
from appliance.adapters.clock import SettableClock
from appliance.adapters.media_worker import WorkerProbe
from appliance.adapters.simulator import SimulatorDriver, create_simulator
from appliance.bootstrap import Services, open_services
from appliance.demo import DemoBadge
from tests.probe_workers import command

GOOD = 5


def _card(root: Path, clips: list[Path]) -> tuple[SimulatorDriver, dict[str, str]]:
    """A recorder card, FILE0001.. in order; source name -> sha256."""
    folder = root / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    names = {}
    for number, clip in enumerate(clips, start=1):
        name = f"DCIM/100MEDIA/FILE{number:04d}.MP4"
        shutil.copy(clip, root / name)
        names[name] = hash_file(clip)
    return create_simulator(root, "DSJ-A001", "Hikvision", "DS-MH2311"), names


def _gone(pid: int) -> bool:
    """No process, not even a zombie waiting to be reaped, holds the pid."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("X",)


@pytest.mark.parametrize(("mode", "timeout", "why"), [
    ("crash", 30.0, "probe worker crashed (signal 11)"),
    # A good clip must never time out on a busy machine: only the hanging one waits it out.
    ("hang", 8.0, "probe timed out"),
])  # fmt: skip
def test_a_worker_that_dies_on_one_clip_costs_that_clip_its_flag_only(
    demo: tuple[Services, dict[str, DemoBadge]],
    clock: SettableClock,
    generated_clips: dict[str, list[Path]],
    tmp_path: Path,
    mode: str,
    timeout: float,
    why: str,
) -> None:
    seeded, _ = demo
    clips = generated_clips["audio"][: GOOD + 1]
    driver, names = _card(tmp_path / "rec", clips)
    bad_name = "DCIM/100MEDIA/FILE0002.MP4"
    prober = WorkerProbe(timeout, workers=1, command=command(mode, names[bad_name]))
    services = open_services(seeded.settings, clock=clock, probe=prober)
    prober.warm()
    (first,) = prober.pids()

    progress = services.offload.run(driver, clear=False)

    assert progress.state == "done", progress.error
    assert (progress.clips_new, progress.clips_failed) == (GOOD + 1, 0)
    rows = {row.source_name: row for row in services.clips.listing()}
    assert set(rows) == set(names)
    for name, sha256 in names.items():
        row = rows[name]
        assert row.sha256 == sha256
        assert hash_file(services.offload.archive.path_for(sha256)) == sha256
        if name == bad_name:
            assert {f.value for f in row.flags} == {"unreadable"}
            assert not row.media.readable and row.media.error == why
            assert row.media.video_codec == "" and row.media.duration_seconds is None
        else:
            assert row.flags == frozenset(), name
            assert row.media.readable and not row.media.damaged, row.media.error
            assert (row.media.video_codec, row.media.audio_codec) == ("h264", "aac")
            assert row.media.width == 64 and row.media.duration_seconds is not None
    archived = {
        e.object_id: json.loads(e.detail_json)
        for e in services.store.audit_log.recent(100)
        if e.action == "clip_archived"
    }
    assert archived[str(rows[bad_name].id)]["flags"] == ["unreadable"]
    assert {str(row.id) for row in rows.values()} <= set(archived)
    # The worker that died on the clip is reaped, and the next probe runs in a successor.
    # (Whether the successor already ran depends on which clip the one worker took last.)
    prober.warm()
    (second,) = prober.pids()
    assert second != first and _gone(first)
    services.close()
    assert prober.pids() == [] and _gone(second)


def test_a_worker_probes_many_clips_without_leaking_a_descriptor(
    generated_clips: dict[str, list[Path]],
) -> None:
    clips = generated_clips["audio"] + generated_clips["silent"]
    prober = WorkerProbe(30.0, workers=1)
    assert prober.probe(clips[0]).readable
    (pid,) = prober.pids()
    # What earlier tests in this process left for the collector (a connection, a pipe) is
    # closed now, not in the middle of the count; a descriptor the prober leaks stays open.
    gc.collect()
    ours = len(os.listdir("/proc/self/fd"))
    theirs = len(os.listdir(f"/proc/{pid}/fd"))

    # More clips than the worker's own limit of open files (probe_worker.MAX_OPEN_FILES).
    results = [prober.probe(clips[n % len(clips)]) for n in range(200)]

    assert all(r.readable and r.video_codec == "h264" for r in results)
    assert [r.has_audio for r in results[:3]] == [True, True, True]
    assert prober.pids() == [pid]
    # A leak would be one descriptor a probe, 200 here; the few more or fewer are the other
    # threads an earlier test in this process left (a pipe, a connection) coming and going.
    assert len(os.listdir("/proc/self/fd")) <= ours + 16
    assert len(os.listdir(f"/proc/{pid}/fd")) == theirs
    prober.close()
    assert prober.pids() == [] and _gone(pid)


def test_the_offload_workers_close_with_the_services(
    demo: tuple[Services, dict[str, DemoBadge]],
    clock: SettableClock,
    generated_clips: dict[str, list[Path]],
    tmp_path: Path,
) -> None:
    seeded, _ = demo
    driver, names = _card(tmp_path / "rec", generated_clips["silent"][:3])
    prober = WorkerProbe(30.0)
    services = open_services(seeded.settings, clock=clock, probe=prober)

    progress = services.offload.run(driver, clear=False)

    assert progress.state == "done" and progress.clips_new == len(names)
    rows = services.clips.listing()
    assert all(r.media.readable and {f.value for f in r.flags} == {"no_audio"} for r in rows)
    running = prober.pids()
    assert running
    services.close()
    assert prober.pids() == []
    assert all(_gone(pid) for pid in running)
