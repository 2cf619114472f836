"""The information collector's weekly hand-over at the kiosk (issue 10 item 2, Art. 12(2)).

One Pilot walk from sign-in to receipt on the demo's simulated drive: a stranger's drive is
refused on screen and audited, the registered drive with too little room is refused before
anything is written, then the package is written, read back from the drive, received, and
every clip is handed over.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Button, ProgressBar

from appliance.adapter_choices import handover_drive_folder
from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services, build_kiosk_services
from appliance.demo import DemoBadge
from appliance.services.dock import dock_actor
from tests.release.homes import seed
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.done import DoneScreen
from tui.screens.handover import HandoverScreen

# The Monday after 2026-W48 (the demo clock's week), 09:00 Beijing time.
MONDAY = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
SERIAL = DEMO_DRIVE[0]


def _screen(services: Services, app: object) -> HandoverScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, HandoverScreen), screen
    return screen


async def test_the_collector_hands_the_week_over_on_the_registered_drive(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    seed(services, tmp_path / "card", 3, size=40_000)
    clips = {clip.id for clip in services.clips.listing()}
    assert len(clips) == 3
    drives = handover_drive_folder(services.settings)
    plug(drives, "USB-STRANGER")
    clock.advance((MONDAY - clock.now()).total_seconds())

    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "3001", badges["3001"].pin)
        await pilot.click("#handover")
        await settle(pilot)
        screen = _screen(services, app)
        assert "2026-W48" in shown(app, "#handover-title")
        due = shown(app, "#handover-due")
        assert "In all 3 clips, 120.0 KB, not yet handed over." in due
        assert "3 clips, 120.0 KB" in due.splitlines()[0]
        # Art. 12(2): nobody may copy footage privately; the stranger's drive is refused.
        assert "USB-STRANGER" in notice_text(app) and "not the unit's" in notice_text(app)
        assert screen.query_one("#write", Button).disabled

        # The registered drive, but with too little room: refused before anything is written.
        (drives / "USB-STRANGER").rmdir()
        plug(drives, SERIAL, free_bytes=10_000)
        screen.look_for_drive()
        await settle(pilot)
        assert "is ready" in shown(app, "#handover-drive")
        await pilot.click("#write")
        await settle(pilot)
        assert "has 10000 bytes free" in notice_text(app)
        assert "Nothing was written." in notice_text(app)
        assert list((drives / SERIAL).iterdir()) == []

        plug(drives, SERIAL)  # room enough now
        write = screen.query_one("#write", Button)
        assert not write.disabled
        # Pressed, not clicked: a click within the button's 0.2 s press effect is dropped.
        write.press()
        await settle(pilot)
        state = (notice_text(app), shown(app, "#handover-drive"))
        assert "Verified from the drive: 3 files" in state[1], state
        bar = screen.query_one("#handover-bar", ProgressBar)
        assert bar.progress == bar.total == 120_000
        (package,) = (drives / SERIAL).iterdir()
        # The package on the drive verifies by itself, with the unit's public key.
        key = services.ctx.audit_signer.public_key_b64()
        assert verify_package(package, key).files == 3
        assert services.store.releases.handed_over() == set()  # not before the receipt

        await pilot.click("#receive")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line") == (
            "Received: 3 clips of week 2026-W48 are handed over. The drive may be pulled."
        )
    assert services.store.releases.handed_over() == clips
    walk = [
        (e.action, e.object_id, e.outcome)
        for e in services.store.audit_log.recent(40)
        if e.action.startswith(("handover", "package"))
    ][::-1]
    assert walk == [
        ("handover_drive", "USB-STRANGER", "refused"),
        ("handover_drive", SERIAL, "ok"),
        ("handover_create", "2026-W48", "refused"),
        ("package_sealed", "1", "ok"),
        ("handover_verified", "1", "ok"),
        ("handover_received", "1", "ok"),
    ]
    events = {e.action: e for e in services.store.audit_log.recent(40) if e.outcome == "refused"}
    assert json.loads(events["handover_drive"].detail_json)["reason"] == (
        "handover.drive_not_registered"
    )
    assert json.loads(events["handover_create"].detail_json)["reason"] == (
        "handover.drive_too_small"
    )


async def test_on_the_box_the_kiosk_asks_the_service_for_the_hand_over(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    """DESIGN §6: the kiosk holds public keys only and may not mount, so each step is a
    request the service (here the home's own services, as `bwc dock` is) does and answers:
    no drive docked is refused in words, then the package is written and read back by the
    service, and the receipt is the service's too (Art. 12(2))."""
    service, badges = demo
    seed(service, tmp_path / "card", 1, size=40_000)
    (clip,) = {c.id for c in service.clips.listing()}
    drives = handover_drive_folder(service.settings)
    clock.advance((MONDAY - clock.now()).total_seconds())
    kiosk = build_kiosk_services(service.settings, clock=clock)
    assert not kiosk.handover_drive.direct and not kiosk.requests.can_serve()
    dock = dock_actor(service.settings.unit_code)
    app = create_app(kiosk, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "3001", badges["3001"].pin)
        await pilot.click("#handover")
        await settle(pilot)
        screen = _screen(kiosk, app)
        assert shown(app, "#handover-drive") == (
            "Plug in the unit's registered hand-over drive, then press Write the package."
        )
        write = screen.query_one("#write", Button)
        assert not write.disabled  # the kiosk cannot see the drive: the service looks

        # Nothing docked: the service refuses, and the kiosk says why and offers Write again.
        # Pressed twice: one request (the button is held while it is queued, then waits).
        write.press()
        write.press()
        await settle(pilot)
        write.press()
        await settle(pilot)
        assert len(service.store.requests.queued()) == 1
        assert notice_text(app).startswith("The service is writing the package")
        assert write.disabled
        (refused,) = service.requests.serve(dock)
        assert refused.reason == "handover.no_drive"
        screen.poll_answer()
        await settle(pilot)
        assert notice_text(app).startswith("No registered hand-over drive is docked")
        assert not write.disabled

        # A stranger's drive: refused by the service, in words at the kiosk (Art. 12(2)).
        plug(drives, "USB-STRANGER")
        write.press()
        await settle(pilot)
        (refused,) = service.requests.serve(dock)
        assert refused.reason == "handover.drive_not_registered"
        screen.poll_answer()
        await settle(pilot)
        assert notice_text(app).startswith("This drive (USB-STRANGER) is not the unit's")

        (drives / "USB-STRANGER").rmdir()
        plug(drives, SERIAL)
        write.press()
        await settle(pilot)
        (answer,) = service.requests.serve(dock)
        assert answer.reason == "" and answer.params["files"] == "1"
        screen.poll_answer()
        await settle(pilot)
        assert shown(app, "#handover-drive").startswith("Verified from the drive: 1 files")
        (package,) = (drives / SERIAL).iterdir()
        key = service.ctx.audit_signer.public_key_b64()
        assert verify_package(package, key).files == 1
        assert service.store.releases.handed_over() == set()  # not before the receipt

        receive = screen.query_one("#receive", Button)
        receive.press()
        await settle(pilot)
        (received,) = service.requests.serve(dock)
        assert received.params == {"clips": "1"}
        screen.poll_answer()
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line") == (
            "Received: 1 clip of week 2026-W48 is handed over. The drive may be pulled."
        )
    assert service.store.releases.handed_over() == {clip}
    walk = [
        (e.action, e.actor, e.outcome)
        for e in service.store.audit_log.recent(60)
        if e.action.startswith(("handover", "package", "request_answered"))
    ][::-1]
    collector = badges["3001"].badge
    assert walk == [
        ("handover_requested", collector, "ok"),
        ("request_answered", dock.actor_id, "refused"),
        ("handover_requested", collector, "ok"),
        ("handover_drive", collector, "refused"),
        ("request_answered", dock.actor_id, "refused"),
        ("handover_requested", collector, "ok"),
        ("handover_drive", collector, "ok"),
        ("package_sealed", collector, "ok"),
        ("handover_verified", collector, "ok"),
        ("request_answered", dock.actor_id, "ok"),
        ("handover_requested", collector, "ok"),
        ("handover_received", collector, "ok"),
        ("request_answered", dock.actor_id, "ok"),
    ]
    kiosk.close()
