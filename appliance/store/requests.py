"""Provides the repository of the kiosk's requests to the service."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.requests import KioskRequest, RequestKind, RequestState
from appliance.store.models_requests import KioskRequestRow
from appliance.store.repo import Repository, instant_or_none
from appliance.store.timefmt import from_text, to_text


def _request(row: KioskRequestRow) -> KioskRequest:
    return KioskRequest(
        id=int(row.id),
        kind=RequestKind(row.kind),
        subject=row.subject,
        requested_by=row.requested_by,
        requested_at=from_text(row.requested_at),
        state=RequestState(row.state),
        finished_at=instant_or_none(row.finished_at),
        result=row.result,
        reason=row.reason,
    )


class RequestRepository(Repository):
    """The request rows, oldest first."""

    def add(self, kind: RequestKind, subject: str, by: str, at: datetime) -> KioskRequest:
        """Queue a request; returns it with its id."""
        request_id = self._run(
            KioskRequestRow.insert(
                kind=kind.value, subject=subject, requested_by=by, requested_at=to_text(at)
            )
        )
        return KioskRequest(int(request_id), kind, subject, by, at)

    def get(self, request_id: int) -> KioskRequest | None:
        """One request, or None."""
        row = self._first(KioskRequestRow.select().where(KioskRequestRow.id == request_id))
        return None if row is None else _request(row)

    def queued(self) -> list[KioskRequest]:
        """The requests the service has not answered yet, oldest first."""
        query = (
            KioskRequestRow.select()
            .where(KioskRequestRow.state == RequestState.QUEUED.value)
            .order_by(KioskRequestRow.id)
        )
        return [_request(r) for r in self._rows(query)]

    def finish(
        self, request_id: int, state: RequestState, at: datetime, result: str, reason: str
    ) -> None:
        """The service's answer to a queued request."""
        self._run(
            KioskRequestRow.update(
                state=state.value, finished_at=to_text(at), result=result, reason=reason
            ).where(
                (KioskRequestRow.id == request_id)
                & (KioskRequestRow.state == RequestState.QUEUED.value)
            )
        )
