"""Provides a demo home with a case of real clips for the evidence disc tests (DESIGN §12).

Officer 1001 wears DSJ-A001 for a shift; its card holds four real ffmpeg clips under
awkward names (Chinese with a space, a leading dash, typst markup, a plain one), all filed
under CASE. A fifth clip, classified a state secret, is filed alone under SECRET_CASE; a
sixth, docked from a recorder nobody signed out, alone under NO_HOLDER_CASE.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services, open_services
from appliance.demo import make_home
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.confidentiality import Classification
from tests.conftest import DEMO_PINS, START
from tests.footage import tiny_clips

CASE = "教执罚〔2026〕42号"
NO_HOLDER_CASE = "ZF-2026-0100"
SECRET_CASE = "ZF-2026-0099"  # noqa: S105 -- a case number, not a password
# Chinese with a space, a leading dash, typst markup, and a plain name.
NAMES = ("现场 录像 01.MP4", "-rf leading dash.MP4", '#panic("x") $y$ [z].MP4', "PLAIN0004.MP4")
PLACE = "人民路 12 号 / 12 Renmin Road"


def make_disc_template(root: Path) -> Path:
    """Build the home once: the shift, the offload, the filing; return its path."""
    clock = SettableClock(START)
    services, _ = make_home(root / "home", language="en", clock=clock, pins=DEMO_PINS)
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    services.custody.sign_out(officer, "DSJ-A001", set(ALL_ITEMS))
    clock.advance(3600)
    card = root / "card"
    driver = create_simulator(card, "DSJ-A001", "Hikvision", "DS-MH2311")
    folder = card / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    clips = tiny_clips(root / "clips", len(NAMES) + 1)
    for name, clip in zip((*NAMES, "SECRET04.MP4"), clips, strict=True):
        shutil.copyfile(clip, folder / name)
    clock.advance(7 * 3600)
    services.custody.return_recorder(officer, "DSJ-A001")
    clock.advance(600)
    progress = services.offload.run(driver)
    assert progress.state == "done", progress.error
    by_name = {c.source_name.rsplit("/", 1)[-1]: c.id for c in services.clips.listing()}
    services.clips.file(officer, [by_name[n] for n in NAMES], CASE)
    services.clips.file(officer, [by_name["SECRET04.MP4"]], SECRET_CASE)
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.clips.classify(head, [by_name["SECRET04.MP4"]], Classification.STATE_SECRET)
    # Footage docked from a recorder nobody signed out: no custody session names its holder.
    loose = root / "loose"
    loose_driver = create_simulator(loose, "DSJ-B001", "Dahua", "MPT220")
    (loose / "DCIM" / "100MEDIA").mkdir(parents=True)
    shutil.copyfile(tiny_clips(root / "loose-clips", 1)[0], loose / "DCIM" / "100MEDIA" / "L1.MP4")
    assert services.offload.run(loose_driver).state == "done"
    loose_id = next(c.id for c in services.clips.listing() if c.source_name.endswith("L1.MP4"))
    services.clips.file(head, [loose_id], NO_HOLDER_CASE)
    clock.advance(timedelta(days=1).total_seconds())
    services.close()
    return root / "home"


def open_disc_home(home: Path) -> Services:
    """The services on a copy of the template, on a clock a day after the shift."""
    return open_services(
        config.load(home, home / "kiosk.toml"), clock=SettableClock(START + timedelta(days=2))
    )
