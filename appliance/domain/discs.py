"""Provides the pure rules of evidence discs: their names, and the record form's fields.

DESIGN §12, Art. 12(4): the record form 《同步录音录像摄录情况记录表》 names the officer, the
person who recorded, the start and end time, the place, the device's brand and model, the
recording format and the length; this module computes each from the clips, the custody
sessions and the recorders, and never reads a clock or a file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from appliance.domain.articles import enforces
from appliance.domain.footage import ArchivedClip
from appliance.domain.packages import PackageReport, safe_component

# What a disc holds besides the sealed package (DESIGN §12): a court's own check and notes.
VERIFY_PY = "verify.py"
README_TXT = "README.txt"
FORM_SUFFIX = "-record-form.pdf"
_VOLUME_LIMIT = 32
_VOLUME_PREFIX = "BWC_"


def disc_stem(case_number: str) -> str:
    """The case number made safe for a file name: `<stem>.iso`, `<stem>-record-form.pdf`."""
    return safe_component(case_number, "case")


def volume_id(case_number: str) -> str:
    """An ISO 9660 volume id (1-32 of A-Z 0-9 _): BWC_ and the case's ASCII letters and digits.

    A case number in Chinese keeps only its digits (教执罚〔2026〕12号 → BWC_2026_12); the
    full number is in the package and on the form.
    """
    ascii_only = unicodedata.normalize("NFKC", case_number).upper()
    kept = re.sub(r"[^A-Z0-9]+", "_", ascii_only).strip("_")
    return (_VOLUME_PREFIX + kept)[:_VOLUME_LIMIT].rstrip("_") or "BWC"


def form_name(stem: str) -> str:
    """The record form's file name beside the image and on the disc."""
    return f"{stem}{FORM_SUFFIX}"


@dataclass(frozen=True)
class DiscRecord:
    """One evidence disc as the box remembers it."""

    id: int
    case_number: str
    package_id: int
    image_name: str
    image_sha256: str
    image_bytes: int
    volume_id: str
    form_sha256: str
    files: int
    burned_to: str | None
    place: str
    recorded_by: str
    made_by: str
    made_at: datetime


@dataclass(frozen=True)
class DiscReport:
    """What `disc verify` proved: the package, the disc's other files, the image's checksum."""

    package: PackageReport
    form_name: str
    # The sha256 of the whole image when the medium is an image file (a burnt disc may be
    # padded by the drive, so only an image can be compared with the form's checksum).
    image_sha256: str | None


@dataclass(frozen=True)
class FormFile:
    """One row of the record form: one file on the disc with its sha256 (Art. 12(4))."""

    number: int
    path: str
    original_name: str
    sha256: str
    size: int
    officer: str
    start: str
    end: str
    length: str
    device: str
    media_format: str


@dataclass(frozen=True)
class FormFacts:
    """What the form's fields are filled from, besides the clips themselves."""

    # badge -> name, for every holder the clips name.
    names: Mapping[str, str]
    # serial -> (brand, model), for every recorder the clips came from.
    devices: Mapping[str, tuple[str, str]]
    # payload path of each clip on the disc, by clip id.
    paths: Mapping[int, str]
    zone: tzinfo
    place: str
    recorded_by: str


@dataclass(frozen=True)
class FormFields:
    """The record form's fields (Art. 12(4)), as text ready to print."""

    officers: str
    recorded_by: str
    start: str
    end: str
    place: str
    devices: str
    formats: str
    length: str
    files: tuple[FormFile, ...]


def _local(instant: datetime | None, zone: tzinfo) -> str:
    return "" if instant is None else instant.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def length_text(seconds: float | None) -> str:
    """A length as H:MM:SS (rounded to the second); empty when unknown."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# ffprobe names a container by every format its demuxer reads ("mov,mp4,m4a,3gp,3g2,mj2");
# the form names the one a clerk knows, in this order of preference.
_CONTAINERS = (
    ("mp4", "MP4"),
    ("mpegts", "MPEG-TS"),
    ("matroska", "MKV"),
    ("avi", "AVI"),
    ("mov", "MOV"),
)


def container_name(container: str) -> str:
    """A container as a clerk names it: MP4, MPEG-TS, ...; the first of ffprobe's names else."""
    names = [name.strip() for name in container.split(",") if name.strip()]
    for known, shown in _CONTAINERS:
        if known in names:
            return shown
    return names[0] if names else "?"


def media_format(clip: ArchivedClip) -> str:
    """The recording format: container, then the video and audio codecs."""
    media = clip.media
    codecs = "/".join(c.upper() for c in (media.video_codec, media.audio_codec) if c)
    container = container_name(media.container)
    return f"{container} ({codecs})" if codecs else container


def _device(clip: ArchivedClip, devices: Mapping[str, tuple[str, str]]) -> str:
    brand, model = devices.get(clip.serial, ("", ""))
    named = " ".join(part for part in (brand, model) if part)
    return f"{named} ({clip.serial})" if named else clip.serial


def _officer(clip: ArchivedClip, names: Mapping[str, str]) -> str:
    if clip.holder_badge is None:
        return ""
    name = names.get(clip.holder_badge, "")
    return f"{name} ({clip.holder_badge})" if name else clip.holder_badge


def _span(clip: ArchivedClip) -> tuple[datetime | None, datetime | None]:
    # The drift-corrected start (DESIGN §7); the end is the start plus the media's length.
    start = clip.recorded_at
    if start is None or clip.media.duration_seconds is None:
        return start, start
    return start, start + timedelta(seconds=clip.media.duration_seconds)


def _joined(values: Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


@enforces("12(4)")
def form_fields(clips: Sequence[ArchivedClip], facts: FormFacts) -> FormFields:
    """Every field of the record form, from the clips in the order they go on the disc."""
    rows = []
    starts: list[datetime] = []
    ends: list[datetime] = []
    total = 0.0
    for number, clip in enumerate(clips, 1):
        start, end = _span(clip)
        if start is not None:
            starts.append(start)
        if end is not None:
            ends.append(end)
        total += clip.media.duration_seconds or 0.0
        rows.append(
            FormFile(
                number=number,
                path=facts.paths[clip.id],
                original_name=clip.source_name,
                sha256=clip.sha256,
                size=clip.size,
                officer=_officer(clip, facts.names),
                start=_local(start, facts.zone),
                end=_local(end, facts.zone),
                length=length_text(clip.media.duration_seconds),
                device=_device(clip, facts.devices),
                media_format=media_format(clip),
            )
        )
    return FormFields(
        officers=_joined([row.officer for row in rows]),
        recorded_by=facts.recorded_by,
        start=_local(min(starts), facts.zone) if starts else "",
        end=_local(max(ends), facts.zone) if ends else "",
        place=facts.place,
        devices=_joined([row.device for row in rows]),
        formats=_joined([row.media_format for row in rows]),
        length=length_text(total),
        files=tuple(rows),
    )


def recorded_by_default(clips: Sequence[ArchivedClip], names: Mapping[str, str]) -> str | None:
    """Who recorded, when the box knows it: the wearers of the recorders (Art. 10).

    None when a clip has no custody session: then a person must say who recorded it.
    """
    if any(clip.holder_badge is None for clip in clips):
        return None
    return _joined([_officer(clip, names) for clip in clips])
