"""Provides the destruction list of a retention run: its JSON document, its text and its PDF.

DESIGN §11, Art. 12(3): what went (or, dry, would go), why, the rule's inputs, and the audit
chain head as the checkpoint. The PDF is the FormRenderer's `destruction_list` template; it is
printed for a run whose list has rows (deleted, would delete, finished, failed): a run that
deleted nothing has its JSON and text, and they say why no PDF was printed. A PDF that cannot
be made never loses the run: JSON and text are written, and an alarm is raised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.atomic_file import write_atomically
from appliance.domain.records import Actor
from appliance.ports import FormError, FormRenderer
from appliance.safe_text import printable
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context
from appliance.services.destruction_form import pdf_values

if TYPE_CHECKING:
    from appliance.services.retention import RetentionReport

UNPRINTED_ALARM = "destruction_list_unprinted"
# Why a run has no PDF (the JSON's `pdf_missing`).
NOTHING_LISTED = "nothing_listed"
RENDER_FAILED = "render_failed"


@dataclass(frozen=True)
class WrittenLists:
    """The list files of one run, and why it has no PDF ("" when it has one)."""

    paths: tuple[Path, ...]
    pdf_missing: str = ""


def write_lists(
    ctx: Context, forms: FormRenderer, actor: Actor, report: RetentionReport
) -> WrittenLists:
    """Write `<run>[-dry].json`, `.txt` and, when it lists anything, `.pdf` (mode 0640)."""
    folder = ctx.settings.exports_dir / "retention"
    folder.mkdir(mode=0o750, parents=True, exist_ok=True)
    stem = f"{report.run}{'-dry' if report.dry_run else ''}"
    document = _document(ctx, report)
    pdf, missing, error = None, NOTHING_LISTED, ""
    if _has_rows(document):
        now = ctx.clock.now()
        values = pdf_values(document, (ctx.settings.unit_code, ctx.settings.unit_name),
                            ctx.settings.language, now)  # fmt: skip
        try:
            pdf, missing = forms.render("destruction_list", values, now), ""
        except FormError as exc:
            missing, error = RENDER_FAILED, exc.detail
    document["pdf"] = f"{stem}.pdf" if pdf is not None else None
    document["pdf_missing"] = missing or None
    written = []
    if pdf is not None:
        written.append(folder / f"{stem}.pdf")
        write_atomically(written[-1], pdf, 0o640)
    as_json, as_text = folder / f"{stem}.json", folder / f"{stem}.txt"
    write_atomically(as_json, json.dumps(document, indent=2, sort_keys=True).encode(), 0o640)
    write_atomically(as_text, _text(document, report.dry_run).encode("utf-8"), 0o640)
    if missing == RENDER_FAILED:
        # The deletions are done and recorded; the paper list is what is missing (Art. 12(3)).
        raise_alarm(
            ctx, actor, "warning", UNPRINTED_ALARM, report.run,
            detail={"run": report.run, "error": error}, event={"run": report.run},
        )  # fmt: skip
    # The JSON first: the CLI names it as the run's list.
    return WrittenLists((as_json, as_text, *written), missing)


def _document(ctx: Context, report: RetentionReport) -> dict[str, Any]:
    head = ctx.store.audit_log.recent(1)
    clips = ctx.store.clips.by_ids(j.clip_id for j in report.eligible)
    entries = []
    for judgement in report.eligible:
        clip = clips.get(judgement.clip_id)
        entries.append(
            {
                "clip": judgement.clip_id,
                "sha256": judgement.sha256,
                "size": judgement.size,
                "why": judgement.verdict.value,
                "inputs": judgement.inputs,
                "recorder": clip.serial if clip else None,
                "source_name": clip.source_name if clip else None,
            }
        )
    return {
        "run": report.run,
        "dry_run": report.dry_run,
        "deferred": report.deferred,
        "now": report.clock.now.isoformat(),
        "newest_event_at": _iso(report.clock.newest_event_at),
        "days": report.days,
        "judged": report.judged,
        "deleted": entries if not report.dry_run else [],
        "would_delete": entries if report.dry_run else [],
        "failed": list(report.failed),
        "finished": list(report.finished),
        "chain_head": {"seq": head[0].seq, "hash": head[0].hash} if head else None,
    }


def _has_rows(document: dict[str, Any]) -> bool:
    keys = ("deleted", "would_delete", "failed", "finished")
    return any(document[key] for key in keys)


def _iso(instant: object) -> str:
    isoformat = getattr(instant, "isoformat", None)
    return "" if isoformat is None else str(isoformat())


def _text(document: dict[str, Any], dry_run: bool) -> str:
    """The list for a person: one line per clip, then the chain head (the checkpoint's basis)."""
    rows = document["would_delete" if dry_run else "deleted"]
    kind = "would delete" if dry_run else "deleted"
    lines = [
        f"Destruction list {document['run']} (Art. 12(3), DESIGN §11)",
        f"clock {document['now']}; newest audit event {document['newest_event_at']}",
        f"retention {document['days']} days; {document['judged']} clips judged; {len(rows)} {kind}",
        "",
    ]
    for row in rows:
        inputs = row["inputs"]
        lines.append(
            f"clip {row['clip']}  {row['sha256']}  {row['size']} bytes  {row['why']}  "
            f"archived {inputs['archived_at']}  kept until {inputs['retain_until']}  "
            f"handed over {inputs['handed_over']}  "
            f"file {printable(str(row['source_name']))} of {printable(str(row['recorder']))}"
        )
    for sha256 in document["finished"]:
        lines.append(f"finished (left by an interrupted run)  {sha256}")
    for sha256 in document["failed"]:
        lines.append(f"could not be removed (seal stays, alarm raised)  {sha256}")
    head = document["chain_head"]
    lines += ["", f"audit chain head: {head}"]
    if document["pdf"] is not None:
        lines.append(f"printed as {document['pdf']}")
    elif document["pdf_missing"] == NOTHING_LISTED:
        lines.append("no PDF printed: this run lists nothing")
    else:
        lines.append("no PDF printed: it could not be made (an alarm is raised)")
    return "\n".join([*lines, ""])
