"""Provides the words of the unit head's daily report: the one JSON input of daily_report.typ.

Every label comes from the catalogue (`report.*`, `finding.*`, `finding_next.*`); every value
is text the template shows as text (DESIGN §3.5): a badge, a name or a recorder's serial can
never become markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appliance.config import Settings, local_zone
from appliance.domain.findings import Finding, FindingKind
from appliance.i18n import alarm_kind_words, t
from appliance.quantities import duration, human_bytes
from appliance.services.disc_form import checkpoint_rows

if TYPE_CHECKING:
    from appliance.services.audit_report import AuditReport
    from appliance.services.reports import DailyReport

_TYPST_LANG = {"zh_CN": "zh", "en": "en"}
# A finding's facts that hold an enum value, and the catalogue prefix of its words.
_WORDED_FACTS = {"part": "part", "finding": "finding"}


def _clock(instant: object, settings: Settings) -> str:
    at = getattr(instant, "astimezone", None)
    if at is None:
        return ""
    return str(at(local_zone(settings)).strftime("%H:%M"))


def finding_sentence(finding: Finding, lang: str, names: dict[str, str]) -> str:
    """A finding in words: its rule's sentence, with the person's name where it has a badge."""
    facts = dict(finding.facts)
    if "badge" in facts:
        facts["badge"] = names.get(facts["badge"], facts["badge"])
    # Facts that are a table's value (a fault's part, the unit head's finding on a loss) are
    # said in words, never as the identifier stored.
    for fact, prefix in _WORDED_FACTS.items():
        if fact in facts:
            facts[fact] = t(f"{prefix}.{facts[fact]}", lang)
    if "items" in facts:
        # A check's failed items (Art. 4), each in the checklist's own words.
        said = [t(f"item.{item}", lang) for item in facts["items"].split(", ") if item]
        facts["items"] = "、".join(said) if lang == "zh_CN" else ", ".join(said)
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
            duration(line.seconds),
            human_bytes(line.bytes),
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


def _bars(rows: list[tuple[str, str, int]]) -> list[list[str]]:
    """Rows of a bar chart the template draws: label, note, count, and the bar's share of the
    longest ("0.000" to "1.000")."""
    top = max((count for _, _, count in rows), default=0) or 1
    return [[label, note, str(count), f"{count / top:.3f}"] for label, note, count in rows]


def audit_values(
    report: AuditReport, checkpoint: str, lang: str, settings: Settings
) -> dict[str, object]:
    """The one JSON input of `audit_report.typ`: labels, values and bar charts, all strings."""
    names = report.names
    kinds = _bars(
        [
            (kind.value, t(f"finding_kind.{kind.value}", lang), report.by_kind.get(kind, 0))
            for kind in FindingKind
        ]
    )
    officers = _bars(
        [
            (
                names.get(badge, badge) if badge else t("report.nobody", lang),
                badge,
                count,
            )
            for badge, count in sorted(report.by_officer.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    )
    weeks = _bars([(week, "", count) for week, count in report.by_week.items()])
    zone = local_zone(settings)
    findings = [
        [
            finding.kind.value,
            finding.at.astimezone(zone).strftime("%m-%d %H:%M"),
            finding_sentence(finding, lang, names),
        ]
        for finding in report.findings
    ]
    fixity = [
        [
            run.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            str(run.checked),
            str(run.mismatched),
            str(run.missing),
        ]
        for run in report.fixity
    ]
    return {
        "lang": _TYPST_LANG.get(lang, "zh"),
        "title": t("report.audit_title", lang),
        "subtitle": t(
            "report.audit_subtitle",
            lang,
            unit=report.unit_name,
            code=report.unit_code,
            first=report.first.isoformat(),
            last=report.last.isoformat(),
        ),
        "summary": t(
            "report.audit_summary",
            lang,
            findings=len(report.findings),
            officers=len([b for b in report.by_officer if b]),
            weeks=len(report.by_week),
        ),
        "kinds_title": t("report.by_kind", lang),
        "kinds": kinds,
        "officers_title": t("report.by_officer", lang),
        "officers": officers,
        "weeks_title": t("report.by_week", lang),
        "weeks": weeks,
        "none": t("report.none", lang),
        "fixity_title": t("report.fixity", lang),
        "fixity_head": [
            t("report.col.at", lang),
            t("report.col.checked", lang),
            t("report.col.mismatched", lang),
            t("report.col.missing", lang),
        ],
        "fixity": fixity,
        "chain_title": t("report.chain", lang),
        "chain": t("report.chain_state", lang, size=report.chain_size, head=report.chain_head),
        "findings_title": t("report.findings_all", lang),
        "findings_head": [
            t("report.col.kind", lang),
            t("report.col.at", lang),
            t("report.col.finding", lang),
        ],
        "findings": findings,
        "checkpoint_title": t("report.checkpoint", lang),
        "checkpoint_note": t("report.checkpoint_note", lang),
        "checkpoint": checkpoint_rows(checkpoint, lang),
        "checkpoint_line": checkpoint,
        "footer": t(
            "report.audit_footer",
            lang,
            at=report.made_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        ),
    }
