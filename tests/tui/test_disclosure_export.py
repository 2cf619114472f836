"""Export an approved disclosure at the kiosk (issue 10 item 3; Art. 11, 13).

Demo mode: the bureau head approves at the kiosk, then exports onto the simulated registered
drive; the package verifies with the public key alone and holds exactly the approved clips;
the approval is used, and an export of a request used meanwhile is refused in words. Box
mode: the kiosk holds no key, so it queues the export and the service answers it: no drive is
refused in words, then the package is written, verified from the drive, and the drive let go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, ProgressBar

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services, build_kiosk_services
from appliance.demo import DemoBadge
from appliance.domain.disclosure import DisclosureState
from appliance.domain.errors import Refused
from appliance.services.dock import dock_actor
from tests.conftest import DEMO_PINS
from tests.release.homes import seed
from tests.tui.export_steps import SERIAL, approved_request, drive_folder, open_export, person
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.disclosure_export import DisclosureExportScreen
from tui.screens.done import DoneScreen

Demo = tuple[Services, dict[str, DemoBadge]]


def _screen(app: object) -> DisclosureExportScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, DisclosureExportScreen), screen
    return screen


def _options(screen: DisclosureExportScreen) -> list[str]:
    listing = screen.query_one("#exportable", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _clip_ids(package: Path) -> list[int]:
    listed = json.loads((package / "metadata" / "clips.json").read_text(encoding="utf-8"))
    return sorted(int(entry["id"]) for entry in listed)


async def test_the_bureau_head_approves_then_exports_onto_the_registered_drive(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    # Request 2 (one clip) is approved already; request 1 (two clips) waits for a decision.
    seed(services, tmp_path / "card", 3, size=30_000)
    first, second, third = sorted(clip.id for clip in services.clips.listing())
    head = person(services, "2001")
    one = services.disclosure.request(head, [first, second], "City Court 市人民法院", "ZF-31")
    two = services.disclosure.request(head, [third], "Li Ming 李明", "his own footage")
    services.disclosure.approve(person(services, "4001"), two.id)
    clock.advance(60)
    drive = plug(drive_folder(services), SERIAL)

    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "4001", DEMO_PINS["4001"])
        await pilot.click("#approvals")
        await settle(pilot)
        await pilot.press("enter")  # request 1, the only one pending
        await settle(pilot)
        await pilot.click("#approve")
        await settle(pilot)
        assert notice_text(app).startswith(f"Request {one.id} approved")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#export-disclosure")
        await settle(pilot)
        screen = _screen(app)
        # The first to expire first: request 2 was approved before request 1.
        options = _options(screen)
        assert [line.split(" · ")[0] for line in options] == [f"No. {two.id}", f"No. {one.id}"]
        assert "to Li Ming 李明 · 1 clip, 30.0 KB" in options[0]
        assert "approved by" in options[1] and "2 clips, 60.0 KB" in options[1]
        assert shown(app, "#export-drive").startswith("Drive ") and "is ready" in shown(
            app, "#export-drive"
        )
        screen.query_one("#exportable", OptionList).highlighted = 1  # request 1
        export = screen.query_one("#export", Button)
        assert not export.disabled
        # Pressed, not clicked: a click within the button's 0.2 s press effect is dropped.
        export.press()
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen), notice_text(app)
        assert shown(app, "#done-line") == (
            f"Request {one.id} exported to drive 演示移交盘 Demo hand-over drive: 2 files,"
            " 60.0 KB, verified from the drive and signed with the unit's key. The approval is"
            " used. The drive may be pulled."
        )
        (package,) = drive.iterdir()
        # Verifies with the unit's public key alone; exactly the approved clips.
        report = verify_package(package, services.ctx.audit_signer.public_key_b64())
        assert (report.kind, report.files) == ("disclosure", 2)
        assert _clip_ids(package) == [first, second]

        # Back at the menu and in again: request 1 is used, request 2 still waits.
        await pilot.click("#menu")
        await settle(pilot)
        await pilot.click("#export-disclosure")
        await settle(pilot)
        screen = _screen(app)
        assert [line.split(" · ")[0] for line in _options(screen)] == [f"No. {two.id}"]
        assert screen.query_one("#export", Button).disabled  # the drive was let go
        # Pulled and plugged in again: the screen takes it.
        drive.rename(tmp_path / "pulled")
        screen.look_for_drive()
        await settle(pilot)
        (tmp_path / "pulled").rename(drive)
        screen.look_for_drive()
        await settle(pilot)
        assert "is ready" in shown(app, "#export-drive")
        # Meanwhile IT exports request 2 at the console: the kiosk's press is refused in words.
        services.disclosure.export(person(services, "2001"), two.id, tmp_path / "console")
        screen.query_one("#export", Button).press()
        await settle(pilot)
        assert notice_text(app) == (
            f"Request {two.id} was already exported: an approval is used once."
        )
        assert _options(screen) == [
            "No approved disclosure waits to be exported: every approval is used or has expired."
        ]
        assert screen.query_one("#export", Button).disabled
        assert not screen.query_one("#export-bar", ProgressBar).display
        assert "is ready" in shown(app, "#export-drive")  # nothing was written to it
        await pilot.click("#back")
        await settle(pilot)
        assert not isinstance(app.screen, DisclosureExportScreen)
    used = services.store.releases.disclosure(one.id)
    assert used is not None and used.state is DisclosureState.EXPORTED
    with pytest.raises(Refused) as again:
        services.disclosure.export(person(services, "4001"), one.id, tmp_path / "again")
    assert again.value.reason == "disclosure.already_exported"
    walk = [
        (e.action, e.object_id, e.outcome)
        for e in services.store.audit_log.recent(60)
        if e.action.startswith(("disclosure_export", "disclosure_verified", "package_sealed"))
        or e.action == "handover_drive"
    ][::-1]
    package_id = str(used.package_id)
    console = str(int(package_id) + 1)
    assert walk == [
        ("handover_drive", SERIAL, "ok"),
        ("disclosure_export", str(one.id), "started"),
        ("package_sealed", package_id, "ok"),
        ("disclosure_export", str(one.id), "ok"),
        ("disclosure_verified", package_id, "ok"),
        ("handover_drive", SERIAL, "ok"),
        # IT's export at the console, then the kiosk's press refused, then ours above.
        ("disclosure_export", str(two.id), "started"),
        ("package_sealed", console, "ok"),
        ("disclosure_export", str(two.id), "ok"),
        ("disclosure_export", str(two.id), "refused"),
        ("disclosure_export", str(one.id), "refused"),
    ]


async def test_on_the_box_the_kiosk_asks_the_service_to_export(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """DESIGN §6: the kiosk holds public keys only and may not mount; the service (here the
    home's own services, as `bwc dock` is) answers: no drive in words, then the package."""
    service, badges = demo
    approved = approved_request(service, tmp_path / "card")
    kiosk = build_kiosk_services(service.settings, clock=clock)
    assert not kiosk.disclosure_drive.direct and not kiosk.requests.can_serve()
    dock = dock_actor(service.settings.unit_code)
    app = create_app(kiosk, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot, "2001")
        screen = _screen(app)
        assert shown(app, "#export-drive") == (
            "Plug in the unit's registered drive, choose a request, then press Export."
        )
        export = screen.query_one("#export", Button)
        assert not export.disabled  # the kiosk cannot see the drive: the service looks
        # Pressed twice: one request (held while queued, then waiting for the answer).
        export.press()
        export.press()
        await settle(pilot)
        export.press()
        await settle(pilot)
        assert len(service.store.requests.queued()) == 1
        assert notice_text(app).startswith(f"The service is writing request {approved.id}")
        assert export.disabled
        (refused,) = service.requests.serve(dock)
        assert refused.reason == "disclosure.no_drive"
        screen.poll_answer()
        await settle(pilot)
        assert notice_text(app) == (
            "No registered drive is docked: plug it in and press Export once more."
            " The approval still stands."
        )
        assert not export.disabled

        drive = plug(drive_folder(service), SERIAL)
        export.press()
        await settle(pilot)
        (asked,) = service.store.requests.queued()
        # The service's progress row, as it writes: the bar and the line follow it.
        service.store.requests.set_progress(asked.id, 30_000, 60_000, clock.now())
        screen.poll_answer()
        await settle(pilot)
        bar = screen.query_one("#export-bar", ProgressBar)
        assert bar.display and (bar.progress, bar.total) == (30_000, 60_000)
        assert shown(app, "#export-drive").startswith(
            f"Writing the sealed package of request {approved.id}: 30.0 KB of 60.0 KB."
        )
        (done,) = service.requests.serve(dock)
        assert done.params["files"] == "2"
        screen.poll_answer()
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert shown(app, "#done-line") == (
            f"Request {approved.id} exported to drive 演示移交盘 Demo hand-over drive: 2 files,"
            " 60.0 KB, verified from the drive and signed with the unit's key. The approval is"
            " used. The drive may be pulled."
        )
    (package,) = drive.iterdir()
    assert _clip_ids(package) == sorted(approved.clip_ids)
    assert verify_package(package, service.ctx.audit_signer.public_key_b64()).files == 2
    # The drive is let go by the service at once: nothing waits for a receipt.
    assert not service.requests.handover.holding
    walk = [
        (e.action, e.actor, e.outcome)
        for e in service.store.audit_log.recent(60)
        if e.action.startswith(("disclosure_export", "disclosure_verified", "request_answered"))
    ][::-1]
    exporter = badges["2001"].badge
    assert walk == [
        ("disclosure_export_requested", exporter, "ok"),
        ("request_answered", dock.actor_id, "refused"),
        ("disclosure_export_requested", exporter, "ok"),
        ("disclosure_export", exporter, "started"),
        ("disclosure_export", exporter, "ok"),
        ("disclosure_verified", exporter, "ok"),
        ("request_answered", dock.actor_id, "ok"),
    ]
    kiosk.close()
