"""Provides the peewee models of every table (the migrations own the DDL).

No model has a database of its own: every query is bound, when it runs, to the database of
the store that runs it (`Repository`), so two homes can be open in one process and a query
that forgot its binding fails rather than reaching another home (STYLE rule 8).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    FloatField,
    IntegerField,
    TextField,
)

from appliance.store.model_base import BaseModel
from appliance.store.models_disc import DISC_MODELS
from appliance.store.models_holds import HOLD_MODELS
from appliance.store.models_lifecycle import LIFECYCLE_MODELS
from appliance.store.models_release import RELEASE_MODELS
from appliance.store.models_requests import REQUEST_MODELS


class UnitRow(BaseModel):
    """The unit this kiosk serves."""

    code = TextField(primary_key=True)
    name = TextField()
    created_at = TextField()
    # Art. 9: 1 for this box's unit; 0 for another unit whose people or recorders come here.
    home = BooleanField(default=True)

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
    must_change_pin = BooleanField(default=False)

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


class RecorderReadingRow(BaseModel):
    """What a docked recorder reported of itself (Art. 4)."""

    id = AutoField()
    serial = TextField()
    at = TextField()
    main_battery_percent = IntegerField(null=True)
    spare_battery_percent = IntegerField(null=True)
    free_bytes = IntegerField(null=True)
    total_bytes = IntegerField(null=True)
    bitrate_bps = IntegerField(null=True)
    clock_offset_after_sync = FloatField(null=True)

    class Meta:
        table_name = "recorder_reading"


class DriftLedgerRow(BaseModel):
    """A device clock offset measured before a sync (DESIGN §7)."""

    id = AutoField()
    serial = TextField()
    at = TextField()
    device_clock = TextField()
    offset_seconds = FloatField()

    class Meta:
        table_name = "drift_ledger"


class OffloadJobRow(BaseModel):
    """One recorder's offload (state, bound to the chain)."""

    id = AutoField()
    serial = TextField()
    token = TextField(unique=True)
    state = TextField()
    started_at = TextField()
    updated_at = TextField()
    finished_at = TextField(null=True)
    bytes_total = IntegerField(default=0)
    clips_total = IntegerField(default=0)
    clips_done = IntegerField(default=0)
    clips_new = IntegerField(default=0)
    clips_existing = IntegerField(default=0)
    clips_failed = IntegerField(default=0)
    clips_cleared = IntegerField(default=0)
    error = TextField(default="")
    operator = TextField(default="")
    clips_skipped = IntegerField(default=0)

    class Meta:
        table_name = "offload_job"


class OffloadProgressRow(BaseModel):
    """A job's live progress: a display cache, not state (DESIGN §5.1)."""

    job_id = IntegerField(primary_key=True)
    bytes_done = IntegerField(default=0)
    rate_bps = FloatField(default=0)
    current_name = TextField(default="")
    updated_at = TextField()

    class Meta:
        table_name = "offload_progress"


class ClipRow(BaseModel):
    """One clip taken from a recorder; the content is addressed by its hash."""

    id = AutoField()
    sha256 = TextField()
    size = IntegerField()
    serial = TextField()
    unit_code = TextField()
    source_name = TextField()
    job_id = IntegerField(null=True)
    archived_at = TextField()
    device_recorded_at = TextField(null=True)
    recorded_at = TextField(null=True)
    day = TextField(default="")
    session_id = IntegerField(null=True)
    holder_badge = TextField(null=True)
    duration_seconds = FloatField(null=True)
    container = TextField(default="")
    video_codec = TextField(default="")
    audio_codec = TextField(default="")
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    has_audio = BooleanField(default=False)
    flags = TextField(default="")
    probe_error = TextField(default="")
    cleared_at = TextField(null=True)

    class Meta:
        table_name = "clip"


class ClipCaseRow(BaseModel):
    """A clip filed under a case (Art. 8)."""

    clip_id = IntegerField()
    case_number = TextField()
    filed_by = TextField()
    filed_at = TextField()

    class Meta:
        table_name = "clip_case"
        primary_key = CompositeKey("clip_id", "case_number")


class AlarmRow(BaseModel):
    """Something a person must look at."""

    id = AutoField()
    at = TextField()
    severity = TextField()
    kind = TextField()
    subject = TextField()
    detail_json = TextField()
    acknowledged_at = TextField(null=True)
    acknowledged_by = TextField(null=True)
    ack_note = TextField(default="")

    class Meta:
        table_name = "alarm"


class QuarantineRow(BaseModel):
    """Content found without its clip row, held for review (DESIGN §4)."""

    id = AutoField()
    sha256 = TextField(unique=True)
    size = IntegerField()
    found_at = TextField()
    content_matches = BooleanField()
    state = TextField()
    resolved_at = TextField(null=True)
    clip_id = IntegerField(null=True)

    class Meta:
        table_name = "quarantine"


class FixityCheckRow(BaseModel):
    """One fixity run's counts."""

    id = AutoField()
    at = TextField()
    checked = IntegerField()
    mismatched = IntegerField()
    missing = IntegerField()

    class Meta:
        table_name = "fixity_check"


# Every table of the schema has its model: a test holds this list equal to the schema's.
MODELS: tuple[type[BaseModel], ...] = (
    UnitRow,
    PersonRow,
    RecorderRow,
    PreshiftCheckRow,
    CustodySessionRow,
    AuditEventRow,
    VerifiedHeadRow,
    RecorderReadingRow,
    DriftLedgerRow,
    OffloadJobRow,
    OffloadProgressRow,
    ClipRow,
    ClipCaseRow,
    AlarmRow,
    QuarantineRow,
    FixityCheckRow,
    *RELEASE_MODELS,
    *LIFECYCLE_MODELS,
    *REQUEST_MODELS,
    *DISC_MODELS,
    *HOLD_MODELS,
)
