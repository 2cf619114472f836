"""Provides the bureau's register commands: init, person, unit, ingest and packages (issue 14).

Each opens the bureau home, does one thing and says it; the parser is `bureau_parser`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from appliance import bureau_config
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor, read_pin
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.quantities import human_bytes

if TYPE_CHECKING:
    from appliance.bureau_root import Bureau

Handler = Callable[["Bureau", argparse.Namespace, Output], int]


def open_home(home: Path, create: bool = False) -> Bureau:
    from appliance.bureau_root import build_bureau

    return build_bureau(bureau_config.load(home), create=create)


def on_bureau(handler: Handler) -> Callable[[Path, argparse.Namespace, Output], int]:
    """Run a handler on the bureau of the home; the database is closed after it."""

    def run(home: Path, args: argparse.Namespace, out: Output) -> int:
        settings = bureau_config.load(home)
        out.language = args.lang or settings.language
        out.zone = settings.zone()
        bureau = open_home(home)
        try:
            return handler(bureau, args, out)
        finally:
            bureau.close()

    return run


def signed_in(bureau: Bureau, badge: str) -> Actor:
    """The person of a badge, signed in with the next PIN line of standard input."""
    return bureau.people.sign_in(badge, read_pin())


def system_actor(bureau: Bureau) -> Actor:
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
                system_actor(bureau),
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
    by = signed_in(bureau, args.by) if args.by else None
    confirmer = signed_in(bureau, args.confirm_by) if args.confirm_by else None
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
    bureau.people.unlock(args.badge, signed_in(bureau, args.by))
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
    by = signed_in(bureau, args.by)
    confirmer = signed_in(bureau, args.confirm_by)
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

    actor = signed_in(bureau, args.badge)
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
            **({"checkpoint": p.checkpoint_line} if out.json_mode else {}),
        }
        for p in bureau.ctx.store.packages(args.unit)
    ]
    out.table(
        rows, ["package", "unit", "period", "clips", "new_clips", "size", "received", "receipt"]
    )
    return EXIT_OK
