"""Provides the bureau's registers: its people, the units and their keys, their chains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from appliance.domain.audit import AuditEvent
from appliance.domain.bureau import BureauUnit, HeldChain
from appliance.store.bureau.models import (
    PersonRow,
    UnitEventRow,
    UnitRow,
)
from appliance.store.bureau.repo_base import BATCH, BureauRepo, count_rows
from appliance.store.timefmt import to_text


@dataclass(frozen=True)
class BureauPerson:
    """One person of the bureau, as stored."""

    id: int
    badge: str
    name: str
    role: str
    pin_hash: str
    active: bool
    failed_pins: int
    locked: bool


class Registers(BureauRepo):
    """People, units and the chains held for them."""

    # People -----------------------------------------------------------------------------

    def people_count(self) -> int:
        """How many people are registered."""
        return count_rows(self, PersonRow)

    def add_person(
        self,
        badge: str,
        name: str,
        role: str,
        pin_hash: str,
        by: str,
        confirmed: str | None,
        at: datetime,
    ) -> int:
        """Store a person; their id."""
        return int(
            self._run(
                PersonRow.insert(
                    badge=badge,
                    name=name,
                    role=role,
                    pin_hash=pin_hash,
                    active=1,
                    failed_pins=0,
                    locked=0,
                    added_by=by,
                    confirmed_by=confirmed,
                    added_at=to_text(at),
                )
            )
        )

    def person(self, badge: str) -> BureauPerson | None:
        """A person by badge."""
        row = self._first(PersonRow.select().where(PersonRow.badge == badge))
        return None if row is None else _person(row)

    def set_pin_state(self, badge: str, failed: int, locked: bool) -> None:
        """A person's count of wrong PINs in a row, and whether that locked the badge."""
        self._run(
            PersonRow.update(failed_pins=failed, locked=int(locked)).where(PersonRow.badge == badge)
        )

    def people(self) -> list[BureauPerson]:
        """Everyone, by badge."""
        return [_person(r) for r in self._rows(PersonRow.select().order_by(PersonRow.badge))]

    # Units ------------------------------------------------------------------------------

    def add_unit(
        self,
        code: str,
        name: str,
        public_key: str,
        key: str,
        by: str,
        confirmed: str,
        at: datetime,
    ) -> int:
        """Register a unit with its key; its id."""
        return int(
            self._run(
                UnitRow.insert(
                    code=code,
                    name=name,
                    public_key=public_key,
                    key_id=key,
                    added_by=by,
                    confirmed_by=confirmed,
                    added_at=to_text(at),
                )
            )
        )

    def unit(self, code: str) -> BureauUnit | None:
        """A unit by code."""
        row = self._first(UnitRow.select().where(UnitRow.code == code))
        return None if row is None else _unit(row)

    def unit_by_key(self, key: str) -> BureauUnit | None:
        """The unit whose key has this id."""
        row = self._first(UnitRow.select().where(UnitRow.key_id == key))
        return None if row is None else _unit(row)

    def units(self) -> list[BureauUnit]:
        """Every unit, by code."""
        return [_unit(r) for r in self._rows(UnitRow.select().order_by(UnitRow.code))]

    # A unit's chain ---------------------------------------------------------------------

    def held_hash(self, unit_id: int, seq: int) -> str | None:
        """The hash of the unit's event seq, as the bureau holds it."""
        row = self._first(
            UnitEventRow.select(UnitEventRow.hash).where(
                (UnitEventRow.unit_id == unit_id) & (UnitEventRow.seq == seq)
            )
        )
        return None if row is None else str(row.hash)

    def held_hashes(self, unit_id: int, first: int, last: int) -> dict[int, str]:
        """The hashes held for seqs first..last of a unit's chain."""
        query = (
            UnitEventRow.select(UnitEventRow.seq, UnitEventRow.hash)
            .where(
                (UnitEventRow.unit_id == unit_id)
                & (UnitEventRow.seq >= first)
                & (UnitEventRow.seq <= last)
            )
            .tuples()
        )
        return {int(seq): str(h) for seq, h in self._rows(query)}

    def extend_chain(self, unit_id: int, events: Sequence[AuditEvent], held: HeldChain) -> int:
        """Keep the events not held yet and move the unit's held head; how many were new."""
        known = self.held_hashes(unit_id, events[0].seq, events[-1].seq) if events else {}
        fresh = [
            {
                "unit_id": unit_id,
                "seq": e.seq,
                "hash": e.hash,
                "at": e.at,
                "action": e.action,
                "outcome": e.outcome,
            }
            for e in events
            if e.seq not in known
        ]
        for start in range(0, len(fresh), BATCH):
            self._run(UnitEventRow.insert_many(fresh[start : start + BATCH]))
        self._run(
            UnitRow.update(
                held_size=held.size,
                held_head=held.head_hash,
                held_checkpoint_at=held.checkpoint_at,
            ).where(UnitRow.id == unit_id)
        )
        return len(fresh)

    def unit_events_between(self, unit_id: int, start: str, end: str) -> dict[str, int]:
        """How many of a unit's events of each action fall in [start, end) (their own `at`)."""
        query = (
            UnitEventRow.select(UnitEventRow.action, fn.COUNT(UnitEventRow.seq))
            .where(
                (UnitEventRow.unit_id == unit_id)
                & (UnitEventRow.at >= start)
                & (UnitEventRow.at < end)
            )
            .group_by(UnitEventRow.action)
            .tuples()
        )
        return {str(a): int(n) for a, n in self._rows(query)}


def _person(row: Any) -> BureauPerson:
    return BureauPerson(
        int(row.id),
        row.badge,
        row.name,
        row.role,
        row.pin_hash,
        bool(int(row.active)),
        int(row.failed_pins),
        bool(int(row.locked)),
    )


def _unit(row: Any) -> BureauUnit:
    held = None
    if row.held_size is not None:
        held = HeldChain(int(row.held_size), str(row.held_head), str(row.held_checkpoint_at))
    from appliance.domain.audit import key_id

    return BureauUnit(
        int(row.id),
        row.code,
        row.name,
        key_id(row.public_key),
        row.public_key,
        row.added_by,
        row.confirmed_by,
        held,
    )
