"""The kiosk's evidence disc asked of the service (Art. 12(4), DESIGN §6).

On the box the kiosk holds no key and may not open the burner, so it queues a `disc_burn`
request; the service makes the disc in the unit head's name, says its steps on the progress
row, and answers on the request. What the disc would refuse is refused when asked, in one line,
audited once, and nothing is queued. A real `bwc label serve` on a box with no burner says so in
words, and seals nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.adapters.clock import SettableClock
from appliance.bootstrap import Services
from appliance.cli.labels import _answer_line
from appliance.demo import DemoBadge
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import Refusal
from appliance.domain.requests import RequestKind, RequestState
from appliance.services.dock import dock_actor
from tests.cli_run import bwc
from tests.tui.disc_steps import CASE, PLACE, RECORDED_BY, filed_cases
from tests.tui.export_steps import person

Demo = tuple[Services, dict[str, DemoBadge]]


def test_the_service_makes_the_asked_disc_and_says_its_steps(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    services, _ = demo
    on_disc = filed_cases(services, tmp_path / "card")
    head = person(services, "2001")
    asked = services.requests.disc.ask(head, CASE, PLACE, RECORDED_BY, "en")
    assert (asked.kind, asked.subject, asked.requested_by) == (RequestKind.DISC_BURN, CASE, "2001")

    (done,) = services.requests.serve(dock_actor(services.settings.unit_code))

    assert (done.state, done.reason) == (RequestState.DONE, "")
    (disc,) = services.store.discs.of_case(CASE)
    assert done.result == str(disc.id)
    # The steps row ends at the last step begun: the form, sixth of six.
    assert services.store.requests.progress(asked.id) == (5, 6)
    assert (disc.place, disc.recorded_by, disc.made_by) == (PLACE, RECORDED_BY, "2001")
    assert services.store.discs.evidence_clip_ids() == set(on_disc)
    assert _answer_line(done, "en") == (
        f"Evidence disc request {asked.id} (case {CASE}) done: disc {disc.id},"
        f" {done.params['files']} files read back from {disc.burned_to};"
        f" the record form is {done.params['form']} (printer job: demo-1)."
    )
    assert Path(done.params["form"]).name == f"{CASE}-record-form.pdf"


@pytest.mark.parametrize(
    ("case", "place", "recorded_by", "reason"),
    [
        ("ZF-9999", PLACE, RECORDED_BY, "disc.unknown_case"),
        ("ZF\x1b[2J", PLACE, RECORDED_BY, "bad_case_number"),
        (CASE, None, RECORDED_BY, "disc.place_needed"),
        (CASE, "x" * 201, RECORDED_BY, "disc.bad_place"),
        (CASE, PLACE, None, "disc.recorded_by_needed"),
        (CASE, PLACE, "王\x1b[2J", "disc.bad_recorded_by"),
    ],
)
def test_what_the_disc_would_refuse_is_refused_when_asked(
    demo: Demo,
    tmp_path: Path,
    case: str,
    place: str | None,
    recorded_by: str | None,
    reason: str,
) -> None:
    services, _ = demo
    filed_cases(services, tmp_path / "card")
    before = services.store.audit_log.count()
    with pytest.raises(Refusal) as refused:
        services.requests.disc.ask(person(services, "2001"), case, place, recorded_by, "en")
    assert refused.value.reason == reason
    assert services.store.requests.queued() == []
    (event,) = list(services.store.audit_log.iterate(after_seq=before))
    assert (event.action, event.outcome) == ("disc_burn_requested", "refused")
    assert json.loads(event.detail_json)["reason"] == reason


def test_a_state_secret_in_the_case_is_refused_when_asked(demo: Demo, tmp_path: Path) -> None:
    """Art. 3: a state secret never leaves the kiosk, not even on an evidence disc."""
    services, _ = demo
    first, _second = filed_cases(services, tmp_path / "card")
    services.clips.classify(person(services, "2001"), [first], Classification.STATE_SECRET)
    with pytest.raises(Refusal) as refused:
        services.requests.disc.ask(person(services, "2001"), CASE, PLACE, RECORDED_BY, "en")
    assert (refused.value.reason, refused.value.params) == ("disc.state_secret", {"clip": first})
    assert services.store.requests.queued() == []


def test_bwc_label_serve_on_a_box_without_a_burner_says_so(demo: Demo, tmp_path: Path) -> None:
    """A real `bwc label serve` process (a box's adapters: xorriso, /dev/bwc-burner absent):
    one line, in words; nothing sealed, nothing evidence, the request refused."""
    services, _ = demo
    filed_cases(services, tmp_path / "card")
    asked = services.requests.disc.ask(person(services, "2001"), CASE, PLACE, RECORDED_BY, "en")
    before = services.store.audit_log.count()

    served = bwc("--home", str(services.settings.home), "--lang", "en", "label", "serve")

    assert served.code == 0 and served.stderr == ""
    assert served.stdout == (
        f"Evidence disc request {asked.id} (case {CASE}) refused: No disc burner is attached"
        " (/dev/bwc-burner): nothing was sealed. Connect the unit's burner (IT lists it in"
        " kiosk_burners), put a blank disc in and try again.\n"
    )
    assert services.requests.get(asked.id).reason == "disc.no_burner"
    written = [e.action for e in services.store.audit_log.iterate(after_seq=before)]
    assert written == ["disc_create", "request_answered"]
    assert services.store.discs.of_case(CASE) == []
    assert services.store.discs.evidence_clip_ids() == set()
