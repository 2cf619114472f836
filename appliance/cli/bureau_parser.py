"""Provides the parser of `bwc-bureau`: every command group and its options (issue 14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appliance import bureau_config
from appliance.cli.bureau_audit import (
    cmd_alarms_ack,
    cmd_alarms_list,
    cmd_checkpoint,
    cmd_public_key,
    cmd_report_audit,
    cmd_verify,
)
from appliance.cli.bureau_commands import (
    Handler,
    cmd_ingest,
    cmd_init,
    cmd_packages_list,
    cmd_person_add,
    cmd_person_list,
    cmd_person_unlock,
    cmd_unit_add,
    cmd_unit_list,
    on_bureau,
)
from appliance.cli.bureau_footage import (
    cmd_clips_list,
    cmd_export_list,
    cmd_export_request,
    cmd_export_write,
    decide,
)
from appliance.cli.output import json_flag

if TYPE_CHECKING:
    pass


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text)
    json_flag(parser)
    return parser.add_subparsers(dest=f"{name}_command", required=True)


def _command(sub: Any, name: str, help_text: str, handler: Handler) -> Any:
    parser = sub.add_parser(name, help=help_text)
    json_flag(parser)
    parser.set_defaults(handler=on_bureau(handler))
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
    approve = _command(export, "approve", "a bureau head approves", decide(True))
    approve.add_argument("--request", type=int, required=True)
    approve.add_argument("--badge", required=True)
    approve.add_argument(
        "--allow-class", dest="allow_class", action="append", choices=("privacy", "trade_secret")
    )
    refuse = _command(export, "refuse", "a bureau head refuses", decide(False))
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
