"""Provides demo homes for the tests as copies of one seeded per process and language.

Seeding a demo home (keys, unit, people with their PIN hashes, simulator recorders) costs
about 1.4 s; hundreds of tests each want a fresh one. The home holds no absolute path, so a
copy of a seeded template opened on the test's own clock is the same home, made in 10 ms.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services, build_services
from appliance.demo import DemoBadge, demo_settings, make_home
from appliance.ports import Clock

_TEMPLATES: dict[
    tuple[str, datetime, tuple[tuple[str, str], ...]], tuple[Path, list[DemoBadge]]
] = {}


def demo_copy(
    home: Path, language: str, clock: Clock, pins: dict[str, str]
) -> tuple[Services, list[DemoBadge]]:
    """A seeded demo home at `home`, as `make_home(home, language, clock, pins)` makes it."""
    key = (language, clock.now(), tuple(sorted(pins.items())))
    if key not in _TEMPLATES:
        root = Path(tempfile.mkdtemp(prefix="bwc-demo-template-")) / "home"
        seeded, badges = make_home(root, language=language, clock=SettableClock(key[1]), pins=pins)
        seeded.close()
        _TEMPLATES[key] = (root, badges)
    root, badges = _TEMPLATES[key]
    shutil.copytree(root, home, symlinks=True)
    return build_services(demo_settings(home, language), clock=clock), list(badges)
