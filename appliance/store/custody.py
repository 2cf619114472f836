"""Provides the repository of custody sessions and pre-shift check records."""

from __future__ import annotations

import json
from datetime import datetime

from appliance.domain.records import CustodySession, RecorderStatus
from appliance.store import recorders
from appliance.store.models import CustodySessionRow, PersonRow, PreshiftCheckRow
from appliance.store.timefmt import from_text, to_text


def _session(row: CustodySessionRow) -> CustodySession:
    return CustodySession(
        id=row.id,
        serial=row.serial,
        holder_badge=row.holder_badge,
        started_at=from_text(row.started_at),
        ended_at=None if row.ended_at is None else from_text(row.ended_at),
        returned_by=row.returned_by,
    )


def record_check(serial: str, badge: str, at: datetime, passed: bool, items: dict[str, str]) -> int:
    """Store a pre-shift check and return its id."""
    return int(
        PreshiftCheckRow.insert(
            serial=serial,
            badge=badge,
            at=to_text(at),
            passed=passed,
            items_json=json.dumps(items, sort_keys=True),
        ).execute()
    )


def open_session(serial: str, holder_badge: str, at: datetime, check_id: int) -> CustodySession:
    """Start a custody session."""
    session_id = CustodySessionRow.insert(
        serial=serial, holder_badge=holder_badge, started_at=to_text(at), check_id=check_id
    ).execute()
    return CustodySession(int(session_id), serial, holder_badge, at)


def close_session(session_id: int, at: datetime, returned_by: str) -> None:
    """End a custody session."""
    CustodySessionRow.update(ended_at=to_text(at), returned_by=returned_by).where(
        (CustodySessionRow.id == session_id) & (CustodySessionRow.ended_at.is_null())
    ).execute()


def open_for_recorder(serial: str) -> CustodySession | None:
    """The session in force for a recorder."""
    row = (
        CustodySessionRow.select()
        .where((CustodySessionRow.serial == serial) & (CustodySessionRow.ended_at.is_null()))
        .first()
    )
    return None if row is None else _session(row)


def open_for_holder(badge: str) -> list[CustodySession]:
    """The sessions a person holds now."""
    rows = CustodySessionRow.select().where(
        (CustodySessionRow.holder_badge == badge) & (CustodySessionRow.ended_at.is_null())
    )
    return [_session(r) for r in rows]


def sessions_for(serial: str) -> list[CustodySession]:
    """Every session of a recorder, oldest first."""
    rows = (
        CustodySessionRow.select()
        .where(CustodySessionRow.serial == serial)
        .order_by(CustodySessionRow.started_at)
    )
    return [_session(r) for r in rows]


def unit_status() -> list[RecorderStatus]:
    """Every recorder with its holder and since when (Art. 14)."""
    names = {row.badge: row.name for row in PersonRow.select(PersonRow.badge, PersonRow.name)}
    open_rows = CustodySessionRow.select().where(CustodySessionRow.ended_at.is_null())
    open_by_serial = {row.serial: _session(row) for row in open_rows}
    status = []
    for recorder in recorders.all_recorders():
        session = open_by_serial.get(recorder.serial)
        if session is None:
            status.append(RecorderStatus(recorder))
        else:
            status.append(
                RecorderStatus(
                    recorder,
                    session.holder_badge,
                    names.get(session.holder_badge),
                    session.started_at,
                )
            )
    return status
