"""Provides the peewee models of the kiosk's requests to the service (migrations 7, 8 and 9)."""

from __future__ import annotations

from peewee import AutoField, IntegerField, TextField

from appliance.store.model_base import BaseModel


class KioskRequestRow(BaseModel):
    """One request of the kiosk (a label to sign and print) and the service's answer."""

    id = AutoField()
    kind = TextField()
    subject = TextField()
    requested_by = TextField()
    requested_at = TextField()
    state = TextField(default="queued")
    finished_at = TextField(null=True)
    result = TextField(default="")
    reason = TextField(default="")
    params_json = TextField(default="{}")

    class Meta:
        table_name = "kiosk_request"


class RequestProgressRow(BaseModel):
    """The bytes a request has written so far: a display cache, not bound to the chain."""

    request_id = IntegerField(primary_key=True)
    done_bytes = IntegerField()
    total_bytes = IntegerField()
    updated_at = TextField()

    class Meta:
        table_name = "request_progress"


REQUEST_MODELS: tuple[type[BaseModel], ...] = (KioskRequestRow, RequestProgressRow)
