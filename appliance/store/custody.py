"""Provides the repository of custody sessions and pre-shift check records."""

from __future__ import annotations

import json
from datetime import datetime

from appliance.domain.records import CustodySession, PreshiftCheck, RecorderStatus
from appliance.store.models import CustodySessionRow, PersonRow, PreshiftCheckRow
from appliance.store.recorders import RecorderRepository
from appliance.store.repo import Repository, instant_or_none
from appliance.store.timefmt import from_text, to_text


def _session(row: CustodySessionRow) -> CustodySession:
    return CustodySession(
        id=row.id,
        serial=row.serial,
        holder_badge=row.holder_badge,
        started_at=from_text(row.started_at),
        ended_at=instant_or_none(row.ended_at),
        returned_by=row.returned_by,
        check_id=row.check_id,
    )


class CustodyRepository(Repository):
    """The custody sessions and the pre-shift checks they start with."""

    def record_check(self, check: PreshiftCheck) -> int:
        """Store a pre-shift check and return its id."""
        return int(
            self._run(
                PreshiftCheckRow.insert(
                    serial=check.serial,
                    badge=check.badge,
                    at=to_text(check.at),
                    passed=check.passed,
                    items_json=json.dumps(check.items, sort_keys=True),
                )
            )
        )

    def check(self, check_id: int) -> PreshiftCheck | None:
        """One pre-shift check."""
        row = self._first(PreshiftCheckRow.select().where(PreshiftCheckRow.id == check_id))
        if row is None:
            return None
        items = json.loads(row.items_json)
        return PreshiftCheck(
            row.serial, row.badge, from_text(row.at), bool(row.passed), items, int(row.id)
        )

    def sessions_started(self, start: datetime, end: datetime) -> list[CustodySession]:
        """The sessions begun in [start, end), oldest first (index custody_session_started)."""
        query = (
            CustodySessionRow.select()
            .where(
                (CustodySessionRow.started_at >= to_text(start))
                & (CustodySessionRow.started_at < to_text(end))
            )
            .order_by(CustodySessionRow.started_at, CustodySessionRow.id)
        )
        return [_session(row) for row in self._rows(query)]

    def failed_checks(self, start: datetime, end: datetime) -> list[PreshiftCheck]:
        """The pre-shift checks that failed in [start, end), oldest first (Art. 4)."""
        query = (
            PreshiftCheckRow.select()
            .where(
                (PreshiftCheckRow.at >= to_text(start))
                & (PreshiftCheckRow.at < to_text(end))
                & (PreshiftCheckRow.passed == False)  # noqa: E712 -- peewee's expression
            )
            .order_by(PreshiftCheckRow.at, PreshiftCheckRow.id)
        )
        return [
            PreshiftCheck(
                r.serial, r.badge, from_text(r.at), bool(r.passed), json.loads(r.items_json), r.id
            )
            for r in self._rows(query)
        ]

    def open_session(
        self, serial: str, holder_badge: str, at: datetime, check_id: int
    ) -> CustodySession:
        """Start a custody session."""
        session_id = self._run(
            CustodySessionRow.insert(
                serial=serial, holder_badge=holder_badge, started_at=to_text(at), check_id=check_id
            )
        )
        return CustodySession(int(session_id), serial, holder_badge, at, check_id=check_id)

    def close_session(self, session_id: int, at: datetime, returned_by: str) -> None:
        """End a custody session."""
        self._run(
            CustodySessionRow.update(ended_at=to_text(at), returned_by=returned_by).where(
                (CustodySessionRow.id == session_id) & (CustodySessionRow.ended_at.is_null())
            )
        )

    def open_for_recorder(self, serial: str) -> CustodySession | None:
        """The session in force for a recorder."""
        row = self._first(
            CustodySessionRow.select().where(
                (CustodySessionRow.serial == serial) & (CustodySessionRow.ended_at.is_null())
            )
        )
        return None if row is None else _session(row)

    def open_for_holder(self, badge: str) -> list[CustodySession]:
        """The sessions a person holds now."""
        query = CustodySessionRow.select().where(
            (CustodySessionRow.holder_badge == badge) & (CustodySessionRow.ended_at.is_null())
        )
        return [_session(r) for r in self._rows(query)]

    def sessions_of_holder(self, badge: str) -> list[CustodySession]:
        """Every session a person held, oldest first (their record, Art. 10)."""
        query = (
            CustodySessionRow.select()
            .where(CustodySessionRow.holder_badge == badge)
            .order_by(CustodySessionRow.started_at)
        )
        return [_session(r) for r in self._rows(query)]

    def sessions_for(self, serial: str) -> list[CustodySession]:
        """Every session of a recorder, oldest first."""
        query = (
            CustodySessionRow.select()
            .where(CustodySessionRow.serial == serial)
            .order_by(CustodySessionRow.started_at)
        )
        return [_session(r) for r in self._rows(query)]

    def unit_status(self) -> list[RecorderStatus]:
        """Every recorder with its holder and since when (Art. 14)."""
        people = PersonRow.select(PersonRow.badge, PersonRow.name).tuples()
        names = {str(badge): str(name) for badge, name in self._rows(people)}
        open_rows = self._rows(
            CustodySessionRow.select().where(CustodySessionRow.ended_at.is_null())
        )
        open_by_serial = {row.serial: _session(row) for row in open_rows}
        status = []
        for recorder in RecorderRepository(self._db).all_recorders():
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
