"""Provides the peewee models of the bureau database's tables (the schema is schema.py's).

The log is the box's own `audit_event` table and model (`appliance.store.models.AuditEventRow`).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BigIntegerField,
    CompositeKey,
    FloatField,
    TextField,
)

from appliance.store.model_base import BaseModel


class PersonRow(BaseModel):
    """One person of the bureau: the collector, a bureau head, an auditor, IT."""

    id = AutoField()
    badge = TextField()
    name = TextField()
    role = TextField()
    pin_hash = TextField()
    active = BigIntegerField()
    failed_pins = BigIntegerField()
    locked = BigIntegerField()
    added_by = TextField()
    confirmed_by = TextField(null=True)
    added_at = TextField()

    class Meta:
        table_name = "person"


class UnitRow(BaseModel):
    """A unit registered with its public key, and the end of its chain the bureau holds."""

    id = AutoField()
    code = TextField()
    name = TextField()
    public_key = TextField()
    key_id = TextField()
    added_by = TextField()
    confirmed_by = TextField()
    added_at = TextField()
    held_size = BigIntegerField(null=True)
    held_head = TextField(null=True)
    held_checkpoint_at = TextField(null=True)

    class Meta:
        table_name = "unit"


class UnitEventRow(BaseModel):
    """One event of a unit's chain, as its packages carried it (seq, hash, what, when)."""

    unit_id = BigIntegerField()
    seq = BigIntegerField()
    hash = TextField()
    at = TextField()
    action = TextField()
    outcome = TextField()

    class Meta:
        table_name = "unit_event"
        primary_key = CompositeKey("unit_id", "seq")


class PackageRow(BaseModel):
    """One hand-over package taken in."""

    id = AutoField()
    unit_id = BigIntegerField()
    name = TextField()
    kind = TextField()
    period = TextField()
    signature_sha256 = TextField()
    checkpoint_size = BigIntegerField()
    checkpoint_head = TextField()
    checkpoint_at = TextField()
    # The unit's signed checkpoint line, kept as the unit's word on its chain's head.
    checkpoint_line = TextField()
    clips = BigIntegerField()
    new_clips = BigIntegerField()
    bytes = BigIntegerField()
    ingested_by = TextField()
    ingested_at = TextField()

    class Meta:
        table_name = "package"


class ClipRow(BaseModel):
    """One clip held, with the facts its unit sealed (metadata/clips.json)."""

    id = AutoField()
    unit_id = BigIntegerField()
    box_clip_id = BigIntegerField()
    sha256 = TextField()
    size = BigIntegerField()
    officer = TextField(null=True)
    day = TextField()
    recorded_at = TextField(null=True)
    archived_at = TextField()
    recorder = TextField()
    original_name = TextField()
    duration_seconds = FloatField(null=True)
    classification = TextField()
    package_id = BigIntegerField()

    class Meta:
        table_name = "clip"


class ClipCaseRow(BaseModel):
    """A case a clip is filed under (Art. 8)."""

    clip_id = BigIntegerField()
    case_no = TextField()

    class Meta:
        table_name = "clip_case"
        primary_key = CompositeKey("clip_id", "case_no")


class BureauAlarmRow(BaseModel):
    """An alarm of the bureau: a unit whose chain does not extend the one held."""

    id = AutoField()
    at = TextField()
    severity = TextField()
    kind = TextField()
    unit_code = TextField()
    seq = BigIntegerField(null=True)
    detail_json = TextField()
    acknowledged_by = TextField(null=True)
    acknowledged_at = TextField(null=True)

    class Meta:
        table_name = "alarm"


class ExportRequestRow(BaseModel):
    """A request to send clips out of the bureau, with its decision (Art. 13)."""

    id = AutoField()
    requested_by = TextField()
    requested_at = TextField()
    recipient = TextField()
    reason = TextField()
    items_sha256 = TextField()
    clip_ids = TextField()
    named_classes = TextField()
    state = TextField()
    decided_by = TextField(null=True)
    decided_at = TextField(null=True)
    decision_note = TextField()
    approved_items_sha256 = TextField(null=True)
    expires_at = TextField(null=True)
    exported_at = TextField(null=True)
    signature_sha256 = TextField(null=True)

    class Meta:
        table_name = "export_request"
