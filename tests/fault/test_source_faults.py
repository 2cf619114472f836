"""The recorder fails with EIO at random offsets, as when it is unplugged (DESIGN §3.1, §4)."""

from __future__ import annotations

import os
import random
from pathlib import Path

from appliance.adapters.archive_fs import hash_file
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.fault.drivers import UnpluggedRecorder
from tests.fault.invariants import (
    archive_files,
    assert_no_half_written_file,
    assert_no_parts,
    assert_no_row_without_file,
    rows,
)

TRIALS = int(os.environ.get("BWC_FAULT_TRIALS", "200"))


def test_unplug_at_random_offsets_promotes_and_deletes_nothing_unverified(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    rng = random.Random(20261127)
    full_contents: set[str] = set()
    failed_jobs = 0
    for trial in range(TRIALS):
        root = tmp_path / f"rec{trial}"
        create_simulator(root, "DSJ-A002")
        names = []
        for number in range(1, 4):
            name = f"DCIM/100MEDIA/FILE{number:04d}.MP4"
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(rng.randbytes(rng.randint(1, 300_000)))
            full_contents.add(hash_file(root / name))
            names.append(name)
        total = sum((root / n).stat().st_size for n in names)
        driver = UnpluggedRecorder(create_simulator(root, "DSJ-A002"), rng.randrange(total))

        progress = services.offload.run(driver)

        assert driver.unplugged
        assert progress.state == "failed", progress
        failed_jobs += 1
        # Nothing promoted but whole, verified contents; nothing deleted from the recorder.
        assert set(archive_files(home)) <= full_contents
        assert driver.deleted == []
        assert all((root / n).exists() for n in names)
        assert_no_parts(home)
    assert_no_half_written_file(home)
    assert_no_row_without_file(home)
    assert failed_jobs == TRIALS
    assert rows(home / "bwc.db", "SELECT count(*) FROM clip WHERE cleared_at IS NOT NULL") == [(0,)]
