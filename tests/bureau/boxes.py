"""Provides a real box's weekly hand-overs and the packages of boxes whose history was
rewritten, for the bureau's chain tests (issue 14 item 2). Built once per process.

One box (unit DEMO01) hands over weeks 48, 49 and 50 of 2026 (`w48`, `w49`, `w50`). From a
copy of it taken just after the week-48 package was sealed, as a restored backup would be:
- `truncated`: the copy, with nothing more, seals again on 8 December: its chain is shorter
  than the one week 49's package already carried, and its checkpoint is newer;
- `forked`: the copy records other footage in week 49 and hands it over: its chain has other
  events where the real box's has its own;
- `rekeyed`: the copy with a new key pair seals again;
- `w48_again`: the copy seals week 48 once more on 1 December (the package not received is
  offered again): a newer package than `w48`, so `w48` after it is an old one replayed.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.adapters.signer import FileSigner
from appliance.bootstrap import Services
from tests.release.homes import MONDAY_AFTER, make_template, open_home, person

UNIT = "DEMO01"


@dataclass(frozen=True)
class BoxWorld:
    """Where the packages of the chain tests are, and the unit's public key file."""

    root: Path
    # The real box's home (its keys sign what a forger holding them would sign).
    box: Path
    key: Path
    packages: dict[str, Path]

    def drive(self, target: Path, *names: str) -> Path:
        """A drive folder at target holding copies of the named packages."""
        target.mkdir(parents=True)
        for name in names:
            shutil.copytree(self.packages[name], target / self.packages[name].name, symlinks=True)
        return target


def _offload(services: Services, card: Path, count: int, seed: int, when: datetime) -> None:
    """Offload `count` files of random bytes recorded at `when` (flagged unreadable)."""
    folder = card / "DCIM" / "100MEDIA"
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for number in range(count):
        path = folder / f"FILE{number:04d}.MP4"
        path.write_bytes(rng.randbytes(20_000))
        os.utime(path, (when.timestamp(), when.timestamp()))
    services.offload.run(
        MassStorageDriver(card, fallback_serial="DSJ-A001"), "DSJ-A001", clear=False
    )


def _seal(home: Path, when: datetime, week: str, out: Path) -> Path:
    clock = SettableClock(when)
    services = open_home(home, clock)
    try:
        services.handover.create(person(services, "3001"), week, out)
    finally:
        services.close()
    return out


def _week_of_footage(home: Path, card: Path, seed: int, recorded: datetime) -> None:
    services = open_home(home, SettableClock(recorded))
    try:
        _offload(services, card, 3, seed, recorded)
    finally:
        services.close()


def _receive(home: Path, package: Path, when: datetime) -> None:
    services = open_home(home, SettableClock(when))
    try:
        services.handover.receipt(person(services, "3001"), package)
    finally:
        services.close()


_BUILT: list[BoxWorld] = []


def box_world() -> BoxWorld:
    """The packages (built on the first call of the process, then shared read-only)."""
    if _BUILT:
        return _BUILT[0]
    root = Path(tempfile.mkdtemp(prefix="bwc-bureau-boxes-"))
    out = root / "packages"
    out.mkdir()
    home = make_template(root / "box", size=20_000)
    packages = {"w48": _seal(home, MONDAY_AFTER, "2026-W48", out / "bwc-handover-DEMO01-W48")}
    restored = root / "restored"
    shutil.copytree(home, restored, symlinks=True)
    _receive(home, packages["w48"], datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    _week_of_footage(home, root / "card49", 49, datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    packages["w49"] = _seal(
        home, datetime(2026, 12, 7, 9, 0, tzinfo=UTC), "2026-W49", out / "bwc-handover-DEMO01-W49"
    )
    _receive(home, packages["w49"], datetime(2026, 12, 7, 10, 0, tzinfo=UTC))
    _week_of_footage(home, root / "card50", 50, datetime(2026, 12, 9, 10, 0, tzinfo=UTC))
    packages["w50"] = _seal(
        home, datetime(2026, 12, 14, 9, 0, tzinfo=UTC), "2026-W50", out / "bwc-handover-DEMO01-W50"
    )

    def copy_of(name: str) -> Path:
        target = root / name
        shutil.copytree(restored, target, symlinks=True)
        return target

    packages["truncated"] = _seal(
        copy_of("cut"),
        datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
        "2026-W48",
        out / "bwc-handover-DEMO01-W48-cut",
    )
    fork = copy_of("fork")
    _week_of_footage(fork, root / "card49-fork", 4949, datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    packages["forked"] = _seal(
        fork,
        datetime(2026, 12, 7, 9, 30, tzinfo=UTC),
        "2026-W49",
        out / "bwc-handover-DEMO01-W49-fork",
    )
    rekeyed = copy_of("rekeyed")
    for name in ("audit.key", "audit.pub"):
        (rekeyed / "keys" / name).unlink()
    FileSigner(rekeyed / "keys", "audit").create()
    packages["rekeyed"] = _seal(
        rekeyed,
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        "2026-W48",
        out / "bwc-handover-DEMO01-W48-rekeyed",
    )
    packages["w48_again"] = _seal(
        copy_of("again"),
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        "2026-W48",
        out / "bwc-handover-DEMO01-W48-again",
    )
    key = root / "DEMO01.pub"
    shutil.copyfile(home / "keys" / "audit.pub", key)
    _BUILT.append(BoxWorld(root, home, key, packages))
    return _BUILT[0]
