"""The pure rules of evidence discs (DESIGN §12, Art. 12(4)): names and the form's fields."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from appliance.domain.discs import (
    FormFacts,
    container_name,
    disc_stem,
    form_fields,
    length_text,
    recorded_by_default,
    volume_id,
)
from appliance.domain.footage import ArchivedClip, ClipFlag, MediaInfo

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
BEIJING = timezone(timedelta(hours=8))


def _clip(
    clip_id: int,
    holder: str | None,
    start: datetime | None,
    seconds: float | None,
    serial: str = "DSJ-A001",
) -> ArchivedClip:
    media = MediaInfo(
        readable=True,
        duration_seconds=seconds,
        container="mov,mp4,m4a,3gp,3g2,mj2",
        video_codec="h264",
        audio_codec="aac",
        has_audio=True,
    )
    return ArchivedClip(
        id=clip_id,
        sha256=f"{clip_id:064x}",
        size=1000 + clip_id,
        serial=serial,
        unit_code="U01",
        source_name=f"DCIM/{clip_id}.MP4",
        job_id=1,
        archived_at=T0 + timedelta(hours=9),
        recorded_at=start,
        day="2026-11-27",
        holder_badge=holder,
        session_id=None if holder is None else 1,
        media=media,
        flags=frozenset[ClipFlag](),
    )


def _facts(clips: list[ArchivedClip], recorded_by: str = "") -> FormFacts:
    return FormFacts(
        names={"1001": "张伟", "1002": "王芳"},
        devices={"DSJ-A001": ("Hikvision", "DS-MH2311"), "DSJ-B001": ("Dahua", "MPT220")},
        paths={c.id: f"data/2026-11-27/x/{c.id}.MP4" for c in clips},
        zone=BEIJING,
        place="人民路",
        recorded_by=recorded_by,
    )


def test_the_fields_span_every_clip_in_local_time_with_the_drift_corrected_start() -> None:
    clips = [
        _clip(1, "1001", T0 + timedelta(minutes=5), 61.4),
        _clip(2, "1002", T0, 30.0, "DSJ-B001"),
        _clip(3, "1001", T0 + timedelta(hours=1), None),
    ]
    fields = form_fields(clips, _facts(clips, "张伟 (1001)"))
    # Art. 12(4): the start of the first recording to the end of the last, on the unit's clock.
    assert (fields.start, fields.end) == ("2026-11-27 09:00:00", "2026-11-27 10:00:00")
    assert fields.officers == "张伟 (1001); 王芳 (1002)"
    assert fields.devices == "Hikvision DS-MH2311 (DSJ-A001); Dahua MPT220 (DSJ-B001)"
    assert fields.formats == "MP4 (H264/AAC)"
    assert fields.length == "0:01:31"
    assert [row.number for row in fields.files] == [1, 2, 3]
    assert fields.files[0].end == "2026-11-27 09:06:01"
    # A clip whose length is unknown ends where it starts, and shows no length.
    assert (fields.files[2].start, fields.files[2].end, fields.files[2].length) == (
        "2026-11-27 10:00:00",
        "2026-11-27 10:00:00",
        "",
    )


def test_who_recorded_is_known_only_when_every_clip_has_a_holder() -> None:
    names = {"1001": "张伟"}
    held = [_clip(1, "1001", T0, 1.0), _clip(2, "1001", T0, 1.0)]
    assert recorded_by_default(held, names) == "张伟 (1001)"
    assert recorded_by_default([*held, _clip(3, None, T0, 1.0)], names) is None
    fields = form_fields([_clip(3, None, None, None)], _facts([_clip(3, None, None, None)]))
    assert (fields.officers, fields.start, fields.end) == ("", "", "")


def test_container_names_are_the_ones_a_clerk_knows() -> None:
    assert container_name("mov,mp4,m4a,3gp,3g2,mj2") == "MP4"
    assert container_name("mpegts") == "MPEG-TS"
    assert container_name("matroska,webm") == "MKV"
    assert container_name("flv") == "flv"
    assert container_name("") == "?"


def test_lengths_round_to_the_second() -> None:
    assert length_text(None) == ""
    assert length_text(0.4) == "0:00:00"
    assert length_text(3599.6) == "1:00:00"
    assert length_text(90061.0) == "25:01:01"


def test_a_chinese_case_number_keeps_its_letters_in_the_name_and_its_digits_in_the_volume() -> None:
    assert disc_stem("教执罚〔2026〕12号") == "教执罚_2026_12号"
    assert volume_id("教执罚〔2026〕12号") == "BWC_2026_12"
    assert volume_id("zf-2026/0042") == "BWC_ZF_2026_0042"
    assert volume_id("案件") == "BWC"
    assert disc_stem("../../etc") == "_.._etc"


@given(st.text(min_size=1, max_size=64))
def test_any_case_number_gives_a_volume_id_xorriso_takes_and_a_safe_file_name(text: str) -> None:
    assert re.fullmatch(r"[A-Z0-9_]{1,32}", volume_id(text))
    stem = disc_stem(text)
    assert stem and "/" not in stem and not stem.startswith(".") and "\x00" not in stem
