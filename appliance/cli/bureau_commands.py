"""Provides the commands of `bwc-bureau`: init, person, unit, ingest, packages, clips, export,
report, alarms, verify (issue 14). Each opens the bureau home, does one thing, says it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance import bureau_config
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, json_flag, os_actor, read_pin
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.quantities import human_bytes

if TYPE_CHECKING:
    from appliance.bureau_root import Bureau

Handler = Callable[["Bureau", argparse.Namespace, Output], int]


def _open(home: Path, create: bool = False) -> Bureau:
    from appliance.bureau_root import build_bureau

    return build_bureau(bureau_config.load(home), create=create)


def _on_bureau(handler: Handler) -> Callable[[Path, argparse.Namespace, Output], int]:
    """Run a handler on the bureau of the home; the database is closed after it."""

    def run(home: Path, args: argparse.Namespace, out: Output) -> int:
        settings = bureau_config.load(home)
        out.language = args.lang or settings.language
        out.zone = settings.zone()
        bureau = _open(home)
        try:
            return handler(bureau, args, out)
        finally:
            bureau.close()

    return run


def _signed_in(bureau: Bureau, badge: str) -> Actor:
    """The person of a badge, signed in with the next PIN line of standard input."""
    return bureau.people.sign_in(badge, read_pin())


def _system(bureau: Bureau) -> Actor:
    return os_actor(bureau.settings.code, "system")


# init ----------------------------------------------------------------------------------


def cmd_init(home: Path, args: argparse.Namespace, out: Output) -> int:
    """Make the bureau home: bureau.toml, the database and the bureau's key."""
    from appliance.bureau_root import create_key

    out.language = args.lang or args.language
    if (home / bureau_config.CONFIG_NAME).exists():
        raise Refused("bureau.already_initialised", home=str(home))
    settings = bureau_config.settings_of(
        home,
        {
            "code": args.code,
            "name": args.name,
            "language": args.language,
            "timezone": args.timezone or "",
            "database_url": args.database_url or "",
            "seal": args.seal,
        },
        "--option",
    )
    home.mkdir(parents=True, exist_ok=True)
    bureau = _open_new(settings)
    try:
        create_key(settings)
        with bureau.ctx.store.transaction():
            bureau.ctx.record(
                _system(bureau),
                "bureau_init",
                "bureau",
                settings.code,
                name=settings.name,
                engine=settings.engine,
            )
    finally:
        bureau.close()
    settings.config_path.write_text(bureau_config.render(settings), encoding="utf-8")
    out.say("bureau.initialised", code=settings.code, home=str(home), engine=settings.engine)
    out.data(code=settings.code, home=str(home), engine=settings.engine)
    return EXIT_OK


def _open_new(settings: bureau_config.BureauSettings) -> Bureau:
    from appliance.bureau_root import build_bureau

    return build_bureau(settings, create=True)


# people --------------------------------------------------------------------------------


def cmd_person_add(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Add a person; PINs on stdin: theirs, then --by's, then --confirm-by's (if given)."""
    pin = read_pin()
    by = _signed_in(bureau, args.by) if args.by else None
    confirmer = _signed_in(bureau, args.confirm_by) if args.confirm_by else None
    from appliance.i18n import t

    person = bureau.people.add(args.badge, args.name, args.role, pin, by, confirmer)
    role = t(f"role.{person.role}", out.language)
    out.say("bureau.person_added", badge=person.badge, name=person.name, role=role)
    out.data(badge=person.badge, name=person.name, role=person.role)
    return EXIT_OK


def cmd_person_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Everyone registered at the bureau."""
    from appliance.i18n import t

    rows = [
        {
            "badge": p.badge,
            "name": p.name,
            "role": t(f"role.{p.role}", out.language) if not out.json_mode else p.role,
            "state": _person_state(p.active, p.locked, out),
        }
        for p in bureau.people.people()
    ]
    out.table(rows, ["badge", "name", "role", "state"])
    return EXIT_OK


def _person_state(active: bool, locked: bool, out: Output) -> str:
    from appliance.i18n import t

    word = "locked" if locked else "active" if active else "inactive"
    return word if out.json_mode else t(f"bureau.person_state.{word}", out.language)


def cmd_person_unlock(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """A bureau head unlocks a badge (their PIN on stdin)."""
    bureau.people.unlock(args.badge, _signed_in(bureau, args.by))
    out.say("bureau.unlocked", badge=args.badge)
    out.data(badge=args.badge)
    return EXIT_OK


# units ---------------------------------------------------------------------------------


def _read_key(path: str) -> str:
    try:
        with open(path, encoding="ascii") as stream:
            return stream.read(512)
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or type(exc).__name__
        raise BadInput("bureau.key_unreadable", path=path, error=error) from None


def cmd_unit_add(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Register a unit's key; PINs: --by's, then --confirm-by's."""
    key = _read_key(args.public_key)
    by = _signed_in(bureau, args.by)
    confirmer = _signed_in(bureau, args.confirm_by)
    unit = bureau.units.add(args.code, args.name or args.code, key, by, confirmer)
    out.say("bureau.unit_added", unit=unit.code, name=unit.name, key=unit.key)
    out.data(unit=unit.code, name=unit.name, key=unit.key)
    return EXIT_OK


def cmd_unit_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Every unit, its key and how far its chain is held."""
    rows = [
        {
            "unit": u.code,
            "name": u.name,
            "key": u.key,
            "held": u.held.size if u.held else 0,
            "packages": len(bureau.ctx.store.packages(u.code)),
        }
        for u in bureau.units.units()
    ]
    out.table(rows, ["unit", "name", "key", "held", "packages"])
    return EXIT_OK


# ingest and packages -------------------------------------------------------------------


def cmd_ingest(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Take in every package of a drive or directory; exit 1 if any was refused."""
    from appliance.i18n import explain

    actor = _signed_in(bureau, args.badge)
    outcomes = bureau.ingest.ingest(actor, Path(args.source))
    listed = []
    for o in outcomes:
        if o.status == "ingested":
            out.say(
                "bureau.ingested",
                name=o.name,
                unit=o.unit,
                period=o.period,
                count=o.clips,
                new=o.new_clips,
                size=human_bytes(o.bytes),
            )
        elif o.status == "held":
            out.say("bureau.already_held", name=o.name, unit=o.unit, period=o.period)
        elif o.refusal is not None:
            out.say("bureau.refused", name=o.name, why=explain(o.refusal, out.language))
        listed.append(
            {
                "name": o.name,
                "status": o.status,
                "unit": o.unit,
                "period": o.period,
                "clips": o.clips,
                "new_clips": o.new_clips,
                "bytes": o.bytes,
                "package": o.package_id,
                "reason": None if o.refusal is None else o.refusal.reason,
                "params": {}
                if o.refusal is None
                else {k: str(v) for k, v in o.refusal.params.items()},
            }
        )
    out.data(packages=listed, refused=sum(1 for o in outcomes if o.status == "refused"))
    return EXIT_REFUSED if any(o.status == "refused" for o in outcomes) else EXIT_OK


def cmd_packages_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """The packages taken in, oldest first."""
    rows = [
        {
            "package": p.id,
            "unit": p.unit,
            "period": p.period,
            "clips": p.clips,
            "new_clips": p.new_clips,
            "size": p.bytes if out.json_mode else human_bytes(p.bytes),
            "received": out.time(p.ingested_at) if not out.json_mode else p.ingested_at.isoformat(),
            "receipt": p.signature_sha256 if out.json_mode else p.signature_sha256[:16],
        }
        for p in bureau.ctx.store.packages(args.unit)
    ]
    out.table(
        rows, ["package", "unit", "period", "clips", "new_clips", "size", "received", "receipt"]
    )
    return EXIT_OK


# clips ---------------------------------------------------------------------------------


def cmd_clips_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Clips across units by unit, officer, case and day."""
    from appliance.i18n import t

    actor = _signed_in(bureau, args.badge)
    start, end = (args.day, args.day) if args.day else (args.date_from, args.date_to)
    found = bureau.clips.find(actor, args.unit, args.officer, args.case, start, end, args.limit)
    rows = []
    for shown in found:
        c = shown.clip
        restricted = t("bureau.restricted", out.language)
        rows.append(
            {
                "clip": c.id,
                "unit": c.unit,
                "day": c.day,
                "officer": c.officer or "",
                "recorder": restricted if shown.restricted else c.recorder,
                "name": restricted if shown.restricted else c.original_name,
                "cases": "" if shown.restricted else ", ".join(c.cases),
                "size": c.size if out.json_mode else human_bytes(c.size),
                "classification": c.classification
                if out.json_mode
                else t(f"classification.{c.classification}", out.language),
                **({"sha256": c.sha256, "unit_clip": c.box_clip_id} if out.json_mode else {}),
            }
        )
    if not rows and not out.json_mode:
        out.say("bureau.no_clips_found")
        return EXIT_OK
    out.table(
        rows,
        ["clip", "unit", "day", "officer", "recorder", "name", "cases", "size", "classification"],
    )
    return EXIT_OK


# exports -------------------------------------------------------------------------------


def cmd_export_request(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Ask for clips to go out (Art. 13)."""
    actor = _signed_in(bureau, args.badge)
    request = bureau.exports.request(actor, args.clips, args.recipient, args.reason)
    out.say("bureau.export_requested", request=request.id, count=len(request.clip_ids))
    out.data(request=request.id, clips=list(request.clip_ids), items_sha256=request.items_sha256)
    return EXIT_OK


def _decide(approve: bool) -> Handler:
    from appliance.domain.confidentiality import Classification

    def handler(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
        actor = _signed_in(bureau, args.badge)
        note = getattr(args, "reason", "") or ""
        allow = [Classification(c) for c in getattr(args, "allow_class", None) or []]
        request = bureau.exports.decide(actor, args.request, approve, note, allow)
        key = "bureau.export_approved" if approve else "bureau.export_refused"
        expires = "" if request.expires_at is None else out.time(request.expires_at)
        out.say(key, request=request.id, expires=expires)
        out.data(request=request.id, state=request.state.value)
        return EXIT_OK

    return handler


def cmd_export_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Every export request, newest first."""
    from appliance.i18n import t

    rows = [
        {
            "request": r.id,
            "state": r.state.value
            if out.json_mode
            else t(f"bureau.export_state.{r.state.value}", out.language),
            "clips": len(r.clip_ids),
            "recipient": r.recipient,
            "requested_by": r.requested_by,
            "decided_by": r.decided_by or "",
        }
        for r in bureau.exports.requests()
    ]
    out.table(rows, ["request", "state", "clips", "recipient", "requested_by", "decided_by"])
    return EXIT_OK


def cmd_export_write(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Write an approved export as a sealed package (once)."""
    actor = _signed_in(bureau, args.badge)
    done = bureau.exports.export(actor, args.request, Path(args.out))
    out.say(
        "bureau.export_written",
        request=done.request,
        path=str(done.path),
        count=done.clips,
        receipt=done.signature_sha256[:16],
    )
    out.data(
        request=done.request,
        path=str(done.path),
        receipt=done.signature_sha256,
        clips=done.clips,
        bytes=done.bytes,
    )
    return EXIT_OK


# report, alarms, verify ----------------------------------------------------------------


def cmd_report_audit(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """The audit office's report across units (Art. 15)."""
    from appliance.i18n import t

    actor = _signed_in(bureau, args.badge)
    report = bureau.reports.audit(actor, args.date_from, args.date_to)
    out.say("bureau.report_title", start=report.start, end=report.end, count=len(report.units))
    rows = []
    for u in report.units:
        rows.append(
            {
                "unit": u.code,
                "name": u.name,
                "weeks": f"{len(u.weeks_received)}/{len(u.weeks_due)}",
                "missing": ", ".join(u.weeks_missing),
                "late": ", ".join(u.weeks_late),
                "clips": u.clips,
                "size": u.bytes if out.json_mode else human_bytes(u.bytes),
                "officers": u.officers,
                "cases": u.cases,
                "chain": "; ".join(
                    t(f"bureau.alarm.{kind}", out.language) + f" @{seq}"
                    for kind, seq in u.chain_alarms
                ),
                "refused": u.refused,
            }
        )
    if out.json_mode:
        out.data(
            start=report.start,
            end=report.end,
            units=[
                {
                    **row,
                    "weeks_due": list(u.weeks_due),
                    "weeks_received": list(u.weeks_received),
                    "weeks_missing": list(u.weeks_missing),
                    "weeks_late": list(u.weeks_late),
                    "chain_alarms": [{"kind": k, "seq": s} for k, s in u.chain_alarms],
                    "classes": u.classes,
                    "held_size": u.held_size,
                }
                for row, u in zip(rows, report.units, strict=True)
            ],
            totals=report.totals,
            log={"events": report.log_events, "intact": report.log_intact},
        )
        return EXIT_OK
    out.table(
        rows,
        [
            "unit",
            "name",
            "weeks",
            "missing",
            "late",
            "clips",
            "size",
            "officers",
            "cases",
            "chain",
            "refused",
        ],
    )
    key = "bureau.report_log_intact" if report.log_intact else "bureau.report_log_broken"
    out.say(key, count=report.log_events, seq=report.log_first_bad or 0)
    return EXIT_OK


def cmd_alarms_list(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """The alarms nobody acknowledged, oldest first."""
    from appliance.i18n import t

    alarms = bureau.alarms.alarms(open_only=not args.all)
    if not alarms and not out.json_mode:
        out.say("bureau.no_alarms")
        return EXIT_OK
    rows = [
        {
            "alarm": a.id,
            "when": out.time(a.at) if not out.json_mode else a.at.isoformat(),
            "unit": a.unit,
            "what": a.kind if out.json_mode else t(f"bureau.alarm.{a.kind}", out.language),
            "seq": a.seq if a.seq is not None else "",
            "package": str(a.detail.get("package", "")),
        }
        for a in alarms
    ]
    out.table(rows, ["alarm", "when", "unit", "what", "seq", "package"])
    return EXIT_OK


def cmd_alarms_ack(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Acknowledge an alarm with a note of what was done (the collector or a bureau head)."""
    actor = _signed_in(bureau, args.badge)
    alarm = bureau.alarms.acknowledge(actor, args.alarm, args.note)
    out.say("bureau.alarm_acknowledged_now", alarm=alarm.id)
    out.data(alarm=alarm.id, acknowledged_by=alarm.acknowledged_by)
    return EXIT_OK


def cmd_verify(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Fixity of every content and the bureau's log; exit 1 naming the first problem."""
    report = bureau.verify.verify(_system(bureau))
    out.data(
        sound=report.sound,
        contents=report.contents,
        bytes=report.bytes,
        events=report.events,
        problem=report.problem or None,
        subject=report.subject or None,
    )
    if report.sound:
        out.say(
            "bureau.verified",
            count=report.contents,
            size=human_bytes(report.bytes),
            events=report.events,
        )
        return EXIT_OK
    raise Refused(report.problem, subject=report.subject, seq=report.subject)


def cmd_checkpoint(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Sign the bureau's log as it stands and print the line (for the audit office's copy)."""
    from appliance.services.bureau_context import sign_checkpoint

    checkpoint = sign_checkpoint(bureau.ctx, _system(bureau))
    out.line(checkpoint.line())
    out.data(checkpoint=checkpoint.line(), size=checkpoint.size)
    return EXIT_OK


def cmd_public_key(bureau: Bureau, args: argparse.Namespace, out: Output) -> int:
    """Print the bureau's public key: `bwc package verify --public-key` checks exports with it."""
    key = bureau.ctx.signer.public_key_b64()
    out.line(key)
    out.data(public_key=key)
    return EXIT_OK


# the parser ----------------------------------------------------------------------------


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text)
    json_flag(parser)
    return parser.add_subparsers(dest=f"{name}_command", required=True)


def _command(sub: Any, name: str, help_text: str, handler: Handler) -> Any:
    parser = sub.add_parser(name, help=help_text)
    json_flag(parser)
    parser.set_defaults(handler=_on_bureau(handler))
    return parser


def register(sub: Any) -> None:
    """Every `bwc-bureau` command."""
    init = sub.add_parser("init", help="make the bureau home: bureau.toml, database, key")
    json_flag(init)
    init.add_argument("--code", required=True)
    init.add_argument("--name", required=True)
    init.add_argument("--language", choices=bureau_config.LANGUAGES, default="zh_CN")
    init.add_argument("--timezone", default="")
    init.add_argument("--database-url", default="")
    init.add_argument("--seal", choices=bureau_config.SEAL_MODES, default="auto")
    init.set_defaults(handler=cmd_init)

    person = _group(sub, "person", "the bureau's people")
    add = _command(person, "add", "add a person (PINs on stdin)", cmd_person_add)
    add.add_argument("--badge", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True)
    add.add_argument("--by")
    add.add_argument("--confirm-by")
    _command(person, "list", "everyone registered", cmd_person_list)
    unlock = _command(person, "unlock", "unlock a badge (a bureau head)", cmd_person_unlock)
    unlock.add_argument("--badge", required=True)
    unlock.add_argument("--by", required=True)

    unit = _group(sub, "unit", "the units and their keys")
    unit_add = _command(unit, "add", "register a unit's public key (two people)", cmd_unit_add)
    unit_add.add_argument("code")
    unit_add.add_argument("--name", default="")
    unit_add.add_argument("--public-key", required=True)
    unit_add.add_argument("--by", required=True)
    unit_add.add_argument("--confirm-by", required=True)
    _command(unit, "list", "every unit and its held chain", cmd_unit_list)

    ingest = _command(sub, "ingest", "take in the packages of a drive or directory", cmd_ingest)
    ingest.add_argument("source")
    ingest.add_argument("--badge", required=True)

    packages = _group(sub, "packages", "the packages taken in")
    pkg_list = _command(packages, "list", "every package, oldest first", cmd_packages_list)
    pkg_list.add_argument("--unit")

    clips = _group(sub, "clips", "the clips held")
    clip_list = _command(clips, "list", "clips by unit, officer, case, day", cmd_clips_list)
    clip_list.add_argument("--badge", required=True)
    clip_list.add_argument("--unit")
    clip_list.add_argument("--officer")
    clip_list.add_argument("--case")
    clip_list.add_argument("--day")
    clip_list.add_argument("--from", dest="date_from")
    clip_list.add_argument("--to", dest="date_to")
    clip_list.add_argument("--limit", type=int, default=200)

    export = _group(sub, "export", "packages out of the bureau (Art. 13)")
    req = _command(export, "request", "ask for clips to go out", cmd_export_request)
    req.add_argument("--badge", required=True)
    req.add_argument("--clips", type=int, nargs="+", required=True)
    req.add_argument("--recipient", required=True)
    req.add_argument("--reason", required=True)
    approve = _command(export, "approve", "a bureau head approves", _decide(True))
    approve.add_argument("--request", type=int, required=True)
    approve.add_argument("--badge", required=True)
    approve.add_argument(
        "--allow-class", dest="allow_class", action="append", choices=("privacy", "trade_secret")
    )
    refuse = _command(export, "refuse", "a bureau head refuses", _decide(False))
    refuse.add_argument("--request", type=int, required=True)
    refuse.add_argument("--badge", required=True)
    refuse.add_argument("--reason", required=True)
    _command(export, "list", "every request", cmd_export_list)
    write = _command(export, "write", "write the approved package (once)", cmd_export_write)
    write.add_argument("--request", type=int, required=True)
    write.add_argument("--out", required=True)
    write.add_argument("--badge", required=True)

    report = _group(sub, "report", "reports for the audit office")
    audit = _command(report, "audit", "every unit over a period (Art. 15)", cmd_report_audit)
    audit.add_argument("--from", dest="date_from", required=True)
    audit.add_argument("--to", dest="date_to", required=True)
    audit.add_argument("--badge", required=True)

    alarms = _group(sub, "alarms", "the bureau's alarms")
    alarm_list = _command(alarms, "list", "alarms nobody acknowledged", cmd_alarms_list)
    alarm_list.add_argument("--all", action="store_true")
    ack = _command(alarms, "ack", "acknowledge an alarm, with a note", cmd_alarms_ack)
    ack.add_argument("alarm", type=int)
    ack.add_argument("--badge", required=True)
    ack.add_argument("--note", required=True)

    _command(sub, "verify", "fixity of every content and the bureau's log", cmd_verify)
    _command(sub, "checkpoint", "sign the bureau's log and print the line", cmd_checkpoint)
    _command(sub, "public-key", "print the bureau's public key", cmd_public_key)
