"""Burning an evidence disc through the DiscWriter port (DESIGN §12): read back from the medium.

The simulator implements the port (the medium is a file); a burner that spoils one byte shows
that the read-back of the medium, not the image, decides: the disc is refused, nothing is
marked evidence, and the refusal is in the log.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from appliance import config
from appliance.adapters.clock import SettableClock
from appliance.adapters.disc_reader import verify_disc
from appliance.adapters.xorriso import SimulatedBurner, XorrisoDisc
from appliance.bootstrap import Services, open_services
from appliance.domain.errors import BadInput, Refused
from appliance.services.discs import DiscOrder
from tests.conftest import DEMO_PINS, START
from tests.discs.disc_files import flip_byte_of
from tests.discs.homes import CASE, NAMES, NO_HOLDER_CASE, PLACE


class SpoilingBurner(SimulatedBurner):
    """A burner whose medium differs from the image by one byte of verify.py (a bad burn)."""

    def burn(self, iso_path: Path, device: str) -> None:
        """Write the image, then flip a byte inside one file's extent on the medium."""
        super().burn(iso_path, device)
        flip_byte_of(Path(device), "/verify.py")


def _services(home: Path, burner: SimulatedBurner) -> Services:
    return open_services(
        config.load(home, home / "kiosk.toml"),
        clock=SettableClock(START + timedelta(days=2)),
        disc=burner,
    )


def test_a_burnt_disc_is_read_back_from_the_medium_and_verifies(
    disc_home: Path, tmp_path: Path
) -> None:
    services = _services(disc_home, SimulatedBurner())
    try:
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        medium = tmp_path / "medium"
        made = services.discs.create(
            head, DiscOrder(CASE, tmp_path, burn_device=str(medium), place=PLACE, language="en")
        )
        assert made.burned_to == str(medium) and made.clips == len(NAMES)
        disc = services.store.discs.get(made.disc_id)
        assert disc is not None and disc.burned_to == str(medium)
        assert disc.image_sha256 == made.image_sha256 and disc.place == PLACE
        assert set(services.store.discs.clips_of(made.disc_id)) == (
            services.store.discs.evidence_clip_ids()
        )
    finally:
        services.close()
    report = verify_disc(medium)
    assert report.package.files == len(NAMES) and report.package.kind == "disc"


def test_a_spoilt_burn_is_refused_and_nothing_is_evidence(disc_home: Path, tmp_path: Path) -> None:
    services = _services(disc_home, SpoilingBurner())
    out = tmp_path / "out"
    out.mkdir()
    try:
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        order = DiscOrder(CASE, out, burn_device=str(tmp_path / "medium"), place=PLACE)
        with pytest.raises(Refused) as refused:
            services.discs.create(head, order)
        assert refused.value.reason == "disc.read_back_mismatch"
        assert services.store.discs.evidence_clip_ids() == set()
        assert services.store.discs.of_case(CASE) == []
        last = list(services.store.audit_log.iterate())[-1]
        assert (last.action, last.outcome) == ("disc_create", "refused")
        detail = json.loads(last.detail_json)
        assert detail["reason"] == "disc.read_back_mismatch"
        assert detail["params"] == {"file": "verify.py"}
    finally:
        services.close()
    # Neither the image nor the form of a disc that failed is left to be taken for evidence.
    assert list(out.iterdir()) == []


def test_a_case_whose_clips_lack_a_holder_needs_the_recorded_by(
    disc_home: Path, tmp_path: Path
) -> None:
    """Art. 12(4): the person who recorded is on the form; without a custody session the box
    cannot know them, so it asks (`--recorded-by`); given, the disc is made."""
    services = _services(disc_home, SimulatedBurner())
    out = tmp_path / "out"
    out.mkdir()
    try:
        head = services.auth.sign_in("2001", DEMO_PINS["2001"])
        with pytest.raises(BadInput) as refused:
            services.discs.create(head, DiscOrder(NO_HOLDER_CASE, out, place=PLACE))
        assert refused.value.reason == "disc.recorded_by_needed"
        assert list(out.iterdir()) == []
        made = services.discs.create(
            head, DiscOrder(NO_HOLDER_CASE, out, place=PLACE, recorded_by="王五 Wang Wu")
        )
        disc = services.store.discs.get(made.disc_id)
        assert disc is not None and disc.recorded_by == "王五 Wang Wu"
    finally:
        services.close()


def test_the_writers_say_which_devices_they_burn_to(tmp_path: Path) -> None:
    """Asked before anything is sealed: the box's burner names only a device node."""
    box = XorrisoDisc()
    assert box.accepts("/dev/sr0") and box.accepts("/dev/dvdrw1")
    for other in ("/dev/sda", "-blank=all", str(tmp_path / "x"), "/dev/sr0/../sda"):
        assert not box.accepts(other), other
    simulated = SimulatedBurner()
    (tmp_path / "used").write_bytes(b"burnt")
    assert simulated.accepts(str(tmp_path / "blank"))
    assert not simulated.accepts(str(tmp_path / "used"))
    assert not simulated.accepts(str(tmp_path / "no-folder" / "blank"))
