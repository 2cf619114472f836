"""Provides demo homes with archived clips in week 2026-W48, for the package tests (§10)."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import Services, open_services
from appliance.demo import make_home
from appliance.domain.records import Actor
from appliance.services.auth import actor_of
from tests.conftest import DEMO_PINS

WEEK = "2026-W48"
# Wednesday of 2026-W48, when the clips were recorded; the Monday after, when they go over.
RECORDED = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
MONDAY_AFTER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CLIPS = 4


def seed(services: Services, root: Path, count: int, size: int = 50_000) -> None:
    """Offload `count` files of random bytes (archived byte-exact, flagged unreadable)."""
    card = root / "DCIM" / "100MEDIA"
    card.mkdir(parents=True)
    rng = random.Random(count)
    stamp = RECORDED.timestamp()
    for number in range(count):
        path = card / f"FILE{number:04d}.MP4"
        path.write_bytes(rng.randbytes(size))
        os.utime(path, (stamp, stamp))
    services.offload.run(
        MassStorageDriver(root, fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
    )


def make_template(root: Path, count: int = CLIPS, size: int = 50_000) -> Path:
    """A demo home (English, the known PINs) whose archive holds `count` clips of W48."""
    clock = SettableClock(RECORDED)
    services, _ = make_home(root / "home", language="en", clock=clock, pins=DEMO_PINS)
    seed(services, root / "card", count, size)
    services.close()
    return root / "home"


def open_home(home: Path, clock: SettableClock | None = None) -> Services:
    """The services on a copied template, with a settable clock at the Monday after W48."""
    return open_services(
        config.load(home, home / "kiosk.toml"), clock=clock or SettableClock(MONDAY_AFTER)
    )


def person(services: Services, badge: str) -> Actor:
    """A demo person as an actor (no PIN: the services are called directly)."""
    found = services.registry.person(badge)
    assert found is not None
    return actor_of(found)


@pytest.fixture(scope="module")
def release_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module (scrypt and the offload are slow); copy it for each test."""
    return make_template(tmp_path_factory.mktemp("release"))


@pytest.fixture
def release_home(release_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the template home."""
    home = tmp_path / "home"
    shutil.copytree(release_template, home)
    yield home
