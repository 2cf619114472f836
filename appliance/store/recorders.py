"""Provides the repository of recorders."""

from __future__ import annotations

from datetime import datetime

from appliance.domain.custody import RecorderState
from appliance.domain.records import Recorder
from appliance.store.models import RecorderRow
from appliance.store.repo import Repository
from appliance.store.timefmt import to_text


def _recorder(row: RecorderRow) -> Recorder:
    return Recorder(row.serial, row.brand, row.model, row.unit_code, RecorderState(row.state))


class RecorderRepository(Repository):
    """The recorder rows."""

    def get(self, serial: str) -> Recorder | None:
        """The recorder with this serial, or None."""
        row = self._first(RecorderRow.select().where(RecorderRow.serial == serial))
        return None if row is None else _recorder(row)

    def add(self, recorder: Recorder, at: datetime) -> None:
        """Register a recorder."""
        self._run(
            RecorderRow.insert(
                serial=recorder.serial,
                brand=recorder.brand,
                model=recorder.model,
                unit_code=recorder.unit_code,
                state=recorder.state.value,
                created_at=to_text(at),
            )
        )

    def set_state(self, serial: str, expected: RecorderState, new: RecorderState) -> bool:
        """Compare-and-set the state; False when another process moved it first."""
        changed = self._run(
            RecorderRow.update(state=new.value).where(
                (RecorderRow.serial == serial) & (RecorderRow.state == expected.value)
            )
        )
        return bool(changed == 1)

    def all_recorders(self) -> list[Recorder]:
        """Every recorder, by serial."""
        return [_recorder(r) for r in self._rows(RecorderRow.select().order_by(RecorderRow.serial))]
