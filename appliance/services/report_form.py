"""Provides the words of the unit head's daily report: the one JSON input of daily_report.typ.

Every label comes from the catalogue (`report.*`, `finding.*`, `finding_next.*`); every value
is text the template shows as text (DESIGN §3.5): a badge, a name or a recorder's serial can
never become markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appliance.config import Settings, local_zone
from appliance.domain.findings import Finding
from appliance.i18n import alarm_kind_words, t
from appliance.services.disc_form import checkpoint_rows

if TYPE_CHECKING:
    from appliance.services.reports import DailyReport

_TYPST_LANG = {"zh_CN": "zh", "en": "en"}


def _clock(instant: object, settings: Settings) -> str:
    at = getattr(instant, "astimezone", None)
    if at is None:
        return ""
    return str(at(local_zone(settings)).strftime("%H:%M"))


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(count) < 1000:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def _length(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def finding_sentence(finding: Finding, lang: str, names: dict[str, str]) -> str:
    """A finding in words: its rule's sentence, with the person's name where it has a badge."""
    facts = dict(finding.facts)
    if "badge" in facts:
        facts["badge"] = names.get(facts["badge"], facts["badge"])
    # Facts that are a table's value (a fault's part, the unit head's finding on a loss) are
    # said in words, never as the identifier stored.
    for fact, prefix in (("part", "part"), ("finding", "finding")):
        if fact in facts:
            facts[fact] = t(f"{prefix}.{facts[fact]}", lang)
    return t(finding.message_key, lang, **facts)


def next_step(finding: Finding, lang: str) -> str:
    """What the unit head does about it (Art. 14: the unit head corrects what is wrong)."""
    return t(f"finding_next.{finding.kind.value}", lang)


def daily_values(
    report: DailyReport, checkpoint: str, lang: str, settings: Settings
) -> dict[str, object]:
    """The one JSON input of `daily_report.typ`: labels and values, all strings."""
    names = report.names
    recorders = [
        [
            status.recorder.serial,
            f"{status.recorder.brand} {status.recorder.model}".strip(),
            names.get(status.holder_badge, status.holder_badge)
            if status.holder_badge
            else t("report.on_shelf", lang),
            _clock(status.since, settings) if status.since else "",
        ]
        for status in report.recorders
    ]
    sessions = [
        [
            line.holder_name,
            line.session.serial,
            _clock(line.session.started_at, settings),
            _clock(line.session.ended_at, settings)
            if line.session.ended_at
            else t("report.still_out", lang),
            str(line.clips),
            _length(line.seconds),
            _size(line.bytes),
        ]
        for line in report.sessions
    ]
    findings = [
        [
            finding.kind.value,
            # A finding can fall due days after the day (F5: three days on): with its date.
            finding.at.astimezone(local_zone(settings)).strftime("%m-%d %H:%M"),
            finding_sentence(finding, lang, names),
            next_step(finding, lang),
        ]
        for finding in report.findings
    ]
    alarms = [
        [
            alarm.at.astimezone(local_zone(settings)).strftime("%m-%d %H:%M"),
            t(f"severity.{alarm.severity}", lang),
            alarm_kind_words(alarm.kind, lang),
            alarm.subject,
        ]
        for alarm in report.alarms
    ]
    return {
        "lang": _TYPST_LANG.get(lang, "zh"),
        "title": t("report.daily_title", lang),
        "subtitle": t(
            "report.daily_subtitle",
            lang,
            unit=report.unit_name,
            code=report.unit_code,
            day=report.day.isoformat(),
        ),
        "summary": t(
            "report.daily_summary",
            lang,
            recorders=len(report.recorders),
            sessions=len(report.sessions),
            findings=len(report.findings),
            alarms=len(report.alarms),
        ),
        "recorders_title": t("report.recorders", lang),
        "recorders_head": [
            t("report.col.serial", lang),
            t("report.col.device", lang),
            t("report.col.holder", lang),
            t("report.col.since", lang),
        ],
        "recorders": recorders,
        "sessions_title": t("report.sessions", lang),
        "sessions_head": [
            t("report.col.holder", lang),
            t("report.col.serial", lang),
            t("report.col.out", lang),
            t("report.col.back", lang),
            t("report.col.clips", lang),
            t("report.col.length", lang),
            t("report.col.size", lang),
        ],
        "sessions": sessions,
        "none": t("report.none", lang),
        "findings_title": t("report.findings", lang),
        "findings_head": [
            t("report.col.kind", lang),
            t("report.col.at", lang),
            t("report.col.finding", lang),
            t("report.col.next", lang),
        ],
        "findings": findings,
        "alarms_title": t("report.alarms", lang),
        "alarms_head": [
            t("report.col.at", lang),
            t("report.col.severity", lang),
            t("report.col.what", lang),
            t("report.col.about", lang),
        ],
        "alarms": alarms,
        "checkpoint_title": t("report.checkpoint", lang),
        "checkpoint_note": t("report.checkpoint_note", lang),
        "checkpoint": checkpoint_rows(checkpoint, lang),
        "checkpoint_line": checkpoint,
        "sign_head": t("report.sign_head", lang),
        "footer": t(
            "report.footer",
            lang,
            at=report.made_at.astimezone(local_zone(settings)).strftime("%Y-%m-%d %H:%M"),
        ),
    }
