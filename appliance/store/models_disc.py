"""Provides the peewee models of evidence discs and the clips on them (migration 11)."""

from __future__ import annotations

from peewee import AutoField, CompositeKey, IntegerField, TextField

from appliance.store.model_base import BaseModel


class DiscRow(BaseModel):
    """One evidence disc made on this box (DESIGN §12, Art. 12(4))."""

    id = AutoField()
    case_number = TextField()
    package_id = IntegerField()
    image_name = TextField()
    image_sha256 = TextField()
    image_bytes = IntegerField()
    volume_id = TextField()
    form_sha256 = TextField()
    files = IntegerField()
    burned_to = TextField(null=True)
    place = TextField()
    recorded_by = TextField()
    made_by = TextField()
    made_at = TextField()

    class Meta:
        table_name = "disc"


class EvidenceClipRow(BaseModel):
    """One clip on one evidence disc: evidence, never deleted by retention (DESIGN §11)."""

    clip_id = IntegerField()
    disc_id = IntegerField()
    marked_at = TextField()

    class Meta:
        table_name = "evidence_clip"
        primary_key = CompositeKey("clip_id", "disc_id")


DISC_MODELS: tuple[type[BaseModel], ...] = (DiscRow, EvidenceClipRow)
