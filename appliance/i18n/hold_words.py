"""Provides what a hold covers, in words, for the CLI and the kiosk alike (STYLE 14a)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from appliance.domain.holds import Hold, HoldScope
from appliance.i18n import t


def hold_covers(hold: Hold, language: str, shown: Callable[[datetime], str]) -> str:
    """'case ZF-1', 'clips 1,2' or 'footage of 1001 from … to …'; `shown` writes a time."""
    target = hold.target
    if target.scope is HoldScope.CLIPS:
        clips = ",".join(str(clip) for clip in sorted(target.clip_ids))
        return t("hold_scope.clips", language, clips=clips)
    if target.scope is HoldScope.CASE:
        return t("hold_scope.case", language, case=target.case_number)
    return t(
        "hold_scope.officer",
        language,
        officer=target.officer_badge,
        start=shown(target.start) if target.start else "",
        end=shown(target.end) if target.end else "",
    )
