"""Provides the two-person rules of a disclosure: request, approval, refusal, export (Art. 11, 13).

Pure: the clock's reading and the people are given. An approval is bound to the sha256 of the
exact sorted item set, given by a bureau head who is not the requester, used once, and
expires after 7 days (DESIGN §10).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import Refused
from appliance.domain.roles import Role

APPROVAL_LIFETIME = timedelta(days=7)
RECIPIENT_LIMIT = 200
REASON_LIMIT = 500


class DisclosureState(StrEnum):
    """Where a request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    EXPORTED = "exported"


@dataclass(frozen=True)
class Disclosure:
    """One request with its decision, as stored."""

    id: int
    requested_by: str
    requested_at: datetime
    recipient: str
    reason: str
    items_sha256: str
    clip_ids: tuple[int, ...]
    state: DisclosureState
    named_classes: frozenset[Classification] = frozenset()
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str = ""
    approved_items_sha256: str | None = None
    expires_at: datetime | None = None
    exported_at: datetime | None = None
    package_id: int | None = None


def items_digest(clip_ids: Iterable[int]) -> str:
    """The sha256 of the exact item set: the sorted distinct ids, one per line."""
    text = "".join(f"{clip_id}\n" for clip_id in sorted(set(clip_ids)))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def check_text(text: str, limit: int, reason: str) -> str:
    """A recipient or a reason: printable, not empty, not longer than the limit."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > limit or not cleaned.isprintable():
        raise Refused(reason, limit=limit)
    return cleaned


@enforces("13")
def check_decision(request: Disclosure, decider: str, role: Role) -> None:
    """Art. 13: a bureau head other than the requester decides a pending request, once."""
    if role is not Role.BUREAU_HEAD:
        raise Refused("disclosure.approver_not_bureau_head")
    if decider == request.requested_by:
        raise Refused("disclosure.self_approval", request=request.id)
    if request.state is not DisclosureState.PENDING:
        raise Refused("disclosure.already_decided", request=request.id)


@enforces("11")
def check_export(request: Disclosure, now: datetime) -> None:
    """An approval is used once, within 7 days, for exactly the set it was given for."""
    if request.state is DisclosureState.EXPORTED:
        raise Refused("disclosure.already_exported", request=request.id)
    if request.state is not DisclosureState.APPROVED:
        raise Refused("disclosure.not_approved", request=request.id)
    if request.expires_at is None or now >= request.expires_at:
        raise Refused("disclosure.expired", request=request.id)
    if request.approved_items_sha256 != items_digest(request.clip_ids) or (
        request.approved_items_sha256 != request.items_sha256
    ):
        raise Refused("disclosure.items_changed", request=request.id)
