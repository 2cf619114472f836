"""Provides a home with disclosure requests waiting for the bureau head (Art. 11, 13).

Officer 1001's shift leaves two clips A and B (B classed personal privacy by unit head 2001);
then three requests: No. 1 by 1001 for both clips, No. 2 by bureau head 4001 for A (their own,
so they may not decide it), No. 3 by 2001 for A.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from appliance.adapters.clock import SettableClock
from appliance.adapters.simulator import create_simulator
from appliance.bootstrap import Services
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.confidentiality import Classification
from tests.conftest import DEMO_PINS

# Bytes no prober reads: the clips are archived byte-exact and flagged unreadable.
JUNK = {"A.MP4": b"\x01junk" * 400, "B.MP4": b"\x02junk" * 400}


def seed_requests(
    services: Services, clock: SettableClock, clips: dict[str, bytes] | None = None
) -> dict[str, int]:
    """The shift, its offload and the three requests; clip name -> clip id."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    session = services.custody.sign_out(officer, "DSJ-A002", set(ALL_ITEMS))
    card = Path(services.settings.home) / "card"
    create_simulator(card, "DSJ-A002")
    filmed_at = (session.started_at + timedelta(minutes=30)).timestamp()
    clock.advance(3600)
    services.custody.return_recorder(officer, "DSJ-A002")
    # One offload per clip, so that A is clip 1 and B clip 2 on every run (the pipeline
    # commits a batch in the order its clips finish).
    for name, content in (clips or JUNK).items():
        (card / "DCIM" / name).write_bytes(content)
        os.utime(card / "DCIM" / name, (filmed_at, filmed_at))
        services.offload.run(create_simulator(card, "DSJ-A002"), clear=False)
    services.thumbnails.wait()
    ids = {row.source_name.rsplit("/", 1)[-1]: row.id for row in services.clips.listing()}
    head = services.auth.sign_in("2001", DEMO_PINS["2001"])
    services.clips.classify(head, [ids["B.MP4"]], Classification.PRIVACY)
    bureau = services.auth.sign_in("4001", DEMO_PINS["4001"])
    services.disclosure.request(
        officer, [ids["A.MP4"], ids["B.MP4"]], "市人民法院 City Court", "ZF-2026-0031 证据"
    )
    services.disclosure.request(bureau, [ids["A.MP4"]], "省新闻办 Press Office", "公开通报")
    services.disclosure.request(head, [ids["A.MP4"]], "当事人李明 Li Ming", "当事人申请")
    return ids
