"""The unit head's evidence disc of a case at the kiosk (issue 11 item 4; Art. 12(4)).

Demo mode: the unit head chooses a case, sees its clips, is refused in words without the place
and without who recorded (no custody session covers the seeded clips), then makes the disc; the
demo's burner writes a new file, the disc read back from that file verifies with the unit's
public key, and the clips are evidence. Box mode: the kiosk holds no key and may not open the
burner, so it queues the disc; the service's steps show as they come, then its answer. No
burner attached: refused in one line before anything is sealed or queued.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Button, Input, OptionList, ProgressBar

from appliance.adapters.clock import SettableClock
from appliance.adapters.disc_reader import verify_disc
from appliance.adapters.xorriso import SimulatedBurner
from appliance.bootstrap import Services, build_kiosk_services, open_services
from appliance.demo import DemoBadge
from appliance.i18n import t
from appliance.services.dock import dock_actor
from tests.conftest import DEMO_PINS
from tests.tui.disc_steps import CASE, OTHER, PLACE, filed_cases
from tests.tui.helpers import notice_text, settle, shown, sign_in
from tui.app import create_app
from tui.screens.disc import DiscScreen
from tui.screens.done import DoneScreen

Demo = tuple[Services, dict[str, DemoBadge]]


def _screen(app: object) -> DiscScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, DiscScreen), screen
    return screen


def _options(screen: DiscScreen) -> list[str]:
    listing = screen.query_one("#disc-cases", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_the_unit_head_makes_a_case_disc_and_its_clips_become_evidence(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    on_disc = filed_cases(services, tmp_path / "card")
    app = create_app(services, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", DEMO_PINS["2001"])
        await pilot.click("#disc")
        await settle(pilot)
        screen = _screen(app)
        assert _options(screen) == [
            f"Case {CASE} · 2 clips, 100.0 KB",
            f"Case {OTHER} · 1 clip, 50.0 KB",
        ]
        names = {c.id: c.source_name.rsplit("/", 1)[-1] for c in services.clips.listing()}
        assert shown(app, "#disc-clips").splitlines() == [
            "On the disc: 2 clips",
            *(
                f"  No. {clip} · 2026-11-25 · {names[clip]} · 50.0 KB · no custody session"
                for clip in on_disc
            ),
        ]

        assert shown(app, "#disc-burner") == "The burner is attached: put a blank disc in it."
        recorded = screen.query_one("#disc-recorded-by", Input)
        assert recorded.placeholder == "Who recorded (needed: no custody session)"
        make = screen.query_one("#make", Button)
        assert not make.disabled

        # Art. 12(4): the place is on the form and the box cannot know it.
        make.press()
        await settle(pilot)
        assert notice_text(app) == services_words(services, "disc.place_needed")
        screen.query_one("#disc-place", Input).value = PLACE
        make.press()
        await settle(pilot)
        assert notice_text(app) == services_words(services, "disc.recorded_by_needed")
        assert services.store.discs.evidence_clip_ids() == set()
        assert not screen.query_one("#disc-bar", ProgressBar).display
        recorded.value = "王强"
        make.press()
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen), notice_text(app)
        line = shown(app, "#done-line")
        assert line.startswith(f"The disc of case {CASE} is made: 2 clips, ")
        assert "files read back from the disc; its checksum begins " in line
        assert line.endswith(
            " The record form is printing on demo: have the officer and the unit leader sign"
            " it, seal it and file it with the disc."
        )

        await pilot.click("#menu")
        await settle(pilot)
        await pilot.click("#disc")
        await settle(pilot)
        assert _options(_screen(app))[0] == f"Case {CASE} · 2 clips, 100.0 KB · 1 disc made before"

    (disc,) = services.store.discs.of_case(CASE)
    assert (disc.place, disc.recorded_by) == (PLACE, "王强")
    assert services.store.discs.evidence_clip_ids() == set(on_disc)
    # The demo's burner wrote a new file; read back from it, the disc verifies.
    (medium,) = (services.settings.exports_dir / "discs" / "burner").iterdir()
    assert disc.burned_to == str(medium)
    report = verify_disc(medium, services.ctx.audit_signer.public_key_b64())
    assert report.image_sha256 == disc.image_sha256
    (folder,) = [
        p for p in (services.settings.exports_dir / "discs").iterdir() if p.name != "burner"
    ]
    assert sorted(p.name for p in folder.iterdir()) == [f"{CASE}-record-form.pdf", f"{CASE}.iso"]
    # Art. 12(4): the form went to paper, byte for byte the one beside the image.
    (printed,) = (services.settings.exports_dir / "printed").iterdir()
    assert printed.read_bytes() == (folder / f"{CASE}-record-form.pdf").read_bytes()
    walk = [
        (e.action, e.object_id, e.outcome)
        for e in services.store.audit_log.recent(40)
        if e.action.startswith("disc_")
    ][::-1]
    assert walk == [
        ("disc_create", CASE, "refused"),
        ("disc_create", CASE, "refused"),
        ("disc_made", str(disc.id), "ok"),
        ("disc_form_printed", str(disc.id), "ok"),
    ]


def services_words(services: Services, key: str) -> str:
    """A catalogue line in the home's language (the demo's: English)."""
    return t(key, services.settings.language)


async def test_on_the_box_the_kiosk_asks_the_service_for_the_disc(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """DESIGN §6: the kiosk holds public keys only and may not open the burner; the service
    (here the home's own services, as `bwc dock` is) makes the disc in the unit head's name."""
    service, badges = demo
    on_disc = filed_cases(service, tmp_path / "card")
    kiosk = build_kiosk_services(service.settings, clock=clock)
    assert not kiosk.requests.disc.direct and not kiosk.requests.can_serve()
    dock = dock_actor(service.settings.unit_code)
    app = create_app(kiosk, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", DEMO_PINS["2001"])
        await pilot.click("#disc")
        await settle(pilot)
        screen = _screen(app)
        make = screen.query_one("#make", Button)
        # Refused when asked, in one line: nothing is queued.
        make.press()
        await settle(pilot)
        assert notice_text(app) == services_words(service, "disc.place_needed")
        assert service.store.requests.queued() == []

        screen.query_one("#disc-place", Input).value = PLACE
        screen.query_one("#disc-recorded-by", Input).value = "王强"
        make.press()
        make.press()
        await settle(pilot)
        (asked,) = service.store.requests.queued()
        assert (asked.subject, dict(asked.params)) == (
            CASE,
            {"place": PLACE, "recorded_by": "王强", "language": "en"},
        )
        assert notice_text(app) == (
            f"The service is making the disc of case {CASE}. Leave the disc in the burner."
        )
        assert make.disabled and screen.query_one("#disc-place", Input).disabled
        # The service's steps, as it goes: the bar and the line follow them.
        service.store.requests.set_progress(asked.id, 3, 6, clock.now())
        screen.poll_answer()
        await settle(pilot)
        bar = screen.query_one("#disc-bar", ProgressBar)
        assert bar.display and (bar.progress, bar.total) == (3, 6)
        assert shown(app, "#disc-burner") == (
            f"Case {CASE}, step 4 of 6: burning the disc. Leave the disc in the burner."
        )
        (done,) = service.requests.serve(dock)
        assert done.reason == "" and done.params["case"] == CASE
        screen.poll_answer()
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen), notice_text(app)
        assert shown(app, "#done-line").startswith(f"The disc of case {CASE} is made: 2 clips, ")
    (disc,) = service.store.discs.of_case(CASE)
    assert service.store.discs.evidence_clip_ids() == set(on_disc)
    assert disc.made_by == "2001" and disc.burned_to is not None
    assert verify_disc(Path(disc.burned_to)).image_sha256 == disc.image_sha256
    walk = [
        (e.action, e.actor, e.outcome)
        for e in service.store.audit_log.recent(60)
        if e.action.startswith(("disc_", "request_answered"))
    ][::-1]
    assert walk == [
        ("disc_burn_requested", "2001", "refused"),
        ("disc_burn_requested", "2001", "ok"),
        ("disc_made", "2001", "ok"),
        ("disc_form_printed", "2001", "ok"),
        ("request_answered", dock.actor_id, "ok"),
    ]
    kiosk.close()


async def test_no_burner_is_refused_in_one_line_before_anything_is_sealed(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    filed_cases(services, tmp_path / "card")
    services.close()
    # The same home on a box whose burner is not attached: no blank medium anywhere.
    bare = open_services(services.settings, clock=clock, disc=SimulatedBurner())
    app = create_app(bare, list(badges.values()), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "2001", DEMO_PINS["2001"])
        await pilot.click("#disc")
        await settle(pilot)
        screen = _screen(app)
        assert shown(app, "#disc-burner") == (
            "No burner is attached: connect the unit's burner before making a disc."
        )
        screen.query_one("#disc-place", Input).value = PLACE
        screen.query_one("#disc-recorded-by", Input).value = "王强"
        screen.query_one("#make", Button).press()
        await settle(pilot)
        assert notice_text(app) == (
            "No disc burner is attached (/dev/bwc-burner): nothing was sealed. Connect the"
            " unit's burner (IT lists it in kiosk_burners), put a blank disc in and try again."
        )
        assert isinstance(app.screen, DiscScreen)
    assert bare.store.discs.of_case(CASE) == []
    # No folder, no image, no form: nothing was begun.
    assert not (bare.settings.exports_dir / "discs").exists()
    (refused,) = [e for e in bare.store.audit_log.recent(20) if e.action == "disc_create"]
    assert (refused.outcome, json.loads(refused.detail_json)["reason"]) == (
        "refused",
        "disc.no_burner",
    )
    assert not any(e.action == "package_sealed" for e in bare.store.audit_log.recent(20))
    bare.close()
