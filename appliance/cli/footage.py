"""Provides the `bwc offload`, `bwc fixity` and `bwc clips` commands (DESIGN §8)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.adapters.recorder_fs import MAX_DEPTH
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor, read_pin
from appliance.domain.confidentiality import Classification
from appliance.domain.errors import BadInput
from appliance.domain.footage import ArchivedClip, stored_name
from appliance.domain.lifecycle import JobState
from appliance.domain.scan import SERIAL_PATTERN
from appliance.i18n import item_separator, t
from appliance.ports import SkippedEntry

if TYPE_CHECKING:
    from appliance.bootstrap import Services

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# SQLite's integers are 64-bit: a larger id names no clip, and must not reach the database.
_ID_MAX = 2**63 - 1
_SAMPLE_MAX = 10**9
# A terminal shows this many skipped entries by name; the rest as a count (all are audited).
SKIPPED_SHOWN = 20


def cmd_offload(services: Services, args: argparse.Namespace, out: Output) -> int:
    from appliance.services.skipped import NAMES_AUDITED  # loads the store: only here

    if not SERIAL_PATTERN.fullmatch(args.device):
        raise BadInput("bad_serial")
    source = Path(args.source)
    if not source.is_dir():
        raise BadInput("source_not_directory", path=str(source))
    # DESIGN §4: every start of the offload machinery reconciles first.
    found = services.offload.reconcile()
    if found.parts_removed or found.jobs_interrupted or found.quarantined or found.missing:
        out.say(
            "offload.reconciled",
            parts=found.parts_removed,
            interrupted=len(found.jobs_interrupted),
            quarantined=len(found.quarantined),
            missing=len(found.missing),
        )
    # --device names the recorder only when its card keeps no identity file (DESIGN §7).
    driver = services.drivers.for_folder(source, fallback_serial=args.device)
    # DESIGN §6: the job names who started it from the shell (the kernel's word).
    operator = os_actor(services.settings.unit_code).actor_id
    progress = services.offload.run(
        driver, args.device, clear=False if args.no_clear else None, operator=operator
    )
    out.say(
        "offload.summary",
        serial=progress.serial,
        archived=progress.clips_new,
        existing=progress.clips_existing,
        failed=progress.clips_failed,
        cleared=progress.clips_cleared,
    )
    for flag, count in sorted(progress.flag_counts.items()):
        out.say("offload.flag", flag=t(f"flag.{flag}", out.language), count=count)
    skipped = driver.skipped()
    _say_skipped(out, skipped)
    out.data(
        job=progress.id,
        serial=progress.serial,
        state=progress.state.value,
        archived=progress.clips_new,
        already_archived=progress.clips_existing,
        failed=progress.clips_failed,
        cleared=progress.clips_cleared,
        bytes=progress.bytes_done,
        flags=progress.flag_counts,
        error=progress.error,
        skipped=progress.clips_skipped,
        skipped_entries=[
            {"name": stored_name(entry.name), "reason": entry.reason.value}
            for entry in skipped[:NAMES_AUDITED]
        ],
    )
    if progress.state is JobState.DONE:
        return EXIT_OK
    if progress.error.startswith("archive_full"):
        out.say("offload.archive_full")
    else:
        out.say("offload.failed", error=progress.error)
    return EXIT_REFUSED


def _say_skipped(out: Output, skipped: list[SkippedEntry]) -> None:
    """What the card held besides footage: one line each, up to SKIPPED_SHOWN, then a count."""
    if not skipped:
        return
    out.say("offload.skipped", count=len(skipped))
    for entry in skipped[:SKIPPED_SHOWN]:
        reason = t(f"skip.{entry.reason.value}", out.language, depth=MAX_DEPTH)
        out.say("offload.skipped_entry", name=stored_name(entry.name), reason=reason)
    if len(skipped) > SKIPPED_SHOWN:
        out.say("offload.skipped_more", count=len(skipped) - SKIPPED_SHOWN)


def cmd_fixity_verify(services: Services, args: argparse.Namespace, out: Output) -> int:
    if args.sample is not None and not 1 <= args.sample <= _SAMPLE_MAX:
        raise BadInput("bad_sample", high=_SAMPLE_MAX)
    report = services.fixity.verify(os_actor(services.settings.unit_code, "system"), args.sample)
    out.data(
        checked=report.checked,
        mismatched=report.mismatched,
        missing=report.missing,
        clean=report.clean,
    )
    if report.clean:
        out.say("fixity.clean", checked=report.checked)
        return EXIT_OK
    out.say(
        "fixity.bad",
        checked=report.checked,
        mismatched=len(report.mismatched),
        missing=len(report.missing),
    )
    for sha256 in report.mismatched:
        out.say("fixity.mismatch", sha256=sha256)
    for sha256 in report.missing:
        out.say("fixity.missing", sha256=sha256)
    return EXIT_REFUSED


def _clip_row(clip: ArchivedClip, out: Output) -> dict[str, Any]:
    return {
        "id": clip.id,
        "day": clip.day,
        "recorded_at": out.time(clip.recorded_at) if clip.recorded_at else "",
        "officer": clip.holder_badge or "",
        "serial": clip.serial,
        "name": clip.source_name,
        "size": clip.size,
        "duration": "" if (seconds := clip.media.duration_seconds) is None else f"{seconds:.1f}",
        "flags": ",".join(sorted(f.value for f in clip.flags)),
        "cases": ",".join(clip.cases),
        "sha256": clip.sha256,
    }


def cmd_clips_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    if args.day and not _DAY.fullmatch(args.day):
        raise BadInput("bad_day")
    found = services.clips.listing(args.day, args.officer, args.case)
    rows = [_clip_row(clip, out) for clip in found]
    # DESIGN §11: a clip the retention rule deleted keeps its row; the listing says so.
    gone = services.retention.deleted_clips()
    if out.json_mode:
        for row, clip in zip(rows, found, strict=True):
            row["recorded_at"] = clip.recorded_at.isoformat() if clip.recorded_at else None
            row["deleted_by_rule"] = clip.id in gone
    if not out.json_mode:
        # Words for people, the identifiers for scripts (--json).
        for row, clip in zip(rows, found, strict=True):
            words = [t(f"flag.{flag.value}", out.language) for flag in sorted(clip.flags)]
            if clip.id in gone:
                words.append(t("flag.deleted_by_rule", out.language))
            row["flags"] = item_separator(out.language).join(words)
    out.table(rows, ("id", "day", "recorded_at", "officer", "serial", "flags", "name", "cases"))
    return EXIT_OK


def cmd_clips_file(services: Services, args: argparse.Namespace, out: Output) -> int:
    if not all(1 <= clip_id <= _ID_MAX for clip_id in args.clip_ids):
        raise BadInput("bad_clip_id")
    actor = services.auth.sign_in(args.badge, read_pin())
    newly = services.clips.file(actor, args.clip_ids, args.case)
    out.say("clips.filed", count=len(newly), case=args.case)
    out.data(case=args.case, filed=newly, requested=sorted(set(args.clip_ids)))
    return EXIT_OK


def cmd_clips_classify(services: Services, args: argparse.Namespace, out: Output) -> int:
    if not all(1 <= clip_id <= _ID_MAX for clip_id in args.clip_ids):
        raise BadInput("bad_clip_id")
    actor = services.auth.sign_in(args.badge, read_pin())
    changed = services.clips.classify(actor, args.clip_ids, Classification(args.cls))
    out.say(
        "clips.classified", count=len(changed), cls=t("classification." + args.cls, out.language)
    )
    out.data(classification=args.cls, changed=changed, requested=sorted(set(args.clip_ids)))
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the footage commands to the `bwc` parser."""
    offload = sub.add_parser("offload", help="offload a mounted or copied recorder card")
    offload.add_argument(
        "--device", required=True, help="the recorder's serial (the card's own serial wins)"
    )
    offload.add_argument("--source", required=True, help="the card's root directory")
    offload.add_argument(
        "--no-clear", action="store_true", help="leave the recorder as it is afterwards"
    )
    offload.set_defaults(handler=cmd_offload)

    fixity = sub.add_parser("fixity", help="archive fixity").add_subparsers(
        dest="sub", required=True
    )
    verify = fixity.add_parser("verify", help="re-hash archived files")
    verify.add_argument("--sample", type=int, help="check this many random files")
    verify.set_defaults(handler=cmd_fixity_verify)

    clips = sub.add_parser("clips", help="archived clips").add_subparsers(dest="sub", required=True)
    listing = clips.add_parser("list", help="list clips")
    listing.add_argument("--day", help="YYYY-MM-DD")
    listing.add_argument("--officer", help="the holder's badge")
    listing.add_argument("--case", help="a case number")
    listing.set_defaults(handler=cmd_clips_list)
    filing = clips.add_parser("file", help="file clips under a case (PIN on stdin)")
    filing.add_argument("--badge", required=True)
    filing.add_argument("--case", required=True)
    filing.add_argument("clip_ids", nargs="+", type=int, metavar="CLIP_ID")
    filing.set_defaults(handler=cmd_clips_file)
    classify = clips.add_parser("classify", help="set the class of clips (Art. 3; PIN on stdin)")
    classify.add_argument("--badge", required=True)
    classify.add_argument(
        "--class", dest="cls", required=True, choices=[c.value for c in Classification]
    )
    classify.add_argument("clip_ids", nargs="+", type=int, metavar="ID")
    classify.set_defaults(handler=cmd_clips_classify)
