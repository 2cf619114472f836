"""The Pilot returns a simulator recorder, watches its offload reach the summary, files by case.

Art. 8 and 12(1): the day's footage is stored and organised case by case; the dock service
runs beside the kiosk (here in a thread of the test, on the same home) as on the box.
"""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, ProgressBar, SelectionList

from appliance.adapters.clock import SettableClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.bootstrap import Services, build_dock
from appliance.demo import DemoBadge, demo_hands
from appliance.domain.checks import CheckItem
from appliance.domain.records import Actor
from appliance.i18n import t
from appliance.services.dock import DockService
from tests.mounts import FolderMounter, card_event, card_rule
from tests.tui.helpers import notice_text, scan, settle, shown
from tui.app import KioskApp, create_app
from tui.screens.dock import DockScreen
from tui.screens.filing import FilingScreen
from tui.screens.returns import ReturnScreen
from tui.text import clock_time


def on_patrol(
    services: Services, badges: dict[str, DemoBadge], serial: str
) -> tuple[DockService, FolderWatcher, Actor]:
    """Officer 1001 signs out a docked recorder (its readings taken) and lifts it out."""
    dock = build_dock(services)
    watcher = FolderWatcher(demo_hands(services).dock_dir)
    stop = threading.Event()
    stop.set()
    dock.serve(watcher, stop)
    dock.settle()  # every docked recorder has reported its readings (Art. 4)
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    services.custody.sign_out(officer, serial, {CheckItem.LENS_MICROPHONE})
    demo_hands(services).take(serial)
    taken_from_dock(dock, watcher)
    return dock, watcher, officer


def taken_from_dock(dock: DockService, watcher: FolderWatcher) -> None:
    """The dock service sees the recorder leave."""
    removed = watcher.wait(0)
    assert removed is not None and removed.action == "remove"
    assert dock.submit(removed) is None


async def offload_what_arrived(dock: DockService, watcher: FolderWatcher) -> None:
    """The dock service notices the recorder put back and offloads it to the end."""
    arrived = watcher.wait(0)
    assert arrived is not None and arrived.action == "add"
    future = dock.submit(arrived)
    assert future is not None
    await asyncio.to_thread(future.result, 120)


async def return_at_kiosk(app: KioskApp, pilot: object, badges: dict[str, DemoBadge]) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await scan(pilot, "1001")
    await scan(pilot, badges["1001"].pin)
    await pilot.click("#return")
    await settle(pilot)
    assert isinstance(app.screen, ReturnScreen)
    options = app.screen.query_one("#returnable", OptionList)
    options.focus()
    await pilot.press("down", "enter")
    await settle(pilot)


async def test_return_offload_summary_and_filing(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    services, badges = demo
    dock, watcher, _ = on_patrol(services, badges, "DSJ-A001")
    hands = demo_hands(services)
    clock.advance(3 * 3600)
    app = create_app(services, list(badges.values()), hands=hands)
    async with app.run_test(size=(80, 24)) as pilot:
        await return_at_kiosk(app, pilot, badges)
        assert isinstance(app.screen, DockScreen), notice_text(app)
        # The demo's hands filmed the shift and docked the recorder (a worker of the app).
        assert hands.docked("DSJ-A001")
        await offload_what_arrived(dock, watcher)
        app.screen.poll()
        await settle(pilot)
        bar = app.screen.query_one("#dock-bar", ProgressBar)
        # The bar ends full at the bytes of the four clips the shift made, not at 0 of 0.
        shift_bytes = sum(clip.size for clip in services.clips.listing())
        assert len(services.clips.listing()) == 4 and shift_bytes > 0
        assert (bar.total, bar.progress) == (shift_bytes, shift_bytes)
        assert shown(app, "#dock-summary").startswith("Archived 4 new, 0 already")
        assert "no audio (Art. 2) 1" in shown(app, "#dock-flags")

        await pilot.click("#file")
        await settle(pilot)
        assert isinstance(app.screen, FilingScreen)
        listing = app.screen.query_one("#unfiled", SelectionList)
        assert listing.option_count == 4
        for index in (0, 1):
            listing.select(listing.get_option_at_index(index).value)
        app.screen.query_one("#case", Input).value = "ZF-2026-0012"
        await pilot.click("#file")
        await settle(pilot)
        assert notice_text(app) == "Filed 2 clips under case ZF-2026-0012."
        assert listing.option_count == 2
    filed = services.clips.listing(case_number="ZF-2026-0012")
    assert len(filed) == 2 and all(clip.holder_badge == "1001" for clip in filed)
    dock.shutdown()
    # Art. 14: the unit head sees each recorder's offload state and what was flagged.
    head = create_app(services, list(badges.values()))
    async with head.run_test(size=(80, 24)) as pilot:
        await scan(pilot, "2001")
        await scan(pilot, badges["2001"].pin)
        await pilot.click("#unit")
        await settle(pilot)
        table = head.screen.query_one("#recorders", DataTable)
        assert str(table.get_cell("DSJ-A001", "offload")) == "done 4/4 · 1 flagged"
        # Docked with an empty card: its readings were taken, nothing was there to offload.
        assert str(table.get_cell("DSJ-B001", "offload")) == "no footage"


async def test_hostile_file_names_are_shown_literally(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock
) -> None:
    """DESIGN §3.5: a recorder's file names reach the screen escaped, never as escapes."""
    services, badges = demo
    dock, watcher, officer = on_patrol(services, badges, "DSJ-A002")
    hands = demo_hands(services)
    clock.advance(600)
    card = hands.field_dir / "DSJ-A002" / "DCIM"
    hostile = ["执法 记录 0001.MP4", "red\x1b[31mALERT.MP4", "bell\x07[x].MP4"]
    filmed_at = (clock.now() - timedelta(minutes=5)).timestamp()
    for name in hostile:
        (card / name).write_bytes(os.urandom(2048))
        # Unreadable files carry no recording time but their file time, within the shift.
        os.utime(card / name, (filmed_at, filmed_at))
    services.custody.return_recorder(officer, "DSJ-A002")
    (hands.field_dir / "DSJ-A002").rename(hands.dock_dir / "DSJ-A002")
    await offload_what_arrived(dock, watcher)
    dock.shutdown()
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(100, 30)) as pilot:
        await scan(pilot, "1001")
        await scan(pilot, badges["1001"].pin)
        app.push_screen(FilingScreen(officer, "1001"))
        await settle(pilot)
        listing = app.screen.query_one("#unfiled", SelectionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    text = "\n".join(prompts)
    assert "执法 记录 0001.MP4" in text
    assert "red\\x1b[31mALERT.MP4" in text and "\x1b" not in text
    assert "bell\\x07[x].MP4" in text and "\x07" not in text
    assert text.count("[unreadable, kept byte-exact]") == 3


async def test_an_unidentifiable_card_is_explained_instead_of_a_silent_wait(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    """A docked card with no identity file: the waiting officer reads why, in words."""
    services, badges = demo
    dock, _, _ = on_patrol(services, badges, "DSJ-A001")
    mounter = FolderMounter()
    card = tmp_path / "card"
    (card / "DCIM").mkdir(parents=True)
    (card / "DCIM" / "FILE0001.MP4").write_bytes(b"footage")
    mounter.cards["/dev/sdb1"] = card
    card_dock = build_dock(services, mounter=mounter, predicate=card_rule)
    clock.advance(3600)
    # Someone else's nameless card, two hours before this return: not this officer's.
    card_dock.arrived(card_event("/dev/sdb1", "OLDCARD00001"))
    clock.advance(2 * 3600)
    app = create_app(services, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await return_at_kiosk(app, pilot, badges)
        assert isinstance(app.screen, DockScreen), notice_text(app)
        app.screen.poll()
        await settle(pilot)
        assert "not offloaded" not in notice_text(app)

        docked = await asyncio.to_thread(card_dock.arrived, card_event("/dev/sdb1"))
        app.screen.poll()
        await settle(pilot)

        assert docked.progress is not None
        expected = t(
            "ui.dock.unidentified",
            "en",
            time=clock_time(docked.progress.started_at, services.settings),
            reason=t("offload_error.no_identity", "en"),
        )
        assert notice_text(app) == expected
        assert "no_identity" not in notice_text(app) and "{" not in expected
        # Still waiting for the recorder itself: a fixed card docked later is offloaded here.
        assert isinstance(app.screen, DockScreen) and app.screen.progress is None
    card_dock.shutdown()
    dock.shutdown()
