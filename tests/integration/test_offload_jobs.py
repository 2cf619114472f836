"""Offload jobs: several recorders at once, progress in the database, start-up reconciliation."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.lifecycle import JobState
from tests.footage import FootageSet, copy_card


def test_recorders_offload_in_parallel_with_progress_in_the_database(
    demo: tuple[Services, dict[str, DemoBadge]], footage_card: FootageSet, tmp_path: Path
) -> None:
    services, _ = demo
    serials = ["DSJ-A001", "DSJ-A002", "DSJ-B001"]
    jobs = []
    cleared_hooks: list[str] = []
    for serial in serials:
        copy_card(footage_card.root, tmp_path / serial)
        driver = create_simulator(tmp_path / serial, serial)
        job = services.offload.start(
            driver, serial, before_clear=functools.partial(cleared_hooks.append, serial)
        )
        # The row exists at once: a screen opened now shows the job.
        seen = services.offload.progress(job)
        assert seen is not None and seen.serial == serial
        jobs.append(job)
    finals = [services.offload.wait(job) for job in jobs]
    services.offload.shutdown()
    for final in finals:
        assert final.state is JobState.DONE, final.error
        assert final.bytes_done == final.bytes_total > 0
        assert final.clips_done == final.clips_total == len(footage_card.expected)
        assert final.clips_cleared == final.clips_total
        assert final.finished and final.seconds_left in (None, 0.0)
    assert sorted(cleared_hooks) == serials
    assert [p.serial for p in services.offload.by_recorder()] == serials
    # Rebuilt from the database alone, as the kiosk does after a restart.
    assert [p.state for p in services.store.jobs.recent(3)] == [JobState.DONE] * 3


def test_reconciliation_sweeps_quarantines_and_alarms(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    recorder = tmp_path / "rec"
    create_simulator(recorder, "DSJ-A001")
    (recorder / "DCIM" / "A.MP4").write_bytes(b"kept clip")
    (recorder / "DCIM" / "B.MP4").write_bytes(b"clip whose file will vanish")
    services.offload.run(create_simulator(recorder, "DSJ-A001"), clear=False)
    # A dead process's leftovers: a job still "running", its staging directory and part.
    dead = home / "staging" / "deadbeef"
    dead.mkdir()
    (dead / "lock").write_text("")
    (dead / "x.part").write_bytes(b"half")
    job = services.store.jobs.create("DSJ-A002", "deadbeef", services.ctx.clock.now())
    services.store.jobs.set_totals(job, 1, 1, services.ctx.clock.now())
    services.store.jobs.set_state(job, JobState.QUEUED, JobState.RUNNING, services.ctx.clock.now())
    # Content without a row (killed between link and commit), and a row without content.
    orphan = b"orphan content"
    orphan_sha = hashlib.sha256(orphan).hexdigest()
    orphan_path = services.offload.archive.path_for(orphan_sha)
    orphan_path.parent.mkdir(parents=True, exist_ok=True)
    orphan_path.write_bytes(orphan)
    vanished = hashlib.sha256(b"clip whose file will vanish").hexdigest()
    lost = services.offload.archive.path_for(vanished)
    os.chmod(lost, 0o644)
    lost.unlink()

    report = services.offload.reconcile()

    assert report.parts_removed == 1 and not dead.exists()
    assert report.jobs_interrupted == [job]
    interrupted = services.store.jobs.get(job)
    assert interrupted is not None and interrupted.state is JobState.INTERRUPTED
    assert interrupted.finished_at is not None
    assert report.quarantined == [orphan_sha]
    assert [q.sha256 for q in services.store.alarms.quarantined()] == [orphan_sha]
    assert orphan_path.read_bytes() == orphan  # kept for review, never deleted
    assert report.missing == [vanished]
    assert [a.severity for a in services.store.alarms.open_alarms("archive_missing")] == [
        "critical"
    ]
    actions = {e.action for e in services.store.audit_log.recent(20)}
    assert {"staging_swept", "offload_interrupt", "content_quarantined", "alarm_raised"} <= actions
    # A second start-up raises nothing new.
    again = services.offload.reconcile()
    assert again.quarantined == [] and again.jobs_interrupted == []
    assert len(services.store.alarms.open_alarms("archive_missing")) == 1
