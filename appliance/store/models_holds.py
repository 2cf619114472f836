"""Provides the peewee models of holds and tombstones (migration 10)."""

from __future__ import annotations

from peewee import AutoField, CompositeKey, IntegerField, TextField

from appliance.store.model_base import BaseModel


class HoldRow(BaseModel):
    """One hold (Art. 12(3)); lifted once, by two people, never removed."""

    id = AutoField()
    kind = TextField()
    scope = TextField()
    case_number = TextField(null=True)
    officer_badge = TextField(null=True)
    range_start = TextField(null=True)
    range_end = TextField(null=True)
    note = TextField()
    set_by = TextField()
    set_at = TextField()
    lifted_by = TextField(null=True)
    lift_confirmed_by = TextField(null=True)
    lifted_at = TextField(null=True)

    class Meta:
        table_name = "hold"


class HoldClipRow(BaseModel):
    """A clip a hold of scope `clips` names."""

    hold_id = IntegerField()
    clip_id = IntegerField()

    class Meta:
        table_name = "hold_clip"
        primary_key = CompositeKey("hold_id", "clip_id")


class TombstoneRow(BaseModel):
    """What a deletion by the retention rule left of a clip (DESIGN §11)."""

    clip_id = IntegerField(primary_key=True)
    sha256 = TextField()
    size = IntegerField()
    reason = TextField()
    deleted_at = TextField()
    run = TextField()
    inputs_json = TextField()

    class Meta:
        table_name = "tombstone"


HOLD_MODELS: tuple[type[BaseModel], ...] = (HoldRow, HoldClipRow, TombstoneRow)
