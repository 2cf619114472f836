"""Provides signed QR labels for badges and recorders (the unit key signs the payload)."""

from __future__ import annotations

from pathlib import Path

from appliance.domain.errors import Refused
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.domain.scan import CodeKind, label_payload, label_text
from appliance.ports import LabelImages
from appliance.services.context import Context


class LabelService:
    """Makes the text and the PNG of QR labels."""

    def __init__(self, ctx: Context, images: LabelImages) -> None:
        self._ctx = ctx
        self._images = images

    def text(self, kind: CodeKind, value: str) -> str:
        """The signed QR text for a badge or a recorder serial."""
        payload = label_payload(kind, self._ctx.settings.unit_code, value)
        return label_text(payload, self._ctx.label_signer.sign(payload.encode("ascii")))

    def write(self, actor: Actor, kind: CodeKind, value: str, out: Path) -> Path:
        """Write a PNG label for a registered badge or recorder; audited."""
        object_type = "person" if kind is CodeKind.BADGE else "recorder"
        with self._ctx.audited(actor, "print_label", object_type, value):
            self._ctx.require(actor, Action.MANAGE_DEVICES, object_type, value)
            caption = self._caption(kind, value)
            self._images.write_png(self.text(kind, value), caption, out)
            self._ctx.record(actor, "print_label", object_type, value, path=str(out))
        return out

    def _caption(self, kind: CodeKind, value: str) -> str:
        if kind is CodeKind.BADGE:
            person = self._ctx.store.people.get(value)
            if person is None:
                raise Refused("unknown_badge")
            return f"{person.badge} {person.name}"
        recorder = self._ctx.store.recorders.get(value)
        if recorder is None:
            raise Refused("unknown_recorder", serial=value)
        return f"{recorder.serial} {recorder.brand} {recorder.model}"
