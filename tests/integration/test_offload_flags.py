"""A recorder's time-coverage gap is flagged at offload and its basis logged (Art. 16(2)).

A length-cut recording continues in the next file right away; a next file that starts later
than that, with its numbering intact, means footage between them is missing.
"""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.footage import ClipFlag
from tests.footage import FIRST_CLIP_AT

# Three full 60 s segments: the second follows the first at once, the third starts 2 min late.
STARTS = (timedelta(0), timedelta(seconds=60), timedelta(seconds=240))


def _segment(target: Path, offset: timedelta) -> None:
    stamp = (FIRST_CLIP_AT + offset).strftime("%Y-%m-%dT%H:%M:%SZ")
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", "testsrc=size=32x24:rate=1:d=60",
         "-f", "lavfi", "-i", "sine=frequency=440:d=60",
         "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
         "-metadata", f"creation_time={stamp}", str(target)],
        check=True, timeout=120,
    )  # fmt: skip


def test_a_late_segment_is_flagged_gap_with_its_basis_in_the_log(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    clock.advance(8 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    card = tmp_path / "card"
    for number, offset in enumerate(STARTS, start=1):
        _segment(card / "DCIM" / "100MEDIA" / f"FILE{number:04d}.MP4", offset)
    driver = create_simulator(card, "DSJ-A001", "Hikvision", "DS-MH2311")
    connection = services.store.database.connection()  # type: ignore[no-untyped-call]
    (before,) = connection.execute("SELECT max(seq) FROM audit_event").fetchone()
    progress = services.offload.run(driver)
    assert progress.state == "done", progress.error
    flagged = {c.source_name: ClipFlag.GAP in c.flags for c in services.clips.listing()}
    assert flagged == {
        "DCIM/100MEDIA/FILE0001.MP4": False,
        "DCIM/100MEDIA/FILE0002.MP4": False,
        "DCIM/100MEDIA/FILE0003.MP4": True,
    }
    events = [
        (row[0], json.loads(row[1]))
        for row in connection.execute(
            "SELECT action, detail_json FROM audit_event WHERE seq > ? ORDER BY seq", (before,)
        )
    ]
    gaps = [detail for action, detail in events if action == "clip_flagged"]
    assert [(d["flag"], d["basis"], d["source"]) for d in gaps] == [
        ("gap", "time_coverage", "DCIM/100MEDIA/FILE0003.MP4")
    ]
