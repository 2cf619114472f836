"""The export of an approved disclosure onto the registered drive, done by the service
(Art. 11, 13; DESIGN §6): the kiosk queues it, the service writes and reads it back.

What export would refuse is refused when asked, at once and audited; the service takes the
registered drive (a stranger's is refused), writes exactly the approved clips if they fit,
verifies the package from the drive, lets the drive go, and the approval is used.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services, build_kiosk_services
from appliance.demo import DemoBadge
from appliance.domain.disclosure import DisclosureState
from appliance.domain.errors import Refused
from appliance.domain.requests import RequestKind, RequestState
from appliance.services.dock import dock_actor
from tests.cli_run import bwc, verify_clean
from tests.tui.export_steps import SERIAL, approved_request, drive_folder, person

Demo = tuple[Services, dict[str, DemoBadge]]
ASKED = "disclosure_export_requested"


def newest(services: Services, action: str) -> tuple[str, str, str, dict[str, object]]:
    [event] = [e for e in services.store.audit_log.recent(60) if e.action == action][:1]
    return event.actor, event.object_id, event.outcome, json.loads(event.detail_json)


def state_of(services: Services, request_id: int) -> DisclosureState:
    found = services.store.releases.disclosure(request_id)
    assert found is not None
    return found.state


def test_the_service_exports_the_approved_clips_to_the_drive_once(
    demo: Demo, tmp_path: Path
) -> None:
    services, _ = demo
    approved = approved_request(services, tmp_path / "card")
    head, dock = person(services, "2001"), dock_actor(services.settings.unit_code)
    assert [e.request.id for e in services.disclosure.exportable(head)] == [approved.id]
    kiosk = build_kiosk_services(services.settings)
    try:
        assert not kiosk.disclosure_drive.direct and not kiosk.requests.can_serve()
        # Nothing docked: refused on the row, in words; the approval still stands.
        first = kiosk.requests.disclosure.ask_export(head, approved.id)
        assert (first.kind, first.subject) == (RequestKind.DISCLOSURE_EXPORT, str(approved.id))
        (refused,) = services.requests.serve(dock)
        assert (refused.state, refused.reason) == (RequestState.REFUSED, "disclosure.no_drive")
        assert state_of(services, approved.id) is DisclosureState.APPROVED

        # A stranger's drive: refused and audited, as for the hand-over (Art. 12(2)).
        stranger = plug(drive_folder(services), "USB-STRANGER")
        kiosk.requests.disclosure.ask_export(head, approved.id)
        (refused,) = services.requests.serve(dock)
        assert refused.reason == "handover.drive_not_registered"
        assert newest(services, "handover_drive")[1:3] == ("USB-STRANGER", "refused")
        assert list(stranger.iterdir()) == []
        stranger.rmdir()

        # The registered drive, too small: refused before anything is written.
        drive = plug(drive_folder(services), SERIAL, free_bytes=100_000)
        kiosk.requests.disclosure.ask_export(head, approved.id)
        (refused,) = services.requests.serve(dock)
        assert refused.reason == "disclosure.drive_too_small"
        assert refused.params["free"] == "100000" and list(drive.iterdir()) == []
        assert state_of(services, approved.id) is DisclosureState.APPROVED

        # The service let the drive go: it is taken again only once plugged in again.
        kiosk.requests.disclosure.ask_export(head, approved.id)
        (refused,) = services.requests.serve(dock)
        assert refused.reason == "disclosure.no_drive"
        drive.rename(tmp_path / "pulled")
        kiosk.requests.disclosure.ask_export(head, approved.id)
        (refused,) = services.requests.serve(dock)
        assert refused.reason == "disclosure.no_drive"
        (tmp_path / "pulled").rename(drive)
        plug(drive_folder(services), SERIAL)  # room enough now
        asked = kiosk.requests.disclosure.ask_export(head, approved.id)
        (done,) = services.requests.serve(dock)
        assert (done.id, done.state, done.reason) == (asked.id, RequestState.DONE, "")
        assert done.params == {
            "request": str(approved.id), "files": "2", "bytes": "60000",
            "drive": DEMO_DRIVE[1],
        }  # fmt: skip
        assert kiosk.requests.progress(asked.id) == (60_000, 60_000)
        (package,) = drive.iterdir()
        assert package.name.startswith(f"bwc-disclosure-DEMO01-{approved.id}-")
        # The package verifies with the public key alone and holds exactly the approved clips.
        report = verify_package(package, services.ctx.audit_signer.public_key_b64())
        assert (report.kind, report.files) == ("disclosure", 2)
        listed = json.loads((package / "metadata" / "clips.json").read_text(encoding="utf-8"))
        assert sorted(entry["id"] for entry in listed) == sorted(approved.clip_ids)
        # Used once: the list no longer offers it, and asking again is refused at once.
        used = services.store.releases.disclosure(approved.id)
        assert (
            used is not None
            and used.state is DisclosureState.EXPORTED
            and used.package_id == int(done.result)
        )
        assert kiosk.disclosure.exportable(head) == []
        with pytest.raises(Refused) as again:
            kiosk.requests.disclosure.ask_export(head, approved.id)
        assert again.value.reason == "disclosure.already_exported"
    finally:
        kiosk.close()
    # The drive was let go: the next export must find it plugged in again.
    assert not services.requests.handover.holding
    actor, ident, outcome, detail = newest(services, "disclosure_verified")
    assert (actor, ident, outcome, detail["drive"]) == ("2001", done.result, "ok", SERIAL)
    assert newest(services, "disclosure_export_requested")[2:] == (
        "refused", {"reason": "disclosure.already_exported",
                    "params": {"request": str(approved.id)}},
    )  # fmt: skip
    verify_clean(services.settings.home)


def test_what_export_would_refuse_is_refused_when_asked(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """Unknown, not approved, used, expired: refused at once, one reason each, audited;
    nothing is queued for the service."""
    services, _ = demo
    approved = approved_request(services, tmp_path / "card", count=1)
    head = person(services, "2001")
    pending = services.disclosure.request(head, list(approved.clip_ids), "Press", "why")
    later = services.disclosure.request(head, list(approved.clip_ids), "Court", "case")
    services.disclosure.approve(person(services, "4001"), later.id)
    services.disclosure.export(head, approved.id, tmp_path / "out")

    def refused(ident: int) -> str:
        before = services.store.audit_log.count()
        with pytest.raises(Refused) as refusal:
            services.requests.disclosure.ask_export(head, ident)
        assert services.store.audit_log.count() == before + 1
        assert newest(services, ASKED)[:3] == ("2001", str(ident), "refused")
        return refusal.value.reason

    assert refused(99) == "disclosure.unknown_request"
    assert refused(pending.id) == "disclosure.not_approved"
    assert refused(approved.id) == "disclosure.already_exported"
    clock.advance(timedelta(days=7).total_seconds())
    assert refused(later.id) == "disclosure.expired"
    assert services.store.requests.queued() == []


def test_bwc_label_serve_says_why_an_export_was_not_done(demo: Demo, tmp_path: Path) -> None:
    """A real `bwc label serve` process, no drive at the box's USB ports: one line, in words;
    the approval is not used."""
    services, _ = demo
    approved = approved_request(services, tmp_path / "card", count=1)
    asked = services.requests.disclosure.ask_export(person(services, "2001"), approved.id)

    served = bwc("--home", str(services.settings.home), "--lang", "en", "label", "serve")

    assert served.code == 0 and served.stderr == ""
    assert served.stdout == (
        f"Disclosure export request {asked.id} (request {approved.id}) refused: No registered"
        " drive is docked: plug it in and press Export once more. The approval still stands.\n"
    )
    assert services.requests.get(asked.id).reason == "disclosure.no_drive"
    assert state_of(services, approved.id) is DisclosureState.APPROVED
