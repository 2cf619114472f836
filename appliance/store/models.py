"""Provides the peewee models over the current schema (migrations own the DDL)."""

from __future__ import annotations

from peewee import AutoField, BooleanField, IntegerField, Model, TextField

from appliance.store.db import database


class BaseModel(Model):
    """Binds every model to the deferred database."""

    class Meta:
        database = database


class UnitRow(BaseModel):
    """The unit this kiosk serves."""

    code = TextField(primary_key=True)
    name = TextField()
    created_at = TextField()

    class Meta:
        table_name = "unit"


class PersonRow(BaseModel):
    """A person who may sign in."""

    badge = TextField(primary_key=True)
    name = TextField()
    role = TextField()
    unit_code = TextField()
    pin_hash = TextField()
    active = BooleanField(default=True)
    locked = BooleanField(default=False)
    failed_pins = IntegerField(default=0)
    created_at = TextField()

    class Meta:
        table_name = "person"


class RecorderRow(BaseModel):
    """A registered recorder."""

    serial = TextField(primary_key=True)
    brand = TextField()
    model = TextField()
    unit_code = TextField()
    state = TextField()
    created_at = TextField()

    class Meta:
        table_name = "recorder"


class PreshiftCheckRow(BaseModel):
    """One pre-shift check (Art. 4)."""

    id = AutoField()
    serial = TextField()
    badge = TextField()
    at = TextField()
    passed = BooleanField()
    items_json = TextField()

    class Meta:
        table_name = "preshift_check"


class CustodySessionRow(BaseModel):
    """One custody session (Art. 10)."""

    id = AutoField()
    serial = TextField()
    holder_badge = TextField()
    started_at = TextField()
    ended_at = TextField(null=True)
    returned_by = TextField(null=True)
    check_id = IntegerField(null=True)

    class Meta:
        table_name = "custody_session"


class AuditEventRow(BaseModel):
    """One audit event (DESIGN §5)."""

    seq = IntegerField(primary_key=True)
    at = TextField()
    actor = TextField()
    role = TextField()
    action = TextField()
    object_type = TextField()
    object_id = TextField()
    outcome = TextField()
    detail_json = TextField()
    prev_hash = TextField()
    hash = TextField()

    class Meta:
        table_name = "audit_event"


class VerifiedHeadRow(BaseModel):
    """The newest head a chain walk proved intact: where a checkpoint walk starts (§5.2)."""

    id = IntegerField(primary_key=True)
    seq = IntegerField()
    hash = TextField()
    at = TextField()

    class Meta:
        table_name = "verified_head"
