"""The findings of DESIGN §13 as pure rules: for each, a record that must raise it and a near
miss that must not (Art. 2, 4, 8, 12(1), 16(1), 16(2); issue 13 item 1).

Each finding links to what it is about and says itself in both languages with its article.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appliance.domain import findings
from appliance.domain.alarms import Alarm, Quarantined
from appliance.domain.disclosure import Disclosure, DisclosureState
from appliance.domain.discs import DiscRecord
from appliance.domain.findings import ARTICLE, About, Finding, FindingKind
from appliance.domain.footage import ArchivedClip, ClipFlag, MediaInfo
from appliance.domain.incidents import Fault, FaultPart, Incident, IncidentKind
from appliance.domain.incidents import Finding as IncidentFinding
from appliance.domain.records import CustodySession, PreshiftCheck
from appliance.i18n import t
from appliance.i18n.finding_messages import FINDING_MESSAGES
from appliance.services.report_form import finding_sentence

ZONE = ZoneInfo("Asia/Shanghai")
# 08:00 in Beijing, a shift's start; the day ends at 16:00 UTC.
SHIFT = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
RETURNED = SHIFT + timedelta(hours=9)


def _session(
    ended: datetime | None = RETURNED, number: int = 1, check: int | None = 7
) -> CustodySession:
    return CustodySession(
        number, "DSJ-A001", "1001", SHIFT, ended, "1001" if ended else None, check
    )


def _clip(
    archived: datetime,
    session: int | None = 1,
    cases: tuple[str, ...] = (),
    *,
    readable: bool = True,
    video_codec: str = "h264",
    has_audio: bool = True,
    flags: frozenset[ClipFlag] = frozenset(),
) -> ArchivedClip:
    info = MediaInfo(readable=readable, video_codec=video_codec, has_audio=has_audio)
    return ArchivedClip(
        id=11, sha256="a" * 64, size=1, serial="DSJ-A001", unit_code="GA-0101",
        source_name="DCIM/100MEDIA/V0001.MP4", job_id=1, archived_at=archived,
        recorded_at=SHIFT + timedelta(hours=1), day="2026-11-30", holder_badge="1001",
        session_id=session, media=info, flags=flags, cases=cases,
    )  # fmt: skip


@pytest.mark.article("16(1)")
def test_f1_a_returned_session_with_no_footage_and_its_near_misses() -> None:
    [finding] = findings.no_footage([_session()], [])
    assert (finding.kind, finding.about, finding.subject, finding.badge) == (
        FindingKind.NO_FOOTAGE, About.SESSION, "1", "1001",
    )  # fmt: skip
    assert finding.article == "16(1)" and finding.at == RETURNED
    # One clip of the session came back; another session's clip does not count for it.
    assert findings.no_footage([_session()], [_clip(RETURNED + timedelta(hours=1))]) == []
    assert len(findings.no_footage([_session()], [_clip(RETURNED, session=2)])) == 1
    # Still out: not judged yet.
    assert findings.no_footage([_session(ended=None)], []) == []


@pytest.mark.article("5(4)")
def test_f2_a_clip_after_a_hole_and_one_with_none() -> None:
    [finding] = findings.gaps([_clip(RETURNED, flags=frozenset({ClipFlag.GAP}))])
    assert (finding.kind, finding.about, finding.subject) == (FindingKind.GAP, About.CLIP, "11")
    assert finding.facts == {"serial": "DSJ-A001", "missing": "V0001.MP4"}
    assert findings.gaps([_clip(RETURNED, flags=frozenset({ClipFlag.NO_AUDIO}))]) == []


@pytest.mark.parametrize(
    ("after_return", "late"),
    [(timedelta(hours=23), False), (timedelta(hours=24), False), (timedelta(hours=25), True)],
)
@pytest.mark.article("12(1)")
def test_f3_footage_offloaded_23_h_after_return_is_in_time_and_25_h_is_late(
    after_return: timedelta, late: bool
) -> None:
    clips = [_clip(RETURNED + after_return), _clip(RETURNED + after_return + timedelta(days=3))]
    found = findings.late([_session()], clips, RETURNED + timedelta(days=5), ZONE)
    assert [(f.kind, f.variant, f.facts.get("hours")) for f in found] == (
        [(FindingKind.LATE, "offload", "25")] if late else []
    )


def test_f3_a_recorder_not_back_by_the_end_of_its_day() -> None:
    midnight = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # 24:00 in Beijing
    out = [_session(ended=None)]
    assert findings.late(out, [], midnight - timedelta(minutes=1), ZONE) == []
    [finding] = findings.late(out, [], midnight, ZONE)
    assert (finding.variant, finding.at, finding.badge) == ("not_returned", midnight, "1001")
    # The same session returned at 23:59: nothing to find.
    back = [_session(ended=midnight - timedelta(minutes=1))]
    assert findings.late(back, [_clip(midnight)], midnight + timedelta(days=1), ZONE) == []


@pytest.mark.article("2")
def test_f4_pictures_with_no_sound_and_its_near_misses() -> None:
    [finding] = findings.no_audio([_clip(RETURNED, has_audio=False)])
    assert (finding.kind, finding.about, finding.subject) == (
        FindingKind.NO_AUDIO,
        About.CLIP,
        "11",
    )
    assert finding.facts["name"] == "V0001.MP4"
    assert findings.no_audio([_clip(RETURNED)]) == []
    # A photo has no sound to lose; an unreadable file is F6's, not this rule's.
    assert findings.no_audio([_clip(RETURNED, video_codec="", has_audio=False)]) == []
    assert findings.no_audio([_clip(RETURNED, readable=False, has_audio=False)]) == []


@pytest.mark.article("8")
def test_f5_unfiled_after_three_days_and_its_near_misses() -> None:
    clip = _clip(RETURNED)
    three_days = RETURNED + timedelta(days=3)
    assert findings.unfiled([clip], three_days - timedelta(hours=1)) == []
    assert findings.unfiled([clip], three_days) == []
    [finding] = findings.unfiled([clip], three_days + timedelta(hours=1))
    assert (finding.kind, finding.at, finding.facts["days"]) == (
        FindingKind.UNFILED,
        three_days,
        "3",
    )
    assert (
        findings.unfiled([_clip(RETURNED, cases=("ZF-1",))], three_days + timedelta(days=9)) == []
    )


@pytest.mark.article("4")
def test_f8_a_failed_check_and_a_skipped_one() -> None:
    failed = PreshiftCheck(
        "DSJ-A001", "1001", SHIFT, False,
        {"main_battery": "measured_fail", "clock": "confirmed", "free_space": "open"}, id=3,
    )  # fmt: skip
    passed = replace(failed, passed=True, items={"main_battery": "measured_ok"}, id=4)
    found = findings.checks([_session(check=None), _session(number=2, check=4)], [failed, passed])
    assert [(f.variant, f.about, f.subject) for f in found] == [
        ("failed", About.CHECK, "3"),
        ("skipped", About.SESSION, "1"),
    ]
    assert found[0].facts["items"] == "free_space, main_battery"


@pytest.mark.article("5(8)", "10")
def test_f9_a_fault_a_loss_and_a_damage_each_with_whose_it_was() -> None:
    assert findings.faults_and_losses([], []) == []
    fault = Fault(1, "DSJ-A001", FaultPart.BATTERY, "dies", "1001", SHIFT, 1, "1001")
    lost = Incident(
        2, "DSJ-A002", IncidentKind.LOST, "recorder", IncidentFinding.NEGLIGENCE, "left in a car",
        "2001", "2002", SHIFT, 2, "1002",
    )  # fmt: skip
    damaged = replace(lost, id=3, kind=IncidentKind.DAMAGED, finding=IncidentFinding.NO_FAULT)
    found = findings.faults_and_losses([fault], [lost, damaged])
    assert [(f.message_key, f.subject, f.badge) for f in found] == [
        ("finding.F9.fault", "DSJ-A001", "1001"),
        ("finding.F9.lost", "DSJ-A002", "1002"),
        ("finding.F9.damaged", "DSJ-A002", "1002"),
    ]
    assert found[1].facts == {"serial": "DSJ-A002", "finding": "negligence"}
    assert all(f.about is About.RECORDER for f in found)
    # Said in words, the part and the finding as the fault and loss screens name them.
    sentences = [finding_sentence(f, "zh_CN", {}) for f in found]
    assert sentences[0] == "第五条第八项、第十条：执法记录仪 DSJ-A001 报告故障（电池）。"
    assert sentences[1].endswith("丢失（单位负责人认定：保管不善）。"), sentences[1]
    assert finding_sentence(found[2], "en", {}) == (
        "Art. 5(8), 10: recorder DSJ-A002 was damaged (the unit head's finding: no fault of"
        " the holder)."
    )


@pytest.mark.article("16(3)")
def test_f6_f7_f11_from_the_alarms_raised_and_from_quarantine() -> None:
    sha = "b" * 64
    raised = [
        Alarm(1, SHIFT, "critical", "fixity_mismatch", sha),
        Alarm(2, SHIFT, "critical", "archive_missing", sha, acknowledged_at=RETURNED),
        Alarm(3, SHIFT, "warning", "foreign_unit", "DSJ-X999"),
        Alarm(4, SHIFT, "warning", "handover_late", "2026-W48"),
        # Not findings: the box's own troubles, and a kind nobody maps.
        Alarm(5, SHIFT, "critical", "retention_clock", "retention-1"),
        Alarm(6, SHIFT, "warning", "seal_failed", sha),
    ]
    found = findings.from_alarms(raised)
    assert [(f.message_key, f.about, f.subject) for f in found] == [
        ("finding.F6.fixity_mismatch", About.CLIP, sha),
        ("finding.F6.archive_missing", About.CLIP, sha),
        ("finding.F7.foreign_unit", About.RECORDER, "DSJ-X999"),
        ("finding.F11.handover_late", About.PACKAGE, "2026-W48"),
    ]
    assert found[0].facts == {"content": "bbbbbbbbbbbb"}
    [held] = findings.quarantined([Quarantined(1, sha, 10, SHIFT, True, "held")])
    assert (held.message_key, held.at) == ("finding.F6.quarantined", SHIFT)


@pytest.mark.article("13")
def test_f10_an_exported_disclosure_and_a_disc_but_not_an_approval_unused() -> None:
    approved = Disclosure(
        1, "1001", SHIFT, "court", "trial", "c" * 64, (11,), DisclosureState.APPROVED,
        decided_by="4001", decided_at=SHIFT,
    )  # fmt: skip
    exported = replace(approved, id=2, exported_at=RETURNED, package_id=5)
    disc = DiscRecord(
        1, "ZF-1", 6, "ZF-1.iso", "d" * 64, 1, "ZF_1", "e" * 64, 3, None, "Renmin Road", "",
        "2001", RETURNED,
    )  # fmt: skip
    found = findings.releases([approved, exported], [disc])
    assert [(f.message_key, f.subject, f.badge) for f in found] == [
        ("finding.F10.disclosure", "5", "1001"),
        ("finding.F10.disc", "6", "2001"),
    ]
    assert found[0].facts == {"request": "2", "recipient": "court", "approver": "4001"}


def test_every_kind_has_its_article_and_its_sentences_in_both_languages() -> None:
    assert set(ARTICLE) == set(FindingKind)
    keys = {key.split(".")[1] for key in FINDING_MESSAGES}
    assert keys == {kind.value for kind in FindingKind}
    for key, (english, chinese) in FINDING_MESSAGES.items():
        article = ARTICLE[FindingKind(key.split(".")[1])]
        # The sentence names the finding's own article, in both languages.
        assert english.startswith(f"Art. {article}:"), key
        assert re.match(r"第[一二三四五六七八九十]+条", chinese), key
    # Every alarm a finding is made of has its own sentence.
    for alarm, kind in findings.ALARM_FINDINGS.items():
        assert f"finding.{kind.value}.{alarm}" in FINDING_MESSAGES, alarm


def test_a_finding_says_itself_with_its_facts() -> None:
    finding = Finding(
        FindingKind.LATE, About.SESSION, "1", RETURNED, "1001", "offload",
        {"serial": "DSJ-A001", "hours": "25"},
    )  # fmt: skip
    assert t(finding.message_key, "en", **finding.facts) == (
        "Art. 12(1): recorder DSJ-A001's footage was offloaded 25 h after its return"
        " (within 24 h is the rule)."
    )
    assert "25 小时" in t(finding.message_key, "zh_CN", **finding.facts)
