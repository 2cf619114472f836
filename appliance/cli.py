"""Provides the `bwc` command: the headless contract used by IT, timers and tests (DESIGN §8)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from appliance import cli_audit, cli_dock, cli_offload, cli_people, cli_seal, config, privileges
from appliance.cli_failures import OneLineParser, UsageError, describe
from appliance.cli_output import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_REFUSED,
    Output,
    OutputFailed,
    os_actor,
    read_pin,
)
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.domain.scan import CodeKind
from appliance.i18n import explain, t
from appliance.os_errors import os_refusal

if TYPE_CHECKING:
    from appliance.bootstrap import Services

# Command groups that live in their own modules; each has register(subparsers).
EXTENSIONS: tuple[ModuleType, ...] = (cli_people, cli_audit, cli_dock, cli_offload, cli_seal)


def cmd_init(services: Services, args: argparse.Namespace, out: Output) -> int:
    from appliance.bootstrap import create_keys

    settings = services.settings
    unit = services.registry.init_unit(
        os_actor(services.settings.unit_code), args.unit_code, args.unit_name
    )
    create_keys(settings)
    if not settings.config_path.exists():
        settings.config_path.parent.mkdir(parents=True, exist_ok=True)
        written = config.render(
            replace(settings.with_unit(unit.code, unit.name), language=args.language)
        )
        config.save(settings.config_path, written)
    out.say("cli.initialised", unit=unit.code, home=str(settings.home))
    out.data(unit=unit.code, name=unit.name, home=str(settings.home))
    return EXIT_OK


def cmd_device_add(services: Services, args: argparse.Namespace, out: Output) -> int:
    recorder = services.registry.add_recorder(
        os_actor(services.settings.unit_code), args.serial, args.brand, args.model
    )
    out.say("cli.device_added", serial=recorder.serial)
    out.data(
        serial=recorder.serial,
        brand=recorder.brand,
        model=recorder.model,
        state=recorder.state.value,
    )
    return EXIT_OK


def cmd_device_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    rows = [
        {
            "serial": s.recorder.serial,
            "brand": s.recorder.brand,
            "model": s.recorder.model,
            "state": s.recorder.state.value,
            "holder": s.holder_badge or "",
            "since": out.time(s.since) if s.since else "",
        }
        for s in services.store.custody.unit_status()  # read-only listing for IT
    ]
    out.table(rows, ("serial", "brand", "model", "state", "holder", "since"))
    return EXIT_OK


def cmd_signout(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    lines = services.custody.checklist(args.device)
    to_confirm = [line.item for line in lines if line.measured_ok is None]
    confirmed = set(to_confirm) if args.checks_confirmed else set()
    try:
        session = services.custody.sign_out(actor, args.device, confirmed)
    except Refused as refusal:
        if refusal.reason == "check_incomplete" and not args.checks_confirmed:
            out.say("cli.confirm_items")
            for item in ALL_ITEMS:
                if item in to_confirm:
                    out.line(f"  {item.value}: {t('item.' + item.value, out.language)}")
        raise
    out.say("cli.signed_out", serial=session.serial, time=out.time(session.started_at))
    out.data(
        serial=session.serial,
        holder=session.holder_badge,
        session=session.id,
        started_at=session.started_at.isoformat(),
    )
    return EXIT_OK


def cmd_return(services: Services, args: argparse.Namespace, out: Output) -> int:
    actor = services.auth.sign_in(args.badge, read_pin())
    session = services.custody.return_recorder(actor, args.device)
    ended = session.ended_at or session.started_at
    out.say("cli.returned", serial=session.serial, time=out.time(ended))
    out.data(
        serial=session.serial,
        holder=session.holder_badge,
        session=session.id,
        returned_by=session.returned_by,
        ended_at=ended.isoformat(),
    )
    return EXIT_OK


def cmd_label(services: Services, args: argparse.Namespace, out: Output) -> int:
    kind = CodeKind.BADGE if args.label_kind == "badge" else CodeKind.DEVICE
    path = services.labels.write(
        os_actor(services.settings.unit_code), kind, args.value, Path(args.out)
    )
    out.say("cli.label_written", path=str(path))
    out.data(path=str(path), text=services.labels.text(kind, args.value))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every `bwc` command; its usage errors raise UsageError."""
    parser = OneLineParser(prog="bwc", description="bwc-kiosk headless commands", root=True)
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create the unit, its keys and kiosk.toml")
    init.add_argument("--unit-code", required=True)
    init.add_argument("--unit-name", required=True)
    init.add_argument("--language", choices=config.LANGUAGES, default="zh_CN")
    init.set_defaults(handler=cmd_init, needs_unit=False)

    device = sub.add_parser("device", help="recorders").add_subparsers(dest="sub", required=True)
    dadd = device.add_parser("add")
    dadd.add_argument("--serial", required=True)
    dadd.add_argument("--brand", required=True)
    dadd.add_argument("--model", required=True)
    dadd.set_defaults(handler=cmd_device_add)
    device.add_parser("list").set_defaults(handler=cmd_device_list)

    signout = sub.add_parser("signout", help="sign a recorder out (PIN on stdin)")
    signout.add_argument("--badge", required=True)
    signout.add_argument("--device", required=True)
    signout.add_argument(
        "--checks-confirmed",
        action="store_true",
        help="the officer confirms every check item the recorder cannot report",
    )
    signout.set_defaults(handler=cmd_signout)

    ret = sub.add_parser("return", help="return a recorder (PIN on stdin)")
    ret.add_argument("--badge", required=True)
    ret.add_argument("--device", required=True)
    ret.set_defaults(handler=cmd_return)

    label = sub.add_parser("label", help="signed QR labels").add_subparsers(
        dest="label_kind", required=True
    )
    for kind in ("badge", "device"):
        one = label.add_parser(kind)
        one.add_argument("value")
        one.add_argument("--out", required=True)
        one.set_defaults(handler=cmd_label)
    for extension in EXTENSIONS:
        extension.register(sub)
    return parser


@functools.cache
def _parser() -> argparse.ArgumentParser:
    # Built once per process: parsing never changes a parser, and building one is ~10 ms.
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 1 when refused, 2 on bad input (DESIGN §8).

    Whatever happens, a failure is one line (stderr, or a JSON object with --json) and
    never a traceback.
    """
    privileges.set_umask()
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(tokens)
    except UsageError as usage:
        return _usage(usage, tokens)
    except SystemExit as done:  # --help printed its text
        return EXIT_OK if done.code in (None, 0) else EXIT_BAD_INPUT
    out = Output(json_mode=args.json, language=args.lang or "zh_CN")
    home: Path | None = None
    try:
        bare = getattr(args, "bare_handler", None)
        if bare is not None:
            code = int(bare(args, out))
        else:
            home, config_path = config.locate(args.home)
            code = _run_on_home(home, config_path, args, out)
        out.flush()
    except BadInput as bad:
        out.fail(bad)
        return EXIT_BAD_INPUT
    except Refusal as refusal:
        out.fail(refusal)
        return EXIT_REFUSED
    except OutputFailed:
        raise  # nothing more can be said there: run() ends it
    except (Exception, KeyboardInterrupt) as exc:  # one line, never a traceback (§8)
        failure, code = describe(exc, home)
        out.fail(failure)
        return code
    return code


def _run_on_home(home: Path, config_path: Path, args: argparse.Namespace, out: Output) -> int:
    """Become the home's owner when run as root, then run the command's handler on it.

    Run as root on a home that belongs to another user (the service user on the box), a
    command becomes that user before it opens or creates anything, so it leaves no root-owned
    file behind (DESIGN §6). Only the privileged steps keep root: `media` opens no home, and
    `seal` becomes the owner itself once the flags are set.
    """
    owner = privileges.foreign_owner(home)
    root_handler = getattr(args, "root_handler", None)
    if owner is not None and root_handler is None:
        privileges.become(owner)
    settings = config.load(home, config_path)
    out.language = args.lang or settings.language
    out.zone = config.local_zone(settings)
    if root_handler is not None:
        return int(root_handler(settings, owner, args, out))
    services = _open_home(settings, args)
    try:
        return int(args.handler(services, args, out))
    finally:
        # The database is this command's own (one per Services): closed when it is done.
        services.close()


def _open_home(settings: config.Settings, args: argparse.Namespace) -> Services:
    """The services on the home, which only `bwc init` may create (DESIGN §8)."""
    # Imported after the config is read: a bad one fails fast, before peewee is loaded.
    from appliance.bootstrap import build_services, check_home, open_services

    if args.command == "init":
        if settings.unit_code and settings.unit_code != args.unit_code:
            raise Refused("already_initialised", unit=settings.unit_code)
        # Checked before anything is made: a refused init leaves no home behind.
        from appliance.services.registry import check_name, check_unit_code

        check_unit_code(args.unit_code)
        check_name(args.unit_name)
        return build_services(settings.with_unit(args.unit_code, args.unit_name))
    check_home(settings.home)
    if not settings.unit_code:
        raise BadInput("not_initialised")
    services = open_services(settings)
    unit = services.registry.registered_unit()
    refusal = None
    if unit is None and not getattr(args, "any_database", False):
        # Emptied or replaced: only the audit commands may look at it, to say so (§5.2).
        refusal = BadInput("db_no_unit", path=str(settings.db_path))
    elif unit is not None and unit.code != settings.unit_code:
        refusal = BadInput("home_other_unit", unit=unit.code, expected=settings.unit_code)
    if refusal is not None:
        services.close()
        raise refusal
    return services


def _usage(usage: UsageError, tokens: list[str]) -> int:
    """One line for a malformed command line, in the language asked for if it can be told."""
    language = "zh_CN"
    for index, word in enumerate(tokens[:-1]):
        if word == "--lang" and tokens[index + 1] in config.LANGUAGES:
            language = tokens[index + 1]
    out = Output(json_mode="--json" in tokens, language=language)
    out.fail(BadInput("cli.usage", prog=usage.prog, detail=usage.detail))
    return EXIT_BAD_INPUT


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise OutputFailed(exc) from None
    except OutputFailed as failed:
        code = _output_failed(failed.cause)
    sys.exit(code)


def _output_failed(cause: OSError) -> int:
    """Standard output failed: drop what is still buffered, say so in one line if possible."""
    # What is buffered can never be written; the interpreter's last flush must stay silent.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    if isinstance(cause, BrokenPipeError):
        return EXIT_REFUSED  # the reader went away (`bwc … | head`), as other tools end
    with contextlib.suppress(OSError):
        print(explain(os_refusal(cause, "stdout"), "zh_CN"), file=sys.stderr)
    return EXIT_BAD_INPUT
