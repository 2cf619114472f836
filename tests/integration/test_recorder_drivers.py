"""The mass_storage and simulator drivers on real folders: untrusted names stay inside the root."""

from __future__ import annotations

import errno
import io
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.adapters.drivers import RecorderDrivers
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.adapters.recorder_fs import UnsafeName
from appliance.adapters.simulator import SimulatorDriver, create_simulator
from appliance.config import DriverRule
from appliance.ports import ClipRef, DeviceIdentity, DockEvent

NOW = datetime(2026, 11, 27, 0, 2, tzinfo=UTC)


def _card(root: Path) -> dict[Path, bytes]:
    """A card at root with links and a FIFO; the links lead to decoys beside the card.

    Returns every decoy with its bytes: nothing may read, change or delete them. They stand
    where a host's files would (the suite runs as root), so a regression harms only them.
    """
    outside = root.parent
    (outside / "etc").mkdir()
    decoys = {
        outside / "passwd": b"root:x:0:0 decoy\n",
        outside / "etc" / "passwd": b"decoy in a linked folder\n",
        outside / "etc" / "x": b"decoy for the folder link\n",
        outside / "outside": b"secret beside the card\n",
        outside / "x": b"secret two levels up\n",
        outside / "absolute": b"secret named by an absolute path\n",
    }
    for path, content in decoys.items():
        path.write_bytes(content)
    (root / "DCIM" / "100MEDIA").mkdir(parents=True)
    (root / "DCIM" / "100MEDIA" / "FILE0001.MP4").write_bytes(b"one")
    (root / "DCIM" / "100MEDIA" / "执法 0002.MP4").write_bytes(b"two")
    (root / "Record").mkdir()
    (root / "Record" / "A0003.MP4").write_bytes(b"three")
    (root / "MISC").mkdir()
    (root / "MISC" / "log.txt").write_text("not footage")
    os.symlink(outside / "passwd", root / "DCIM" / "evil.MP4")
    os.symlink(outside / "etc", root / "DCIM" / "etc")
    os.mkfifo(root / "DCIM" / "pipe.MP4")
    os.symlink(outside / "etc", root / "VIDEO")
    return decoys


def test_mass_storage_lists_regular_footage_only(tmp_path: Path) -> None:
    card = tmp_path / "card"
    _card(card)
    driver = MassStorageDriver(card, fallback_serial="DSJ-A001")
    names = [clip.name for clip in driver.clips()]
    assert names == [
        "DCIM/100MEDIA/FILE0001.MP4",
        "DCIM/100MEDIA/执法 0002.MP4",
        "Record/A0003.MP4",
    ]
    assert [(e.name, e.reason.value) for e in driver.skipped()] == [
        ("DCIM/etc", "symlink"),
        ("DCIM/evil.MP4", "symlink"),
        ("DCIM/pipe.MP4", "fifo"),
        ("VIDEO", "symlink"),
    ]
    with driver.open(driver.clips()[0]) as stream:
        assert stream.read() == b"one"


def test_a_file_with_a_second_name_is_neither_listed_nor_opened(tmp_path: Path) -> None:
    """A hard link may be a box file's second name when a folder sits on the box's disk."""
    card = tmp_path / "card"
    _card(card)
    outside = tmp_path / "box-secret"
    outside.write_bytes(b"key")
    os.link(outside, card / "DCIM" / "100MEDIA" / "KEY.MP4")
    driver = MassStorageDriver(card, fallback_serial="DSJ-A001")
    assert "DCIM/100MEDIA/KEY.MP4" not in [clip.name for clip in driver.clips()]
    assert ("DCIM/100MEDIA/KEY.MP4", "hard_link") in [
        (e.name, e.reason.value) for e in driver.skipped()
    ]
    with pytest.raises(UnsafeName):
        driver.open(ClipRef("DCIM/100MEDIA/KEY.MP4", 3))
    assert outside.read_bytes() == b"key"


# What open() and delete() must raise: UnsafeName (the driver's own refusal of the name or
# of what it leads to), or the errno of the kernel refusing to follow a link (O_NOFOLLOW:
# ELOOP for a file, ENOTDIR for a folder on the way).
UNSAFE = "unsafe"
REFUSALS = {
    "DCIM/evil.MP4": (errno.ELOOP, UNSAFE),
    "DCIM/etc/passwd": (errno.ENOTDIR, errno.ENOTDIR),
    "VIDEO/x": (errno.ENOTDIR, errno.ENOTDIR),
    "DCIM/pipe.MP4": (UNSAFE, UNSAFE),
    "../outside": (UNSAFE, UNSAFE),
    "DCIM/../../x": (UNSAFE, UNSAFE),
    "": (UNSAFE, UNSAFE),
    "DCIM//100MEDIA/FILE0001.MP4": (UNSAFE, UNSAFE),
    "DCIM/./100MEDIA/FILE0001.MP4": (UNSAFE, UNSAFE),
    "ABSOLUTE": (UNSAFE, UNSAFE),
}


def _refusal(call: Callable[[], object]) -> int | str:
    with pytest.raises(OSError) as raised:
        call()
    if isinstance(raised.value, UnsafeName):
        return UNSAFE
    assert raised.value.errno is not None, raised.value
    return raised.value.errno


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_names_that_leave_the_root_or_are_not_files_are_refused(tmp_path: Path, name: str) -> None:
    card = tmp_path / "card"
    decoys = _card(card)
    clip = ClipRef(str(tmp_path / "absolute") if name == "ABSOLUTE" else name, 0)
    driver = MassStorageDriver(card, fallback_serial="DSJ-A001")
    assert (_refusal(lambda: driver.open(clip)), _refusal(lambda: driver.delete(clip))) == (
        REFUSALS[name]
    )
    # Every decoy is still there with its bytes, and the card lost nothing.
    assert {path: path.read_bytes() for path in decoys} == decoys
    assert [c.name for c in driver.clips()] == [
        "DCIM/100MEDIA/FILE0001.MP4",
        "DCIM/100MEDIA/执法 0002.MP4",
        "Record/A0003.MP4",
    ]
    assert (card / "DCIM" / "pipe.MP4").is_fifo() and (card / "DCIM" / "evil.MP4").is_symlink()


def test_mass_storage_deletes_one_file_and_reports_space_only(tmp_path: Path) -> None:
    card = tmp_path / "card"
    _card(card)
    driver = MassStorageDriver(card, fallback_serial="DSJ-A001")
    first = driver.clips()[0]
    driver.delete(first)
    assert not (card / first.name).exists()
    assert len(driver.clips()) == 2
    status = driver.status()
    assert status.free_bytes and status.total_bytes and status.free_bytes <= status.total_bytes
    assert status.main_battery_percent is None and status.device_clock is None
    with pytest.raises(io.UnsupportedOperation):
        driver.sync_clock(NOW)
    with pytest.raises(io.UnsupportedOperation):
        driver.write_officer("1001", "张伟", "DEMO01")


def test_mass_storage_reads_the_serial_the_recorder_keeps(tmp_path: Path) -> None:
    card = tmp_path / "card"
    _card(card)
    (card / "DEVICE.TXT").write_bytes(b"model=DS-MH2311\r\nSN: DSJ-B001\r\n")
    assert MassStorageDriver(card).identify().serial == "DSJ-B001"
    # The card's own word wins over the caller's; the caller's serves only when it has none.
    assert MassStorageDriver(card, "DSJ-A001").identify().serial == "DSJ-B001"
    (card / "DEVICE.TXT").unlink()
    assert MassStorageDriver(card, "DSJ-A001").identify().serial == "DSJ-A001"
    (card / "DEVICE.TXT").write_bytes(b"\x1b]0;evil\x07")
    with pytest.raises(io.UnsupportedOperation):
        MassStorageDriver(card).identify()
    with pytest.raises(UnsafeName):
        MassStorageDriver(card).open(ClipRef("DCIM/../DEVICE.TXT", 0))


def test_simulator_implements_the_whole_port(tmp_path: Path) -> None:
    clock = SettableClock(NOW)
    create_simulator(tmp_path, "DSJ-A001", "Hikvision", "DS-MH2311", clock_offset_seconds=37.0)
    (tmp_path / "DCIM" / "FILE0001.MP4").write_bytes(b"x" * 1000)
    driver = SimulatorDriver(tmp_path, clock)
    assert driver.identify().serial == "DSJ-A001"
    status = driver.status()
    assert status.device_clock == NOW + timedelta(seconds=37)
    assert status.main_battery_percent == 100 and status.bitrate_bps == 8_000_000
    driver.sync_clock(NOW)
    assert driver.status().device_clock == NOW
    driver.write_officer("1001", "张伟 Zhang Wei", "DEMO01")
    saved = json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))
    assert saved["officer"] == {"badge": "1001", "name": "张伟 Zhang Wei", "unit": "DEMO01"}
    free = driver.status().free_bytes or 0
    [clip] = driver.clips()
    driver.delete(clip)
    assert driver.clips() == [] and driver.status().free_bytes == free + 1000


def test_simulator_device_clock_as_text(tmp_path: Path) -> None:
    create_simulator(tmp_path, "DSJ-A001", device_clock="2026-11-27T08:00:00+08:00")
    assert SimulatorDriver(tmp_path).status().device_clock == datetime(
        2026, 11, 27, 0, 0, tzinfo=UTC
    )


def test_the_driver_factory_builds_what_the_rule_names(tmp_path: Path) -> None:
    """The DriverFactory port the root hands to the dock and to `bwc offload` (issue 8)."""
    clock = SettableClock(NOW)
    drivers = RecorderDrivers(clock)
    card = tmp_path / "card"
    _card(card)
    # A copied card keeps no identity file: the serial given stands in, nothing else.
    assert drivers.for_folder(card, "DSJ-A001").identify() == DeviceIdentity("DSJ-A001")
    (card / "SERIAL.TXT").write_text("SN: DSJ-B001\n")
    assert drivers.for_folder(card, "DSJ-A001").identify().serial == "DSJ-B001"
    # A mounted card takes the brand and model from the kiosk.toml rule that matched it.
    rule = DriverRule("2e8a:0005", "mass_storage", "Generic", "UMS-1")
    event = DockEvent("add", "/dev/sdb1", "2e8a:0005", "0123", "exfat", "usb")
    assert rule.mounted
    assert drivers.for_event(event, rule, card).identify() == DeviceIdentity(
        "DSJ-B001", "Generic", "UMS-1"
    )
    with pytest.raises(OSError, match="no mount helper"):
        drivers.for_event(event, rule, None)
    # A simulator folder reads its own status, on the clock the driver was built with.
    create_simulator(tmp_path / "sim", "DSJ-A002", "Hikvision", "DS-MH2311")
    sim_event = DockEvent("add", str(tmp_path / "sim"), "0000:0000", "DSJ-A002", "sim", "sim")
    sim_rule = drivers.own_rule(sim_event)
    assert sim_rule == DriverRule("0000:0000", "simulator") and not sim_rule.mounted
    simulator = drivers.for_event(sim_event, sim_rule, None)
    assert simulator.identify() == DeviceIdentity("DSJ-A002", "Hikvision", "DS-MH2311")
    assert simulator.status().device_clock == NOW


def test_a_usb_stick_cannot_pass_for_the_simulator_dock() -> None:
    """Only the simulator dock's own events (bus "sim") are simulators; a USB id proves nothing."""
    drivers = RecorderDrivers(SettableClock(NOW))
    stick = DockEvent("add", "/dev/sdz1", "0000:0000", "4C53", "vfat", "usb")
    assert drivers.own_rule(stick) is None
