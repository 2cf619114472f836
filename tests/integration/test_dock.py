"""The dock service: readings and drift before the clock sync, offload, foreign USB refused."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.adapters.dock_folder import FolderWatcher
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services, build_dock
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS, CheckItem
from appliance.domain.errors import Refused
from appliance.ports import DockEvent
from tests.mounts import FolderMounter, card_event, card_rule


def docked_simulator(dock_dir: Path, serial: str, **status: object) -> Path:
    root = dock_dir / serial
    create_simulator(root, serial, "Hikvision", "DS-MH2311", **status)
    for index in range(3):
        (root / "DCIM" / f"CLIP{index:04d}.MP4").write_bytes(bytes([index]) * 5000)
    return root


def serve_once(services: Services, dock_dir: Path) -> None:
    dock = build_dock(services)
    stop = threading.Event()
    stop.set()
    dock.serve(FolderWatcher(dock_dir), stop)
    dock.shutdown()


def test_docking_reads_ledgers_drift_syncs_and_offloads(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    dock_dir = tmp_path / "dock"
    root = docked_simulator(
        dock_dir, "DSJ-A001", clock_offset_seconds=37.5, main_battery_percent=55
    )
    serve_once(services, dock_dir)
    # DESIGN §7: the offset is ledgered before the sync, and the sync brings it to zero.
    assert services.store.readings.drift_before("DSJ-A001", clock.now()) == pytest.approx(37.5)
    reading = services.store.readings.latest_reading("DSJ-A001")
    assert reading is not None and reading.clock_offset_after_sync == pytest.approx(0.0)
    archived = services.clips.listing()
    assert len(archived) == 3
    # Cleared only after verification (DESIGN §4 step 7).
    assert list((root / "DCIM").iterdir()) == []
    # Art. 4: a 55 % battery fails the check, and that blocks sign-out with the reason.
    lines = {line.item: line for line in services.custody.checklist("DSJ-A001")}
    assert lines[CheckItem.MAIN_BATTERY].measured_ok is False
    assert lines[CheckItem.CLOCK].measured_ok is True
    assert lines[CheckItem.LENS_MICROPHONE].measured_ok is None
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    with pytest.raises(Refused) as refused:
        services.custody.sign_out(officer, "DSJ-A001", {CheckItem.LENS_MICROPHONE})
    assert refused.value.reason == "reading_failed"
    assert "main_battery" in str(refused.value.params["items"])


def test_good_readings_leave_only_what_the_recorder_cannot_report(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    docked_simulator(tmp_path / "dock", "DSJ-A002")
    serve_once(services, tmp_path / "dock")
    open_items = [
        ln.item for ln in services.custody.checklist("DSJ-A002") if ln.measured_ok is None
    ]
    assert open_items == [CheckItem.LENS_MICROPHONE]
    officer = services.auth.sign_in("1001", badges["1001"].pin)
    session = services.custody.sign_out(officer, "DSJ-A002", {CheckItem.LENS_MICROPHONE})
    assert session.holder_badge == "1001"
    # A stale reading no longer counts: after 16 minutes every item is a question again.
    clock.advance(16 * 60)
    stale = services.custody.checklist("DSJ-A002")
    assert [(ln.item, ln.measured_ok) for ln in stale] == [(item, None) for item in ALL_ITEMS]


def test_other_usb_storage_is_refused_and_audited(
    demo: tuple[Services, dict[str, DemoBadge]],
) -> None:
    services, _ = demo
    dock = build_dock(services)
    stick = DockEvent("add", "/dev/sdz1", "0781:5567", "4C53\x1b[2J", "vfat", "usb")
    outcome = dock.arrived(stick)
    dock.shutdown()
    assert outcome.refused == "not_a_recorder"
    event = services.store.audit_log.recent(1)[0]
    assert (event.action, event.outcome, event.object_id) == ("usb_refused", "refused", "0781:5567")
    assert "\x1b" not in event.detail_json


def test_a_card_without_identity_gets_a_failed_job_not_a_silent_wait(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    mounter = FolderMounter()
    nameless = tmp_path / "nameless"
    (nameless / "DCIM").mkdir(parents=True)
    (nameless / "DCIM" / "FILE0001.MP4").write_bytes(b"footage nobody can attribute")
    mounter.cards["/dev/sdb1"] = nameless
    named = tmp_path / "named"
    (named / "DCIM").mkdir(parents=True)
    (named / "DCIM" / "FILE0001.MP4").write_bytes(b"footage of DSJ-B001")
    (named / "SERIAL.TXT").write_text("SN: DSJ-B001\n")
    mounter.cards["/dev/sdc1"] = named
    dock = build_dock(services, mounter=mounter, predicate=card_rule)

    outcome = dock.arrived(card_event("/dev/sdb1"))

    assert (outcome.refused, outcome.serial) == ("no_identity", "0123456789AB")
    assert outcome.progress is not None
    job = services.store.jobs.get(outcome.progress.id)
    assert job is not None
    assert (job.serial, job.state, job.error) == ("0123456789AB", "failed", "no_identity")
    assert job.finished_at is not None and job.clips_total == 0
    event = services.store.audit_log.recent(1)[0]
    assert (event.action, event.outcome, event.object_id) == ("offload_fail", "failed", str(job.id))
    assert json.loads(event.detail_json)["error"] == "no_identity"
    assert services.offload.unidentified_since(job.started_at) == job
    # Nothing was read, copied or deleted, and the card was released.
    assert services.clips.listing() == [] and (nameless / "DCIM" / "FILE0001.MP4").exists()
    assert mounter.unmounted == ["/dev/sdb1"]

    # A card that does keep its identity is offloaded under the card's serial.
    taken = dock.arrived(card_event("/dev/sdc1", usb_serial="FFFF00001111"))
    assert taken.refused == "" and taken.progress is not None
    assert (taken.serial, taken.progress.state, taken.progress.clips_new) == ("DSJ-B001", "done", 1)

    # A card that will not mount fails the same way, named by its device node.
    unmountable = dock.arrived(card_event("/dev/sdd1", usb_serial=""))
    dock.shutdown()
    assert unmountable.refused == "mount_failed" and unmountable.progress is not None
    assert (unmountable.progress.serial, unmountable.progress.error) == ("sdd1", "mount_failed")
    assert services.offload.unidentified_since(job.started_at) == unmountable.progress
    assert _bwc_audit_verify(services) == 0


def _bwc_audit_verify(services: Services) -> int:
    bwc = Path(sys.executable).parent / "bwc"
    done = subprocess.run(
        [str(bwc), "--home", str(services.settings.home), "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode
