"""The hand-over drive's rules below the kiosk (Art. 12(2)): what the screen cannot show.

A package that does not read back from the drive as written is refused in one line, audited,
and marks nothing handed over; the dock service leaves the registered drive to the kiosk.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import SimulatedDriveDock, plug
from appliance.bootstrap import build_dock, open_services
from appliance.domain.errors import Refused
from appliance.ports import DockEvent
from tests.release.homes import MONDAY_AFTER, person, release_home, release_template

__all__ = ["release_home", "release_template"]


class FlippingDock(SimulatedDriveDock):
    """A drive that changes one byte of the payload once it is written (a failing medium)."""

    def flush(self, root: Path) -> None:
        clip = sorted(p for p in (root / "data").rglob("*") if p.is_file())[0]
        clip.chmod(0o640)
        data = bytearray(clip.read_bytes())
        data[100] ^= 0x01
        clip.write_bytes(bytes(data))
        super().flush(root)


def test_a_package_that_does_not_read_back_marks_nothing(
    release_home: Path, tmp_path: Path
) -> None:
    drives = tmp_path / "drives"
    plug(drives, DEMO_DRIVE[0])
    settings = config.load(release_home, release_home / "kiosk.toml")
    services = open_services(
        settings, clock=SettableClock(MONDAY_AFTER), drive_dock=FlippingDock(drives)
    )
    try:
        collector = person(services, "3001")
        drive = services.handover_drive.offer(collector, 0.01)
        assert drive is not None and drive.serial == DEMO_DRIVE[0]
        sealed = services.handover_drive.write(collector, drive)
        with pytest.raises(Refused) as refused:
            services.handover_drive.verify(collector, drive, sealed)
        assert refused.value.reason == "package.payload_changed"
        failed = services.store.audit_log.recent(1)[0]
        assert (failed.action, failed.outcome) == ("handover_verify", "refused")
        assert json.loads(failed.detail_json)["reason"] == "package.payload_changed"
        # The receipt verifies again and refuses the same way: nothing is handed over.
        with pytest.raises(Refused):
            services.handover_drive.receipt(collector, sealed)
        assert services.store.releases.handed_over() == set()
    finally:
        services.close()


def test_the_dock_leaves_the_registered_drive_to_the_kiosk(release_home: Path) -> None:
    settings = config.load(release_home, release_home / "kiosk.toml")
    services = open_services(settings, clock=SettableClock(MONDAY_AFTER))
    try:
        dock = build_dock(services, predicate=lambda _event: None)
        drive = DockEvent("add", "/dev/sdz1", "0781:5581", DEMO_DRIVE[0], "exfat", "usb")
        stranger = replace(drive, devnode="/dev/sdy1", serial="STRANGER1")
        assert dock.arrived(drive).refused == "handover_drive"
        assert dock.arrived(stranger).refused == "not_a_recorder"
        refused = [e for e in services.store.audit_log.recent(5) if e.action == "usb_refused"]
        # Art. 12(2): any other drive is still refused and audited, as before.
        assert [json.loads(e.detail_json)["serial"] for e in refused] == ["STRANGER1"]
        dock.shutdown()
    finally:
        services.close()
