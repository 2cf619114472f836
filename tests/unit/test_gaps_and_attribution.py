"""Gaps in numbering and time (Art. 16(2)); attribution to a custody session and day (Art. 8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appliance.domain.attribution import corrected_time, day_of, session_at
from appliance.domain.errors import BadInput, Refused
from appliance.domain.filing import check_case_number, filing_permission
from appliance.domain.footage import ClipFlag, flags_from_text, flags_text, probe_flags, stored_name
from appliance.domain.gaps import ClipTiming, coverage_gaps, numbering_gaps
from appliance.domain.records import CustodySession
from appliance.domain.roles import Action, Role

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


@pytest.mark.article("5(4)")
def test_a_hole_in_the_numbering_flags_the_file_after_it() -> None:
    names = [f"DCIM/100MEDIA/FILE{n:04d}.MP4" for n in (1, 2, 3, 5, 6)]
    assert numbering_gaps(names) == {"DCIM/100MEDIA/FILE0005.MP4"}


def test_series_are_kept_apart_and_timestamps_are_not_counters() -> None:
    names = [
        "DCIM/A/FILE0001.MP4",
        "DCIM/B/FILE0003.MP4",
        "DCIM/A/FILE0002.MP4",
        "DCIM/20261127083000.MP4",
        "DCIM/20261127093000.MP4",
        "DCIM/odd name.MP4",
    ]
    assert numbering_gaps(names) == set()


def test_a_length_cut_segment_followed_late_is_a_coverage_gap() -> None:
    ten = 600.0
    clips = [
        ClipTiming("a", T0, ten),
        ClipTiming("b", T0 + timedelta(seconds=ten), ten),
        # One whole segment missing: "c" starts ten minutes late.
        ClipTiming("c", T0 + timedelta(seconds=3 * ten), 120.0),
        ClipTiming("d", T0 + timedelta(hours=3), 30.0),
    ]
    assert coverage_gaps(clips) == {"c"}


def test_short_clips_stopped_by_hand_are_no_gap() -> None:
    clips = [ClipTiming(str(n), T0 + timedelta(minutes=5 * n), 20.0) for n in range(5)]
    assert coverage_gaps(clips) == set()


def test_drift_correction_and_session_attribution() -> None:
    morning = CustodySession(1, "DSJ-A001", "1001", T0, T0 + timedelta(hours=4), "1001")
    afternoon = CustodySession(2, "DSJ-A001", "1002", T0 + timedelta(hours=5), None)
    # The recorder ran 37 s fast: its 05:00:20 is really 04:59:43, still the morning's.
    device = T0 + timedelta(hours=4, seconds=-17)
    true = corrected_time(device, 37.0)
    assert true == T0 + timedelta(hours=4, seconds=-54)
    assert session_at([morning, afternoon], true) is morning
    assert session_at([morning, afternoon], T0 + timedelta(hours=4, minutes=30)) is None
    assert session_at([morning, afternoon], T0 + timedelta(hours=9)) is afternoon
    assert corrected_time(device, None) == device


def test_the_day_is_the_local_date() -> None:
    late = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)
    assert day_of(late, ZoneInfo("Asia/Shanghai")) == "2026-11-28"
    assert day_of(late, ZoneInfo("UTC")) == "2026-11-27"


def test_probe_flags() -> None:
    assert probe_flags(False, False, False) == {ClipFlag.UNREADABLE}
    assert probe_flags(True, True, True) == {ClipFlag.DAMAGED}
    assert probe_flags(True, False, False) == {ClipFlag.NO_AUDIO}
    text = flags_text({ClipFlag.GAP, ClipFlag.NO_AUDIO})
    assert text == "gap,no_audio" and flags_from_text(text) == {ClipFlag.GAP, ClipFlag.NO_AUDIO}


def test_stored_names_keep_undecodable_bytes_visible() -> None:
    name = b"DCIM/bad-\xff.MP4".decode("utf-8", "surrogateescape")
    assert stored_name(name) == "DCIM/bad-\\xff.MP4"
    assert stored_name("DCIM/执法 记录.MP4") == "DCIM/执法 记录.MP4"


@pytest.mark.article("8")
def test_filing_rules() -> None:
    assert filing_permission("1001", Role.OFFICER, "U", "1001", "U") is Action.FILE_CLIP
    assert filing_permission("2001", Role.UNIT_HEAD, "U", "1001", "U") is Action.FILE_CLIP_FOR_OTHER
    with pytest.raises(Refused, match="not_your_clip"):
        filing_permission("1002", Role.OFFICER, "U", "1001", "U")
    with pytest.raises(Refused, match="clip_other_unit"):
        filing_permission("2001", Role.UNIT_HEAD, "U", None, "OTHER")
    assert check_case_number(" 教执罚〔2026〕12号 ") == "教执罚〔2026〕12号"
    assert check_case_number("x" * 64) == "x" * 64
    for bad in ("", "   ", "x" * 65, "a\nb", "\x1b[31m", "ZF\u202e-12"):
        with pytest.raises(BadInput) as refused:
            check_case_number(bad)
        assert (refused.value.reason, refused.value.params) == ("bad_case_number", {}), bad
