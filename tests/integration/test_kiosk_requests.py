"""The kiosk asks, the service signs (DESIGN §6): labels the kiosk cannot sign itself.

The kiosk's services hold the public half of the label key only, so a label asked for at the
kiosk waits on its row until the service (`bwc dock` as it runs, or `bwc label serve`) signs
and writes it in the requester's name, or refuses it and says why on the row.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.adapter_choices import handover_drive_folder
from appliance.adapters.bag_reader import verify_package
from appliance.adapters.clock import SettableClock
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services, build_dock, build_kiosk_services, build_services
from appliance.demo import DemoBadge
from appliance.domain.errors import IllegalTransition, Refused
from appliance.domain.records import Actor
from appliance.domain.requests import (
    TRANSITIONS,
    RequestEvent,
    RequestKind,
    RequestState,
    next_state,
)
from appliance.domain.scan import CodeKind
from appliance.services.auth import actor_of
from appliance.services.dock import dock_actor
from tests.cli_run import bwc, verify_clean
from tests.release.homes import seed
from tests.tui.handover_steps import HANDOVER_MONDAY

Demo = tuple[Services, dict[str, DemoBadge]]
PNG = b"\x89PNG\r\n\x1a\n"


def person(services: Services, badge: str) -> Actor:
    found = services.store.people.get(badge)
    assert found is not None
    return actor_of(found)


def newest(services: Services, action: str) -> tuple[str, str, str, dict[str, object]]:
    [event] = [e for e in services.store.audit_log.recent(40) if e.action == action][:1]
    return event.actor, event.object_id, event.outcome, json.loads(event.detail_json)


def test_the_request_table_answers_once() -> None:
    """Queued goes to done or refused, once; nothing leaves an answer (a table, STYLE 2)."""
    assert next_state(RequestState.QUEUED, RequestEvent.DO) is RequestState.DONE
    assert next_state(RequestState.QUEUED, RequestEvent.REFUSE) is RequestState.REFUSED
    for state in (RequestState.DONE, RequestState.REFUSED):
        for event in RequestEvent:
            assert (state, event) not in TRANSITIONS
            with pytest.raises(IllegalTransition):
                next_state(state, event)


def test_a_label_asked_at_the_kiosk_is_signed_by_the_service(demo: Demo) -> None:
    services, _ = demo
    kiosk = build_kiosk_services(services.settings)
    try:
        admin = person(kiosk, "9001")
        asked = kiosk.requests.ask_label(admin, CodeKind.DEVICE, "DSJ-A001")
        assert (asked.kind, asked.state, asked.requested_by) == (
            RequestKind.LABEL_DEVICE, RequestState.QUEUED, "9001"
        )  # fmt: skip
        # The kiosk holds no key: it answers nothing, the request waits.
        assert not kiosk.requests.can_serve() and kiosk.requests.serve(admin) == []
        assert kiosk.requests.get(asked.id).state is RequestState.QUEUED
    finally:
        kiosk.close()
    assert newest(services, "label_requested")[:3] == ("9001", str(asked.id), "ok")

    # The dock's loop answers it, as bwc-dock.service does between events.
    dock = build_dock(services)
    try:
        dock.answer_requests()
    finally:
        dock.shutdown()

    done = services.requests.get(asked.id)
    assert done.state is RequestState.DONE and done.reason == ""
    label = Path(done.result)
    assert label.parent == services.settings.exports_dir / "labels"
    assert label.read_bytes()[:8] == PNG
    # Printed in the requester's name, answered by the dock (DESIGN §5: both in the log).
    actor, subject, outcome, detail = newest(services, "print_label")
    assert (actor, subject, outcome, detail["path"]) == ("9001", "DSJ-A001", "ok", str(label))
    actor, _, outcome, detail = newest(services, "request_answered")
    assert (actor, outcome, detail["result"]) == (dock_actor("DEMO01").actor_id, "ok", str(label))
    # Answered once: the next look finds nothing to do.
    assert services.requests.serve(dock_actor("DEMO01")) == []
    verify_clean(services.settings.home)


def test_a_request_whose_requester_left_is_refused_on_its_row(demo: Demo) -> None:
    """A unit head who asked and was deactivated before the service looked: no label."""
    services, _ = demo
    head = person(services, "2001")
    asked = services.requests.ask_label(head, CodeKind.BADGE, "1002")
    services.personnel.deactivate(person(services, "9001"), "2001", person(services, "4001"))

    [answer] = services.requests.serve(dock_actor("DEMO01"))

    assert (answer.id, answer.state, answer.reason, answer.result) == (
        asked.id, RequestState.REFUSED, "request_requester_gone", ""
    )  # fmt: skip
    assert not list((services.settings.exports_dir / "labels").glob("*.png"))
    _, _, outcome, detail = newest(services, "request_answered")
    assert outcome == "refused"
    assert (detail["subject"], detail["reason"], detail["result"]) == (
        "1002", "request_requester_gone", ""
    )  # fmt: skip


def test_asking_for_what_is_not_registered_is_refused_and_queues_nothing(demo: Demo) -> None:
    services, _ = demo
    admin = person(services, "9001")
    for kind, value, reason in (
        (CodeKind.DEVICE, "NOPE-1", "unknown_recorder"),
        (CodeKind.BADGE, "7777", "unknown_badge"),
    ):
        with pytest.raises(Refused) as refused:
            services.requests.ask_label(admin, kind, value)
        assert refused.value.reason == reason
        assert newest(services, "label_requested")[1:3] == (value, "refused")
    assert services.store.requests.queued() == []


def test_bwc_label_serve_answers_the_queue_in_one_line_each(demo: Demo, tmp_path: Path) -> None:
    services, _ = demo
    home = str(services.settings.home)
    admin = person(services, "9001")
    first = services.requests.ask_label(admin, CodeKind.DEVICE, "DSJ-A002")
    second = services.requests.ask_label(admin, CodeKind.BADGE, "1001")

    served = bwc("--home", home, "--lang", "en", "label", "serve")

    assert served.code == 0 and served.stderr == ""
    lines = served.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"Label request {first.id}", f"Label request {second.id}"
    ]  # fmt: skip
    for line, request in zip(lines, (first, second), strict=True):
        assert line.endswith(f"{services.requests.get(request.id).result}.")
    again = bwc("--home", home, "--lang", "en", "--json", "label", "serve")
    assert (again.code, json.loads(again.stdout)["answered"]) == (0, [])
    said = bwc("--home", home, "--lang", "en", "label", "serve")
    assert said.stdout == "No kiosk requests are waiting.\n"


def test_the_service_does_the_collectors_hand_over_and_says_why_not(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """Art. 12(2) on the box: the kiosk queues the week's package; `bwc label serve` (a real
    process, with no drive at the box's USB ports) refuses it in one line; the service writes
    and verifies it once the registered drive is docked; and a service started afresh takes
    the receipt, finding the package on the drive by the name the box recorded."""
    services, _ = demo
    home = str(services.settings.home)
    seed(services, tmp_path / "card", 2, size=30_000)
    clock.advance((HANDOVER_MONDAY - clock.now()).total_seconds())
    collector = person(services, "3001")
    dock = dock_actor(services.settings.unit_code)
    kiosk = build_kiosk_services(services.settings, clock=clock)
    try:
        first = kiosk.requests.handover.ask_write(collector, "2026-W48")
        refused = bwc("--home", home, "--lang", "en", "label", "serve")
        assert refused.code == 0 and refused.stderr == ""
        assert refused.stdout == (
            f"Hand-over request {first.id} (write the week's package to the drive) refused:"
            " No registered hand-over drive is docked: plug it in (again, if it was let go)"
            " and press Write once more.\n"
        )
        assert kiosk.requests.get(first.id).state is RequestState.REFUSED
        _, _, outcome, detail = newest(services, "request_answered")
        assert (outcome, detail["kind"], detail["reason"]) == (
            "refused", "handover_write", "handover.no_drive"
        )  # fmt: skip

        drive = plug(handover_drive_folder(services.settings), DEMO_DRIVE[0])
        second = kiosk.requests.handover.ask_write(collector, "2026-W48")
        (done,) = services.requests.serve(dock)
        assert (done.id, done.state, done.reason) == (second.id, RequestState.DONE, "")
        assert done.params["files"] == "2"
        assert kiosk.requests.progress(second.id) == (60_000, 60_000)
        (package,) = drive.iterdir()
        assert verify_package(package, services.ctx.audit_signer.public_key_b64()).files == 2
        assert services.store.releases.handed_over() == set()

        receipt = kiosk.requests.handover.ask_receipt(collector, int(done.result))
        restarted = build_services(services.settings, clock=clock)
        try:
            (taken,) = restarted.requests.serve(dock)
        finally:
            restarted.close()
        assert (taken.id, taken.state, taken.params) == (
            receipt.id, RequestState.DONE, {"clips": "2"}
        )  # fmt: skip
        assert services.store.releases.handed_over() == {c.id for c in services.clips.listing()}
        assert newest(services, "handover_received")[0] == "3001"
    finally:
        kiosk.close()


def test_a_drive_let_go_is_taken_again_only_once_plugged_in_again(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """The collector leaves before the receipt: the service lets the drive go (flushed and
    unmounted on a box), so the next package waits for the drive to be plugged in again."""
    services, _ = demo
    seed(services, tmp_path / "card", 1, size=30_000)
    clock.advance((HANDOVER_MONDAY - clock.now()).total_seconds())
    collector = person(services, "3001")
    dock = dock_actor(services.settings.unit_code)
    drives = handover_drive_folder(services.settings)
    plug(drives, DEMO_DRIVE[0])
    written = services.requests.handover.ask_write(collector, "2026-W48")
    (done,) = services.requests.serve(dock)
    assert done.id == written.id and done.state is RequestState.DONE
    services.requests.handover.ask_release(collector, int(done.result))
    (released,) = services.requests.serve(dock)
    assert (released.kind, released.state) == (RequestKind.HANDOVER_RELEASE, RequestState.DONE)
    services.requests.handover.ask_write(collector, "2026-W48")
    (again,) = services.requests.serve(dock)
    assert (again.state, again.reason) == (RequestState.REFUSED, "handover.no_drive")
    # Pulled and plugged in again: a new package of the same clips (the first was never
    # received, so it marks nothing).
    (drives / DEMO_DRIVE[0]).rename(tmp_path / "pulled")
    services.requests.handover.ask_write(collector, "2026-W48")
    (pulled,) = services.requests.serve(dock)
    assert pulled.reason == "handover.no_drive"
    (tmp_path / "pulled").rename(drives / DEMO_DRIVE[0])
    clock.advance(60)  # a package's name carries the minute it was made
    services.requests.handover.ask_write(collector, "2026-W48")
    (third,) = services.requests.serve(dock)
    assert third.state is RequestState.DONE and int(third.result) == int(done.result) + 1
    assert len(list((drives / DEMO_DRIVE[0]).iterdir())) == 2


def test_bwc_label_serve_without_the_key_refuses_in_one_line_and_answers_nothing(
    demo: Demo,
) -> None:
    """DESIGN §6: only the service user reads the unit's keys; run by an account that cannot
    (here: the home's label key is gone), `label serve` says so and leaves the queue as it is."""
    services, _ = demo
    asked = services.requests.ask_label(person(services, "9001"), CodeKind.DEVICE, "DSJ-A001")
    key = services.settings.keys_dir / "label.key"
    key.rename(key.with_name("label.key.away"))

    refused = bwc("--home", str(services.settings.home), "--lang", "en", "label", "serve")

    assert (refused.code, refused.stdout) == (1, "")
    assert refused.stderr == (
        "This account cannot answer the kiosk's requests: run it as the service user (bwc),"
        " which holds the unit's keys.\n"
    )
    assert services.requests.get(asked.id).state is RequestState.QUEUED
    assert list(services.requests.labels_dir.glob("*.png")) == []
