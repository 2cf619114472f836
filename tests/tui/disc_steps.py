"""Provides a case filed and the steps to the evidence disc screen that the Pilot tests, the
walk and the double press share (Art. 12(4))."""

from __future__ import annotations

import os
import random
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import Services
from tests.conftest import DEMO_PINS
from tests.release.homes import RECORDED
from tests.tui.export_steps import person
from tests.tui.helpers import settle, sign_in

CASE, OTHER = "ZF-0012", "ZF-0013"
PLACE = "人民路 12 号 [#b]"
RECORDED_BY = "王强"


def filed_cases(services: Services, card: Path) -> list[int]:
    """Three clips of random bytes: two filed under CASE, one under OTHER, by unit head 2001.

    One card per clip, offloaded in turn: clip numbers then follow the file names, so a
    snapshot shows the same numbers every run (one offload of three files numbers them in
    the order its workers finish).
    """
    rng = random.Random(3)
    stamp = RECORDED.timestamp()
    for number in range(3):
        root = card / f"card-{number}"
        folder = root / "DCIM" / "100MEDIA"
        folder.mkdir(parents=True)
        path = folder / f"FILE{number:04d}.MP4"
        path.write_bytes(rng.randbytes(50_000))
        os.utime(path, (stamp, stamp))
        services.offload.run(
            MassStorageDriver(root, fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
        )
    first, second, third = sorted(clip.id for clip in services.clips.listing())
    head = person(services, "2001")
    services.clips.file(head, [first, second], CASE)
    services.clips.file(head, [third], OTHER)
    return [first, second]


def prepare_disc(services: Services) -> list[int]:
    """The cases filed, from a card inside the home (thrown away with it)."""
    return filed_cases(services, services.settings.home / "disc-card")


async def open_disc(pilot: Pilot[None], badge: str = "2001", filled: bool = True) -> None:
    """A unit head signs in and opens the evidence disc; the place and who recorded typed."""
    await sign_in(pilot, badge, DEMO_PINS[badge])
    await pilot.click("#disc")
    await settle(pilot)
    if filled:
        pilot.app.screen.query_one("#disc-place", Input).value = PLACE
        pilot.app.screen.query_one("#disc-recorded-by", Input).value = RECORDED_BY
