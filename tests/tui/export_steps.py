"""Provides an approved disclosure waiting to be exported, and the steps to the export screen
that the Pilot tests, the walk and the double press share (Art. 11, 13)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from appliance.adapter_choices import handover_drive_folder
from appliance.adapters.demo_recorders import DEMO_DRIVE
from appliance.adapters.drive_simulator import plug
from appliance.bootstrap import Services
from appliance.domain.disclosure import Disclosure
from appliance.domain.records import Actor
from appliance.services.auth import actor_of
from tests.conftest import DEMO_PINS
from tests.release.homes import seed
from tests.tui.helpers import settle, sign_in

SERIAL = DEMO_DRIVE[0]


def person(services: Services, badge: str) -> Actor:
    """A demo person as the services know them (no PIN: the kiosk's sign-in is not tested)."""
    found = services.store.people.get(badge)
    assert found is not None
    return actor_of(found)


def approved_request(
    services: Services, card: Path, count: int = 2, size: int = 30_000
) -> Disclosure:
    """`count` clips offloaded; unit head 2001 asks for them all, bureau head 4001 approves."""
    seed(services, card, count, size=size)
    clips = [clip.id for clip in services.clips.listing()]
    head = person(services, "2001")
    asked = services.disclosure.request(head, clips, "City Court 市人民法院", "case ZF-2026-0031")
    return services.disclosure.approve(person(services, "4001"), asked.id)


def drive_folder(services: Services) -> Path:
    """Where the simulated drives are docked."""
    return handover_drive_folder(services.settings)


def prepare_export(services: Services) -> Disclosure:
    """Two clips asked for and approved; the registered drive docked (8 GB free)."""
    request = approved_request(services, services.settings.home / "export-card")
    plug(drive_folder(services), SERIAL, free_bytes=8_000_000_000)
    return request


async def open_export(pilot: Pilot[None], badge: str = "2001") -> None:
    """An exporter signs in and opens Export a disclosure."""
    await sign_in(pilot, badge, DEMO_PINS[badge])
    await pilot.click("#export-disclosure")
    await settle(pilot)
