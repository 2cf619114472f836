"""A whole demo shift: sign out, film, return, dock, offload, attribute (Art. 8, 10, 12(1))."""

from __future__ import annotations

import threading

from appliance.adapters.clock import SettableClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.bootstrap import Services, build_dock
from appliance.demo import DemoBadge, demo_hands
from appliance.domain.checks import CheckItem


def test_a_shift_is_offloaded_and_filed_to_the_officer(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    hands = demo_hands(services)
    dock = build_dock(services)
    watcher = FolderWatcher(hands.dock_dir)
    stop = threading.Event()
    stop.set()
    dock.serve(watcher, stop)
    dock.settle()  # every docked recorder has reported its readings (Art. 4)
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    session = services.custody.sign_out(officer, "DSJ-A001", {CheckItem.LENS_MICROPHONE})
    hands.take("DSJ-A001")
    removed = watcher.wait(0)
    assert removed is not None and removed.action == "remove"
    assert dock.submit(removed) is None
    clock.advance(2 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    hands.put_back("DSJ-A001", session.started_at)
    arrived = watcher.wait(0)
    assert arrived is not None and arrived.action == "add"
    future = dock.submit(arrived)
    assert future is not None
    outcome = future.result(timeout=120)
    dock.shutdown()
    assert outcome.progress is not None and outcome.progress.clips_new == 4
    mine = services.clips.listing(holder_badge="1001")
    assert len(mine) == 4
    # One clip was filmed without sound: Art. 2 wants audio and video together.
    assert sum("no_audio" in clip.flags for clip in mine) == 1
