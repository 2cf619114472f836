"""Shared fixtures: a fresh home on real SQLite with a settable clock (the Clock port)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from tests.accounts import unseal_tree
from tests.demo_homes import demo_copy

# Known PINs for the tests: 1001 -> 111111, 1002 -> 222222, 2001 -> 333333, ...
DEMO_PINS = {
    badge: str(index + 1) * 6
    for index, badge in enumerate(["1001", "1002", "2001", "3001", "4001", "5001", "9001", "8001"])
}

# 08:02 Beijing time, the start of a day shift.
START = datetime(2026, 11, 27, 0, 2, tzinfo=UTC)


@pytest.fixture
def clock() -> SettableClock:
    """A clock that moves only when a test says so."""
    return SettableClock(START)


@pytest.fixture
def demo(tmp_path: Path, clock: SettableClock) -> tuple[Services, dict[str, DemoBadge]]:
    """A seeded demo home in English with known PINs: badge -> DemoBadge."""
    services, badges = demo_copy(tmp_path / "home", "en", clock, DEMO_PINS)
    return services, {b.badge: b for b in badges}


@pytest.fixture(scope="session", autouse=True)
def unseal_after_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Clear the immutable flag under this session's temporary directory at its end.

    Homes made by `bwc init` as root seal their archive (DESIGN §11); pytest must still be
    able to remove its old temporary directories in the next session.
    """
    yield
    unseal_tree(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def keep_the_umask() -> Iterator[None]:
    """Put the process's umask back after each test.

    `bwc`'s main() sets umask 007 (DESIGN §6) in the process it runs in; a test that calls it
    in-process (the CLI fuzz) must not make every later test's files unreadable to others.
    """
    saved = os.umask(0o022)
    os.umask(saved)
    yield
    os.umask(saved)


# Suites that use what the whole machine shares (the udev daemon, loop devices, accounts made
# with useradd, mounts of system paths): under pytest-xdist they run in one worker, in turn.
_MACHINE_WIDE = frozenset(
    {
        "test_udev_dock.py",
        "test_seal.py",
        "test_playbook_converge.py",
        "test_root_drop.py",
        "test_files_and_modes.py",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the machine-wide suites in one xdist group."""
    for item in items:
        if item.path.name in _MACHINE_WIDE:
            item.add_marker(pytest.mark.xdist_group("machine"))
