"""Provides the rules for filing clips under a case number (Art. 8)."""

from __future__ import annotations

from appliance.domain.errors import BadInput, Refused
from appliance.domain.roles import Action, Role, is_allowed

CASE_NUMBER_MAX = 64


def check_case_number(text: str) -> str:
    """A case number: 1-64 printable characters, no surrounding space (e.g. 教执罚〔2026〕12号)."""
    number = text.strip()
    if not number or len(number) > CASE_NUMBER_MAX or not number.isprintable():
        raise BadInput("bad_case_number")
    return number


def filing_permission(
    badge: str, role: Role, unit_code: str, holder_badge: str | None, clip_unit: str
) -> Action:
    """The permission a filing uses, or Refused: the holder files their own clips (Art. 8),
    the unit head files any clip of the unit (Art. 7) and clips of unregistered recorders."""
    if holder_badge is not None and holder_badge == badge:
        if not is_allowed(role, Action.FILE_CLIP):
            raise Refused("permission_denied", action=Action.FILE_CLIP.value, role=role.value)
        return Action.FILE_CLIP
    if not is_allowed(role, Action.FILE_CLIP_FOR_OTHER):
        raise Refused("not_your_clip")
    if clip_unit not in (unit_code, ""):
        raise Refused("clip_other_unit", unit=clip_unit)
    return Action.FILE_CLIP_FOR_OTHER
