"""Provides the pre-shift check of Art. 4: the items, and which of them are still open."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum

from appliance.domain.articles import enforces


class CheckItem(StrEnum):
    """What Art. 4 asks an officer to check before use."""

    MAIN_BATTERY = "main_battery"
    SPARE_BATTERY = "spare_battery"
    FREE_SPACE = "free_space"
    CLOCK = "clock"
    LENS_MICROPHONE = "lens_microphone"


ALL_ITEMS: tuple[CheckItem, ...] = tuple(CheckItem)


@enforces("4")
def open_items(
    measured: Mapping[CheckItem, bool],
    confirmed: Collection[CheckItem],
) -> list[CheckItem]:
    """Items neither measured as passing nor confirmed by the officer.

    A measured failure stays open even if confirmed: a reading beats a tick (Art. 4).
    """
    still_open: list[CheckItem] = []
    for item in ALL_ITEMS:
        if item in measured:
            if not measured[item]:
                still_open.append(item)
        elif item not in confirmed:
            still_open.append(item)
    return still_open
