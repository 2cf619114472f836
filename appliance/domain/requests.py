"""Provides what the kiosk asks the service to do for it: the kinds, the states and the table.

DESIGN §6: the kiosk user never reads `keys/*.key`, so what needs the unit's key (a signed
label, a sealed hand-over or disclosure package) is asked of the service (`bwc dock`, as the
service user) by a request row; the service does it, or refuses it, and says so on the row
the kiosk reads back. The hand-over and the disclosure export ask for more than the key: only
the service user may mount the drive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from appliance.domain.scan import CodeKind
from appliance.domain.transitions import advance


class RequestKind(StrEnum):
    """What is asked."""

    LABEL_DEVICE = "label_device"
    LABEL_BADGE = "label_badge"
    # Art. 12(2): the week's package written to the registered drive and read back (subject:
    # the week); the collector's receipt of it (subject: the package); the drive let go.
    HANDOVER_WRITE = "handover_write"
    HANDOVER_RECEIPT = "handover_receipt"
    HANDOVER_RELEASE = "handover_release"
    # Art. 11, 13: an approved disclosure written to the registered drive and read back
    # (subject: the disclosure request's number).
    DISCLOSURE_EXPORT = "disclosure_export"
    # Art. 12(4): a case's evidence disc sealed, imaged, burnt and read back (subject: the
    # case number; the place and who recorded, asked at the kiosk, are its params).
    DISC_BURN = "disc_burn"


class RequestState(StrEnum):
    """Where a request stands."""

    QUEUED = "queued"
    DONE = "done"
    REFUSED = "refused"


class RequestEvent(StrEnum):
    """What the service does with a request."""

    DO = "do"
    REFUSE = "refuse"


# The request's state machine: a request is done or refused once, never taken back.
TRANSITIONS: dict[tuple[RequestState, RequestEvent], RequestState] = {
    (RequestState.QUEUED, RequestEvent.DO): RequestState.DONE,
    (RequestState.QUEUED, RequestEvent.REFUSE): RequestState.REFUSED,
}

# The label kind each request kind prints.
LABEL_OF: dict[RequestKind, CodeKind] = {
    RequestKind.LABEL_DEVICE: CodeKind.DEVICE,
    RequestKind.LABEL_BADGE: CodeKind.BADGE,
}


def label_request(kind: CodeKind) -> RequestKind:
    """The request that prints a label of this kind."""
    return next(request for request, label in LABEL_OF.items() if label is kind)


def next_state(state: RequestState, event: RequestEvent) -> RequestState:
    """The state after the event; IllegalTransition if the table has no edge."""
    return advance(TRANSITIONS, "request", state, event)


@dataclass(frozen=True)
class KioskRequest:
    """One request of the kiosk, and what became of it."""

    id: int
    kind: RequestKind
    subject: str
    requested_by: str
    requested_at: datetime
    state: RequestState = RequestState.QUEUED
    finished_at: datetime | None = None
    # The label's file (or the package's number) when done; the refusal's catalogue reason.
    result: str = ""
    reason: str = ""
    # What the answer's words need: the refusal's parameters, a package's files and bytes.
    params: Mapping[str, str] = field(default_factory=dict)
