"""Provides the words of an evidence disc: the record form's values and the disc's README.

Every label comes from the catalogue (`form.*`, `disc.readme.*`) in the regulation's own
wording (GLOSSARY); every value is text the template shows as text (DESIGN §3.5).
"""

from __future__ import annotations

from datetime import datetime

from appliance.domain.discs import FormFields
from appliance.i18n import t

# The typst language tag of each product language.
_TYPST_LANG = {"zh_CN": "zh", "en": "en"}


def checkpoint_rows(checkpoint: str, lang: str) -> list[list[str]]:
    """The checkpoint line, one labelled row per part, so no hash is broken across lines."""
    words = dict(w.split("=", 1) for w in checkpoint.split(" ")[1:] if "=" in w)
    return [
        [t("form.checkpoint", lang), checkpoint.split(" ", 1)[0]],
        [t("form.checkpoint_unit", lang), words.get("unit", "")],
        [t("form.checkpoint_key", lang), words.get("key", "")],
        [t("form.checkpoint_size", lang), words.get("size", "")],
        [t("form.checkpoint_head", lang), words.get("head", "")],
        [t("form.checkpoint_at", lang), words.get("at", "")],
        [t("form.checkpoint_sig", lang), words.get("sig", "")],
    ]


def form_values(
    case_number: str,
    unit: tuple[str, str],
    fields: FormFields,
    stem: str,
    package_receipt: str,
    checkpoint: str,
    image_sha256: str | None,
    made_at: datetime,
    lang: str,
) -> dict[str, object]:
    """The one JSON input of `record_form.typ`: labels and values, all strings."""
    unit_code, unit_name = unit
    image = image_sha256 if image_sha256 is not None else t("form.image_on_paper", lang)
    return {
        "lang": _TYPST_LANG.get(lang, "zh"),
        "title": t("form.title", lang),
        "subtitle": t("form.subtitle", lang, unit=unit_name, code=unit_code, case=case_number),
        "fields": [
            [t("form.case", lang), case_number],
            [t("form.officer", lang), fields.officers or t("form.unknown", lang)],
            [t("form.recorded_by", lang), fields.recorded_by],
            [t("form.time", lang), f"{fields.start} — {fields.end}"],
            [t("form.place", lang), fields.place],
            [t("form.device", lang), fields.devices],
            [t("form.format", lang), fields.formats],
            [
                t("form.length", lang),
                t("form.length_value", lang, length=fields.length, count=len(fields.files)),
            ],
        ],  # fmt: skip
        "files_title": t("form.files", lang),
        "file_headers": [
            t("form.col.number", lang),
            t("form.col.file", lang),
            t("form.col.officer", lang),
            t("form.col.time", lang),
            t("form.col.length", lang),
            t("form.col.device", lang),
        ],
        "files": [
            {
                "number": str(row.number),
                "path": row.path,
                "original": row.original_name,
                "officer": row.officer or t("form.unknown", lang),
                "start": row.start,
                "end": row.end,
                "length": row.length,
                "device": row.device,
                "format": row.media_format,
                "size": t("form.bytes", lang, size=row.size),
                "sha256": row.sha256,
            }
            for row in fields.files
        ],
        "disc": [
            [t("form.image", lang), f"{stem}.iso"],
            [t("form.image_sha256", lang), image],
            [t("form.package", lang), stem],
            [t("form.package_receipt", lang), package_receipt],
            *checkpoint_rows(checkpoint, lang),
        ],
        "signatures": [t("form.sign_officer", lang), t("form.sign_leader", lang)],
        "seal_label": t("form.seal", lang),
        "date_label": t("form.date", lang),
        "footer": t("form.footer", lang, at=made_at.isoformat(timespec="seconds")),
    }


def readme_text(
    case_number: str, unit: tuple[str, str], stem: str, package_receipt: str, checkpoint: str
) -> str:
    """README.txt of the disc, in Chinese then English: what is on it and how to check it."""
    unit_code, unit_name = unit
    parts = []
    for lang in ("zh_CN", "en"):
        parts.append(
            t(
                "disc.readme",
                lang,
                case=case_number,
                unit=unit_name,
                code=unit_code,
                package=stem,
                receipt=package_receipt,
                checkpoint=checkpoint,
            )
        )
    return "\n\n".join(parts).replace("\r", "") + "\n"
