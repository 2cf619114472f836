"""The kiosk asks, the service signs (DESIGN §6): labels the kiosk cannot sign itself.

The kiosk's services hold the public half of the label key only, so a label asked for at the
kiosk waits on its row until the service (`bwc dock` as it runs, or `bwc label serve`) signs
and writes it in the requester's name, or refuses it and says why on the row.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.bootstrap import Services, build_dock, build_kiosk_services
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
    assert said.stdout == "No label requests are waiting.\n"
