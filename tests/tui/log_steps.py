"""Provides the step to the audit log screen that its test and the walk share."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot

from appliance.bootstrap import Services
from appliance.domain.errors import Refused
from tests.conftest import DEMO_PINS
from tests.tui.helpers import settle, sign_in


async def at_log(pilot: Pilot[None], services: Services) -> None:
    """An officer's refusal in the log; the auditor at the audit log, the newest shown."""
    officer = services.auth.sign_in("1001", DEMO_PINS["1001"])
    with contextlib.suppress(Refused):
        services.alarms.acknowledge(officer, 1, "x")
    await sign_in(pilot, "5001", DEMO_PINS["5001"])
    await pilot.click("#audit-log")
    await settle(pilot)
