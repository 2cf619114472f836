"""Provides the peewee models of the tables of footage leaving the box (migration 5)."""

from __future__ import annotations

from peewee import AutoField, CompositeKey, IntegerField, TextField

from appliance.store.model_base import BaseModel


class ClipClassRow(BaseModel):
    """A clip's confidentiality class (Art. 3); no row means `normal`."""

    clip_id = IntegerField(primary_key=True)
    classification = TextField(column_name="class")
    set_by = TextField()
    set_at = TextField()

    class Meta:
        table_name = "clip_class"


class PackageRow(BaseModel):
    """One sealed package made on this box (DESIGN §10)."""

    id = AutoField()
    kind = TextField()
    name = TextField()
    period = TextField()
    signature_sha256 = TextField()
    clips = IntegerField()
    bytes = IntegerField()
    created_by = TextField()
    created_at = TextField()
    received_by = TextField(null=True)
    received_at = TextField(null=True)

    class Meta:
        table_name = "package"


class PackageClipRow(BaseModel):
    """One clip in one package."""

    package_id = IntegerField()
    clip_id = IntegerField()

    class Meta:
        table_name = "package_clip"
        primary_key = CompositeKey("package_id", "clip_id")


class DisclosureRow(BaseModel):
    """A disclosure request and its decision (Art. 11, 13)."""

    id = AutoField()
    requested_by = TextField()
    requested_at = TextField()
    recipient = TextField()
    reason = TextField()
    items_sha256 = TextField()
    state = TextField()
    named_classes = TextField()
    decided_by = TextField(null=True)
    decided_at = TextField(null=True)
    decision_note = TextField()
    approved_items_sha256 = TextField(null=True)
    expires_at = TextField(null=True)
    exported_at = TextField(null=True)
    package_id = IntegerField(null=True)

    class Meta:
        table_name = "disclosure"


class DisclosureClipRow(BaseModel):
    """One clip a disclosure request names."""

    disclosure_id = IntegerField()
    clip_id = IntegerField()

    class Meta:
        table_name = "disclosure_clip"
        primary_key = CompositeKey("disclosure_id", "clip_id")


RELEASE_MODELS: tuple[type[BaseModel], ...] = (
    ClipClassRow,
    PackageRow,
    PackageClipRow,
    DisclosureRow,
    DisclosureClipRow,
)
