"""Provides real, verifiable weekly hand-over packages of synthetic units, made without a box.

A `SyntheticUnit` keeps what a unit's box would: an Ed25519 audit key, its hash chain, the
size of the chain at its last hand-over and a clip counter. `unit.week(...)` appends a week
of realistic events (a sign-out and a return per officer, one `clip_archived` per clip),
signs a checkpoint exactly as `AuditService.checkpoint` does, and writes the hand-over with
the box's own `BagWriter` from a `BagPlan` laid out as `PackageService.seal` lays it out:
the slice reaches back to the last hand-over's checkpoint, as the bureau wants (issue 14).
What it writes passes `verify_package(path, unit.public_key_b64())` and the bureau's ingest.
"""

from __future__ import annotations

import base64
import hashlib
import io
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from appliance.adapters.bag_writer import BagWriter
from appliance.domain.audit import (
    GENESIS_HASH,
    AuditEvent,
    Checkpoint,
    canonical_json,
    event_hash,
    key_id,
)
from appliance.domain.packages import BagPlan, PayloadFile, event_record, parse_week, payload_path

# Where the box records a clip's archiving from, and who: the offload service.
_SYSTEM_ACTOR, _SYSTEM_ROLE = "system:offload", "admin"
# The hand-over is sealed on the Monday after the week, at this hour (UTC).
_SEAL_HOUR = 9


def _text(instant: datetime) -> str:
    """An instant as the box stores it (appliance.store.timefmt.to_text)."""
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def weeks(start_week: str, count: int) -> list[str]:
    """`count` consecutive ISO weeks (`YYYY-Www`) from start_week on."""
    monday, _ = parse_week(start_week)
    found = []
    for number in range(count):
        year, week, _ = (monday + timedelta(days=7 * number)).isocalendar()
        found.append(f"{year:04d}-W{week:02d}")
    return found


class SyntheticUnit:
    """One unit's box, as far as its hand-overs show it: key, chain, clips."""

    def __init__(self, code: str, name: str = "", serial_prefix: str = "DSJ") -> None:
        self.code = code
        self.name = name or f"Unit {code}"
        self._key = Ed25519PrivateKey.generate()
        raw = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        # As FileSigner writes keys/audit.pub: the raw 32 bytes, standard base64.
        self._public = base64.b64encode(raw).decode("ascii")
        self.key = key_id(self._public)
        self.events: list[AuditEvent] = []
        # The chain's size at the last hand-over's checkpoint (0: none yet).
        self.handed_over = 0
        self.clip_counter = 0
        self._serials = [f"{serial_prefix}-{code}-{n:02d}" for n in range(1, 5)]

    def public_key_b64(self) -> str:
        """The unit's public key as `keys/audit.pub` holds it (without the newline)."""
        return self._public

    def write_key(self, path: Path) -> Path:
        """Write the public key as the box exports it (one line); the path."""
        path.write_text(self._public + "\n", encoding="ascii")
        return path

    def sign(self, message: bytes) -> bytes:
        """A detached Ed25519 signature, as the box's audit signer makes it."""
        return self._key.sign(message)

    def append(
        self,
        at: datetime,
        actor: str,
        role: str,
        action: str,
        object_type: str,
        object_id: str,
        detail: dict[str, object],
        outcome: str = "ok",
    ) -> AuditEvent:
        """Append one event to the chain, hashed as the box's store hashes it."""
        seq = len(self.events) + 1
        prev = self.events[-1].hash if self.events else GENESIS_HASH
        stamp, detail_json = _text(at), canonical_json(detail)
        digest = event_hash(
            prev, seq, stamp, actor, role, action, object_type, object_id, outcome, detail_json
        )
        event = AuditEvent(
            seq, stamp, actor, role, action, object_type, object_id, outcome, detail_json, prev,
            digest,
        )  # fmt: skip
        self.events.append(event)
        return event

    def checkpoint(self, at: datetime) -> Checkpoint:
        """A signed checkpoint of the chain as it stands (AuditService.checkpoint's form)."""
        head = self.events[-1].hash if self.events else GENESIS_HASH
        unsigned = Checkpoint(self.code, len(self.events), head, _text(at), key=self.key)
        signature = self.sign(unsigned.signed_text().encode("ascii"))
        encoded = base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")
        return Checkpoint(
            unsigned.unit_code, unsigned.size, unsigned.head_hash, unsigned.at, encoded, self.key
        )

    def week(
        self,
        week: str,
        out_dir: Path,
        clips: int,
        clip_bytes: int,
        officers: Sequence[str],
        rng: random.Random,
    ) -> Path:
        """The week's events and its hand-over package, written at out_dir; its path."""
        if clips < 1:
            raise ValueError("a hand-over has at least one clip (the box refuses nothing_due)")
        if not officers:
            raise ValueError("at least one officer")
        monday, monday_after = parse_week(week)
        start = datetime(monday.year, monday.month, monday.day, 8, tzinfo=UTC)
        # Each officer signs a recorder out in the morning and returns it in the evening.
        for number, officer in enumerate(officers):
            serial = self._serials[number % len(self._serials)]
            out_at = start + timedelta(days=number % 5, minutes=number)
            self.append(out_at, officer, "officer", "sign_out", "recorder", serial,
                        {"session": self.clip_counter + number + 1, "check": []})  # fmt: skip
            self.append(out_at + timedelta(hours=9), officer, "officer", "return", "recorder",
                        serial, {"session": self.clip_counter + number + 1})  # fmt: skip
        contents: dict[str, bytes] = {}
        payload: list[PayloadFile] = []
        entries: list[dict[str, object]] = []
        first_clip_seq = 0
        for index in range(clips):
            self.clip_counter += 1
            clip_id = self.clip_counter
            officer = officers[index % len(officers)]
            serial = self._serials[(index % len(officers)) % len(self._serials)]
            day = monday + timedelta(days=index % 7)
            recorded = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(
                minutes=7 * index
            )
            archived = recorded + timedelta(hours=10)
            data = rng.randbytes(clip_bytes)
            sha = hashlib.sha256(data).hexdigest()
            contents[sha] = data
            name = f"DCIM/100MEDIA/FILE{clip_id:05d}.MP4"
            event = self.append(
                archived,
                _SYSTEM_ACTOR,
                _SYSTEM_ROLE,
                "clip_archived",
                "clip",
                str(clip_id),
                {"sha256": sha, "size": clip_bytes, "serial": serial, "source": name,
                 "job": clip_id, "holder": officer, "flags": [],
                 "resolved_quarantine": False},
            )  # fmt: skip
            first_clip_seq = first_clip_seq or event.seq
            path = payload_path(clip_id, day.isoformat(), officer, name)
            payload.append(PayloadFile(path, sha, clip_bytes))
            entries.append(_clip_entry(self.code, clip_id, path, name, sha, clip_bytes, serial,
                                       officer, day, recorded, archived, rng))  # fmt: skip
        sealed_at = datetime(
            monday_after.year, monday_after.month, monday_after.day, _SEAL_HOUR, tzinfo=UTC
        )
        checkpoint = self.checkpoint(sealed_at)
        first = first_clip_seq
        if 0 < self.handed_over < first:
            first = self.handed_over
        counts: dict[str, int] = {}
        for entry in entries:
            counts[str(entry["classification"])] = counts.get(str(entry["classification"]), 0) + 1
        name = f"bwc-handover-{self.code}-{week}-{sealed_at:%Y%m%dT%H%M%SZ}"
        plan = BagPlan(
            name=name,
            payload=tuple(payload),
            bag_info={
                "Source-Organization": self.name,
                "Bagging-Date": sealed_at.date().isoformat(),
                "Bwc-Unit": self.code,
                "Bwc-Kind": "handover",
                "Bwc-Period": week,
                "Bwc-Clips": str(len(entries)),
                "Bwc-Classes": ",".join(f"{k}={v}" for k, v in sorted(counts.items())),
                "Bwc-Key": checkpoint.key,
                "Bwc-Checkpoint-Size": str(checkpoint.size),
            },
            clips_json=entries,
            audit_lines=[
                canonical_json(event_record(e)) for e in self.events[first - 1 : checkpoint.size]
            ],
            checkpoint_line=checkpoint.line(),
            key_id=checkpoint.key,
            public_key_b64=self._public,
        )

        def open_content(sha256: str) -> BinaryIO:
            return io.BytesIO(contents[sha256])

        out = out_dir / name
        receipt = BagWriter().write(plan, out, open_content, self.sign)
        self.handed_over = checkpoint.size
        # The box records the sealing after the checkpoint: the next slice starts before it.
        self.append(sealed_at + timedelta(seconds=1), "3001", "info_collector",
                    "package_sealed", "package", str(len(self.events)),
                    {"kind": "handover", "period": week, "clips": [e["id"] for e in entries],
                     "bytes": clip_bytes * clips, "signature_sha256": receipt,
                     "checkpoint_size": checkpoint.size, "written_to": str(out)})  # fmt: skip
        return out


def _clip_entry(
    unit: str,
    clip_id: int,
    path: str,
    name: str,
    sha: str,
    size: int,
    serial: str,
    officer: str,
    day: date,
    recorded: datetime,
    archived: datetime,
    rng: random.Random,
) -> dict[str, object]:
    """One entry of metadata/clips.json, with the fields PackageService's _clip_entry writes."""
    cases = [f"CASE-{unit}-{clip_id // 4 + 1}"] if rng.random() < 0.3 else []
    return {
        "id": clip_id,
        "path": path,
        "original_name": name,
        "sha256": sha,
        "size": size,
        "recorder": serial,
        "unit": unit,
        "officer": officer,
        "day": day.isoformat(),
        "archived_at": _text(archived),
        "recorded_at": _text(recorded),
        "device_recorded_at": _text(recorded),
        "duration_seconds": float(rng.randint(30, 900)),
        "container": "mp4",
        "video_codec": "h264",
        "audio_codec": "aac",
        "has_audio": True,
        "flags": [],
        "cases": cases,
        "classification": "normal",
    }
