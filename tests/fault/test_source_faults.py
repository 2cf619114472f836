"""The recorder fails with EIO at random offsets, as when it is unplugged (DESIGN §3.1, §4).

Trials: BWC_FAULT_TRIALS (default 200). Trial i cuts the card inside clip i % 3 (or exactly
at its end), so clips before the cut are committed and the rest must not be.
"""

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
CLIPS = 3


def cut_point(rng: random.Random, sizes: list[int], trial: int) -> int:
    """A byte offset inside clip trial % 3; now and then exactly at a clip's last byte."""
    index = trial % CLIPS
    before = sum(sizes[:index])
    if rng.random() < 0.2:
        return before + sizes[index]  # the unplug hits the read that would have said EOF
    return before + rng.randrange(sizes[index])


def test_unplug_at_random_offsets_promotes_and_deletes_nothing_unverified(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    home = services.settings.home
    db = home / "bwc.db"
    rng = random.Random(20261127)
    expected_archive = set(archive_files(home))
    expected_rows = {str(sha) for (sha,) in rows(db, "SELECT sha256 FROM clip")}
    committed_per_trial: list[int] = []
    for trial in range(TRIALS):
        root = tmp_path / f"rec{trial}"
        create_simulator(root, "DSJ-A002")
        names = [f"DCIM/100MEDIA/FILE{number:04d}.MP4" for number in range(1, CLIPS + 1)]
        for name in names:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(rng.randbytes(rng.randint(1, 300_000)))
        sizes = [(root / n).stat().st_size for n in names]
        hashes = [hash_file(root / n) for n in names]
        fail_after = cut_point(rng, sizes, trial)
        # Independent of the product: a clip is whole when its EOF read came before the cut.
        whole = [i for i in range(CLIPS) if sum(sizes[: i + 1]) < fail_after]
        driver = UnpluggedRecorder(create_simulator(root, "DSJ-A002"), fail_after)

        progress = services.offload.run(driver)

        assert driver.unplugged
        assert progress.state == "failed", progress
        assert (progress.clips_new, progress.clips_failed) == (len(whole), CLIPS - len(whole))
        assert progress.error == f"clips_failed: {CLIPS - len(whole)}", progress.error
        # Exactly the whole clips were promoted and committed; nothing else reached a final name.
        expected_archive |= {hashes[i] for i in whole}
        expected_rows |= {hashes[i] for i in whole}
        assert set(archive_files(home)) == expected_archive, trial
        assert {str(sha) for (sha,) in rows(db, "SELECT sha256 FROM clip")} == expected_rows
        # Nothing deleted from the recorder: a failed job never clears (DESIGN §4 step 7).
        assert driver.deleted == []
        assert all((root / n).exists() for n in names)
        assert_no_parts(home)
        committed_per_trial.append(len(whole))
    assert_no_half_written_file(home)
    assert_no_row_without_file(home)
    # The trials did what they claim: some failed in the first clip with nothing committed,
    # some after one and after two committed clips (a degenerate fake shows as all zeros).
    assert set(committed_per_trial) == set(range(min(TRIALS, CLIPS))), committed_per_trial
    assert rows(db, "SELECT count(*) FROM clip WHERE cleared_at IS NOT NULL") == [(0,)]
