"""Provides the peewee models of a recorder's faults and incidents (migration 6)."""

from __future__ import annotations

from peewee import AutoField, IntegerField, TextField

from appliance.store.model_base import BaseModel


class FaultRow(BaseModel):
    """One reported fault and its repair (Art. 5(8), 9)."""

    id = AutoField()
    serial = TextField()
    part = TextField()
    note = TextField(default="")
    reported_by = TextField()
    reported_at = TextField()
    session_id = IntegerField(null=True)
    holder_badge = TextField(null=True)
    repaired_by = TextField(null=True)
    repaired_at = TextField(null=True)
    repair_check_id = IntegerField(null=True)

    class Meta:
        table_name = "fault"


class IncidentRow(BaseModel):
    """One loss or damage, tied to its holder (Art. 10)."""

    id = AutoField()
    serial = TextField()
    kind = TextField()
    what = TextField()
    finding = TextField()
    note = TextField(default="")
    declared_by = TextField()
    confirmed_by = TextField()
    declared_at = TextField()
    session_id = IntegerField(null=True)
    holder_badge = TextField(null=True)
    found_by = TextField(null=True)
    found_at = TextField(null=True)

    class Meta:
        table_name = "incident"


LIFECYCLE_MODELS: tuple[type[BaseModel], ...] = (FaultRow, IncidentRow)
