"""Provides the peewee model of the kiosk's requests to the service (migration 7)."""

from __future__ import annotations

from peewee import AutoField, TextField

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

    class Meta:
        table_name = "kiosk_request"


REQUEST_MODELS: tuple[type[BaseModel], ...] = (KioskRequestRow,)
