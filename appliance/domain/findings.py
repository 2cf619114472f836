"""Provides the supervision findings of DESIGN §13: what breaks the rules, computed, never typed.

Art. 14 has the unit head check the unit's recording every day; Art. 15 has the audit office
inspect and score; Art. 16 lists what leaders and case officers answer for. A finding is one
rule's verdict on the store's records: its kind (F1 to F11, each with its article), what it is
about (a session, a clip, a recorder, a person, a package), when, whose, and the facts its
sentence needs (catalogue `finding.<kind>`, both languages). Each rule here is a pure function
of records; the store reads them, the report and the screens say them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum

from appliance.domain.alarms import Alarm, Quarantined
from appliance.domain.articles import enforces
from appliance.domain.disclosure import Disclosure
from appliance.domain.discs import DiscRecord
from appliance.domain.footage import ArchivedClip, ClipFlag
from appliance.domain.incidents import Fault, Incident
from appliance.domain.records import CustodySession, PreshiftCheck

# Art. 12(1): footage is offloaded within 24 hours of the recorder's return.
OFFLOAD_WITHIN = timedelta(hours=24)
# Art. 8: clips are filed under their case within three days.
FILE_WITHIN = timedelta(days=3)
# A check item's results that pass (appliance.services.custody): measured, or confirmed.
_CHECK_PASSED = frozenset({"measured_ok", "confirmed"})


class FindingKind(StrEnum):
    """The eleven findings of DESIGN §13."""

    NO_FOOTAGE = "F1"
    GAP = "F2"
    LATE = "F3"
    NO_AUDIO = "F4"
    UNFILED = "F5"
    FIXITY = "F6"
    FOREIGN_DEVICE = "F7"
    CHECK = "F8"
    FAULT_OR_LOSS = "F9"
    RELEASE = "F10"
    LATE_HANDOVER = "F11"


# Each finding's article: what the unit answers for, and why the rule exists.
ARTICLE: Mapping[FindingKind, str] = {
    FindingKind.NO_FOOTAGE: "16(1)",
    FindingKind.GAP: "16(2)",
    FindingKind.LATE: "12(1)",
    FindingKind.NO_AUDIO: "2",
    FindingKind.UNFILED: "8",
    FindingKind.FIXITY: "16(3)",
    FindingKind.FOREIGN_DEVICE: "9, 12(2)",
    FindingKind.CHECK: "4",
    FindingKind.FAULT_OR_LOSS: "5(8), 10",
    FindingKind.RELEASE: "11, 13",
    FindingKind.LATE_HANDOVER: "12(2)",
}

# The alarms that are findings (their kind, as raised by the services): F6 evidence changed
# or gone, F7 a device that is not the unit's, F11 a late hand-over.
ALARM_FINDINGS: Mapping[str, FindingKind] = {
    "fixity_mismatch": FindingKind.FIXITY,
    "archive_missing": FindingKind.FIXITY,
    "archive_conflict": FindingKind.FIXITY,
    "foreign_unit": FindingKind.FOREIGN_DEVICE,
    "handover_late": FindingKind.LATE_HANDOVER,
}


class About(StrEnum):
    """What a finding links to."""

    SESSION = "session"
    CLIP = "clip"
    RECORDER = "recorder"
    PERSON = "person"
    PACKAGE = "package"
    CHECK = "check"


@dataclass(frozen=True)
class Finding:
    """One rule's verdict: of what kind, about what, when, whose, and its sentence's facts.

    `variant` tells a rule's cases apart where its sentence differs (F3: offloaded late, or
    not returned by the end of the day); the catalogue key is `finding.<kind>[.<variant>]`.
    """

    kind: FindingKind
    about: About
    subject: str
    at: datetime
    badge: str | None = None
    variant: str = ""
    facts: Mapping[str, str] = field(default_factory=dict)

    @property
    def article(self) -> str:
        """The article the finding answers to."""
        return ARTICLE[self.kind]

    @property
    def message_key(self) -> str:
        """The catalogue key of its sentence."""
        return f"finding.{self.kind.value}" + (f".{self.variant}" if self.variant else "")


def _by_session(clips: Iterable[ArchivedClip]) -> dict[int, list[ArchivedClip]]:
    found: dict[int, list[ArchivedClip]] = {}
    for clip in clips:
        if clip.session_id is not None:
            found.setdefault(clip.session_id, []).append(clip)
    return found


@enforces("16(1)")
def no_footage(sessions: Sequence[CustodySession], clips: Iterable[ArchivedClip]) -> list[Finding]:
    """F1 (Art. 16(1)): a recorder signed out and returned with no footage from that session.

    A session still open is not judged (its footage cannot have come back yet).
    """
    carried = _by_session(clips)
    return [
        Finding(
            FindingKind.NO_FOOTAGE,
            About.SESSION,
            str(s.id),
            s.ended_at,
            s.holder_badge,
            facts={"serial": s.serial, "badge": s.holder_badge},
        )
        for s in sessions
        if s.ended_at is not None and not carried.get(s.id)
    ]


@enforces("5(4)", "16(2)")
def gaps(clips: Iterable[ArchivedClip]) -> list[Finding]:
    """F2 (Art. 16(2)): a clip the offload found after a hole in its recorder's numbering or
    time coverage (ClipFlag.GAP, set by domain.gaps when it was archived): perhaps a deletion
    on the device."""
    return [
        Finding(
            FindingKind.GAP,
            About.CLIP,
            str(c.id),
            c.archived_at,
            c.holder_badge,
            facts={"serial": c.serial, "missing": c.source_name.rsplit("/", 1)[-1]},
        )
        for c in clips
        if ClipFlag.GAP in c.flags
    ]


def _end_of_day(instant: datetime, zone: tzinfo) -> datetime:
    local = instant.astimezone(zone)
    return datetime.combine(local.date() + timedelta(days=1), time(0), zone)


@enforces("12(1)")
def late(
    sessions: Sequence[CustodySession],
    clips: Iterable[ArchivedClip],
    now: datetime,
    zone: tzinfo,
) -> list[Finding]:
    """F3 (Art. 12(1)): footage offloaded more than 24 h after the recorder's return, or a
    recorder not returned by the end of the day (local midnight) it was signed out on.

    The offload's time is the session's first clip archived; a session whose footage has not
    come back at all is F1's, once returned, not this rule's.
    """
    carried = _by_session(clips)
    found = []
    for session in sessions:
        if session.ended_at is None:
            due = _end_of_day(session.started_at, zone)
            if now >= due:
                found.append(
                    Finding(
                        FindingKind.LATE,
                        About.SESSION,
                        str(session.id),
                        due,
                        session.holder_badge,
                        "not_returned",
                        {"serial": session.serial, "badge": session.holder_badge},
                    )
                )
            continue
        own = carried.get(session.id)
        if not own:
            continue
        first = min(clip.archived_at for clip in own)
        waited = first - session.ended_at
        if waited > OFFLOAD_WITHIN:
            found.append(
                Finding(
                    FindingKind.LATE,
                    About.SESSION,
                    str(session.id),
                    first,
                    session.holder_badge,
                    "offload",
                    {"serial": session.serial, "hours": str(int(waited.total_seconds() // 3600))},
                )
            )
    return found


@enforces("2")
def no_audio(clips: Iterable[ArchivedClip]) -> list[Finding]:
    """F4 (Art. 2): a readable video clip with no sound (recording is audio and video)."""
    return [
        Finding(
            FindingKind.NO_AUDIO,
            About.CLIP,
            str(c.id),
            c.archived_at,
            c.holder_badge,
            facts={"clip": str(c.id), "name": c.source_name.rsplit("/", 1)[-1]},
        )
        for c in clips
        if c.media.readable and c.media.video_codec and not c.media.has_audio
    ]


@enforces("8")
def unfiled(clips: Iterable[ArchivedClip], now: datetime) -> list[Finding]:
    """F5 (Art. 8): a clip not filed under any case three days after it was archived."""
    return [
        Finding(
            FindingKind.UNFILED,
            About.CLIP,
            str(c.id),
            c.archived_at + FILE_WITHIN,
            c.holder_badge,
            facts={"clip": str(c.id), "days": str((now - c.archived_at).days)},
        )
        for c in clips
        if not c.cases and now - c.archived_at > FILE_WITHIN
    ]


@enforces("4")
def checks(sessions: Sequence[CustodySession], failed: Iterable[PreshiftCheck]) -> list[Finding]:
    """F8 (Art. 4): a pre-shift check that failed, or a sign-out that skipped it."""
    found = [
        Finding(
            FindingKind.CHECK,
            About.CHECK,
            str(c.id),
            c.at,
            c.badge,
            "failed",
            {
                "serial": c.serial,
                "items": ", ".join(sorted(k for k, v in c.items.items() if v not in _CHECK_PASSED)),
            },
        )
        for c in failed
        if not c.passed
    ]
    found += [
        Finding(
            FindingKind.CHECK,
            About.SESSION,
            str(s.id),
            s.started_at,
            s.holder_badge,
            "skipped",
            {"serial": s.serial},
        )
        for s in sessions
        if s.check_id is None
    ]
    return found


@enforces("5(8)", "10")
def faults_and_losses(faults: Iterable[Fault], incidents: Iterable[Incident]) -> list[Finding]:
    """F9 (Art. 5(8), 10): a recorder reported faulty, lost or damaged, with whose it was.

    The unit head answers for a loss (Art. 10); the incident's own finding (negligence,
    deliberate, no fault) travels with it.
    """
    found = [
        Finding(
            FindingKind.FAULT_OR_LOSS,
            About.RECORDER,
            f.serial,
            f.reported_at,
            f.holder_badge,
            "fault",
            {"serial": f.serial, "part": f.part.value},
        )
        for f in faults
    ]
    found += [
        Finding(
            FindingKind.FAULT_OR_LOSS,
            About.RECORDER,
            i.serial,
            i.declared_at,
            i.holder_badge,
            i.kind.value,
            {"serial": i.serial, "finding": i.finding.value},
        )
        for i in incidents
    ]
    return found


def from_alarms(alarms: Iterable[Alarm]) -> list[Finding]:
    """F6 (Art. 16(3)), F7 (Art. 9, 12(2)) and F11 (Art. 12(2)) from the alarms raised when
    they happened: an archived file changed, missing or in conflict; a recorder of another
    unit; a hand-over made after its Monday. An acknowledgement does not undo a finding."""
    found = []
    for alarm in alarms:
        kind = ALARM_FINDINGS.get(alarm.kind)
        if kind is None:
            continue
        facts = {
            FindingKind.FIXITY: {"content": alarm.subject[:12]},
            FindingKind.FOREIGN_DEVICE: {"device": alarm.subject},
            FindingKind.LATE_HANDOVER: {"week": alarm.subject},
        }[kind]
        about = {
            FindingKind.FIXITY: About.CLIP,
            FindingKind.FOREIGN_DEVICE: About.RECORDER,
            FindingKind.LATE_HANDOVER: About.PACKAGE,
        }[kind]
        found.append(Finding(kind, about, alarm.subject, alarm.at, None, alarm.kind, facts))
    return found


@enforces("16(3)")
def quarantined(items: Iterable[Quarantined]) -> list[Finding]:
    """F6 (Art. 16(3)): content found in the archive with no clip row to name it."""
    return [
        Finding(
            FindingKind.FIXITY,
            About.CLIP,
            q.sha256,
            q.found_at,
            None,
            "quarantined",
            {"content": q.sha256[:12]},
        )
        for q in items
    ]


@enforces("11", "13")
def releases(disclosures: Iterable[Disclosure], discs: Iterable[DiscRecord]) -> list[Finding]:
    """F10 (Art. 11, 13): footage that left the box: each disclosure exported (to whom, who
    approved it) and each evidence disc made (for which case, by whom). Not a fault in itself:
    the audit office reads each against its approval."""
    found = [
        Finding(
            FindingKind.RELEASE,
            About.PACKAGE,
            str(d.package_id),
            d.exported_at,
            d.requested_by,
            "disclosure",
            {"request": str(d.id), "recipient": d.recipient, "approver": d.decided_by or ""},
        )
        for d in disclosures
        if d.exported_at is not None and d.package_id is not None
    ]
    found += [
        Finding(
            FindingKind.RELEASE,
            About.PACKAGE,
            str(disc.package_id),
            disc.made_at,
            disc.made_by,
            "disc",
            {"case": disc.case_number, "by": disc.made_by},
        )
        for disc in discs
    ]
    return found
