"""Provides the repository of the kiosk's requests to the service."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from appliance.domain.requests import KioskRequest, RequestKind, RequestState
from appliance.store.models_requests import KioskRequestRow, RequestProgressRow
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
        params=_params(row.params_json),
    )


def _params(text: str) -> dict[str, str]:
    # Written by add() (what the kiosk asked) and finish() (the answer); anything else found
    # there is shown as no parameters.
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k): str(v) for k, v in loaded.items()}


class RequestRepository(Repository):
    """The request rows, oldest first."""

    def add(
        self,
        kind: RequestKind,
        subject: str,
        by: str,
        at: datetime,
        params: Mapping[str, str] | None = None,
    ) -> KioskRequest:
        """Queue a request, with what the service needs besides its subject; returns it."""
        asked = dict(params or {})
        request_id = self._run(
            KioskRequestRow.insert(
                kind=kind.value,
                subject=subject,
                requested_by=by,
                requested_at=to_text(at),
                params_json=json.dumps(asked, sort_keys=True),
            )
        )
        return KioskRequest(int(request_id), kind, subject, by, at, params=asked)

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
        self,
        request_id: int,
        state: RequestState,
        at: datetime,
        result: str,
        reason: str,
        params: Mapping[str, str] | None = None,
    ) -> None:
        """The service's answer to a queued request."""
        self._run(
            KioskRequestRow.update(
                state=state.value,
                finished_at=to_text(at),
                result=result,
                reason=reason,
                params_json=json.dumps(dict(params or {}), sort_keys=True),
            ).where(
                (KioskRequestRow.id == request_id)
                & (KioskRequestRow.state == RequestState.QUEUED.value)
            )
        )

    def set_progress(self, request_id: int, done: int, total: int, at: datetime) -> None:
        """How far a request's writing is (a display cache: no event carries it)."""
        values = {
            RequestProgressRow.done_bytes: done,
            RequestProgressRow.total_bytes: total,
            RequestProgressRow.updated_at: to_text(at),
        }
        self._run(
            RequestProgressRow.insert(
                {RequestProgressRow.request_id: request_id, **values}
            ).on_conflict(conflict_target=[RequestProgressRow.request_id], update=values)
        )

    def progress(self, request_id: int) -> tuple[int, int] | None:
        """(bytes written, bytes in all) of a request's writing, if it has begun."""
        row = self._first(
            RequestProgressRow.select().where(RequestProgressRow.request_id == request_id)
        )
        return None if row is None else (int(row.done_bytes), int(row.total_bytes))
