"""Provides the words and values of the printed destruction list (`destruction_list.typ`).

Every label comes from the catalogue (`destruction.*`) in the box's language; every value is
a string the template shows as text, whatever it holds (DESIGN §3.5).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from appliance.i18n import t
from appliance.safe_text import printable

# The typst language tag of each product language.
_TYPST_LANG = {"zh_CN": "zh", "en": "en"}
# The rule's verdicts a list can hold: only an expired retention period lets a clip go.
_WHY = {"retention_expired": "destruction.why.retention_expired"}


def pdf_values(
    document: dict[str, Any], unit: tuple[str, str], lang: str, printed_at: datetime
) -> dict[str, object]:
    """The one JSON input of `destruction_list.typ`, from the run's JSON document."""
    dry_run = bool(document["dry_run"])
    rows = document["would_delete" if dry_run else "deleted"]
    head = document["chain_head"] or {}
    unit_code, unit_name = unit
    return {
        "lang": _TYPST_LANG.get(lang, "zh"),
        "title": t("destruction.title", lang),
        "subtitle": t("destruction.subtitle", lang, unit=unit_name, code=unit_code),
        "note": t("destruction.dry_note" if dry_run else "destruction.note", lang),
        "fields": [
            [t("destruction.run", lang), str(document["run"])],
            [
                t("destruction.kind", lang),
                t("destruction.kind_dry" if dry_run else "destruction.kind_deleted", lang),
            ],
            [t("destruction.clock", lang), str(document["now"])],
            [t("destruction.newest_event", lang), str(document["newest_event_at"])],
            [t("destruction.days", lang), t("destruction.days_value", lang, days=document["days"])],
            [t("destruction.judged", lang), str(document["judged"])],
            [
                t("destruction.listed_dry" if dry_run else "destruction.listed", lang),
                str(len(rows)),
            ],
        ],
        "rows_title": t("destruction.rows_dry" if dry_run else "destruction.rows", lang),
        "headers": [
            t("destruction.col.clip", lang),
            t("destruction.col.file", lang),
            t("destruction.col.size", lang),
            t("destruction.col.why", lang),
            t("destruction.col.archived_at", lang),
            t("destruction.col.kept_until", lang),
            t("destruction.col.handed_over", lang),
        ],
        "rows": [_row(row, lang) for row in rows],
        "no_rows": t("destruction.none", lang),
        "finished_title": t("destruction.finished", lang),
        "finished": [str(sha256) for sha256 in document["finished"]],
        "failed_title": t("destruction.failed", lang),
        "failed": [str(sha256) for sha256 in document["failed"]],
        "checkpoint_title": t("destruction.checkpoint", lang),
        "checkpoint": [
            [t("destruction.head_seq", lang), str(head.get("seq", ""))],
            [t("destruction.head_hash", lang), str(head.get("hash", ""))],
        ],
        "signatures": [t("destruction.sign_checked", lang), t("destruction.sign_leader", lang)],
        "date_label": t("destruction.date", lang),
        "footer": t(
            "destruction.footer",
            lang,
            run=document["run"],
            at=printed_at.isoformat(timespec="seconds"),
        ),
    }


def _row(row: dict[str, Any], lang: str) -> dict[str, str]:
    inputs = row["inputs"]
    why = str(row["why"])
    return {
        "clip": str(row["clip"]),
        "source_name": printable(str(row["source_name"] or "")),
        "recorder": printable(str(row["recorder"] or "")),
        "size": t("destruction.bytes", lang, size=row["size"]),
        "why": t(_WHY[why], lang) if why in _WHY else why,
        "archived_at": str(inputs["archived_at"]),
        "kept_until": str(inputs["retain_until"]),
        "handed_over": t("destruction.yes" if inputs["handed_over"] else "destruction.no", lang),
        "sha256": str(row["sha256"]),
    }
