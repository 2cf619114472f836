"""Provides the `bwc officer` commands: add, list, unlock, deactivate and reset a PIN (§6, §8).

PINs come on standard input, one line each, in the order of the badges on the command line
(the new person's first when there is one).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli import history
from appliance.cli.output import EXIT_OK, Output, json_flag, os_actor, read_pin
from appliance.domain.records import Actor, Person
from appliance.domain.second_person import needs_second_person
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def _second(services: Services, badge: str | None) -> Actor | None:
    """The second person, signed in with the next PIN line, when a badge was given."""
    return None if badge is None else services.auth.sign_in(badge, read_pin())


def _say_confirmed(out: Output, confirmer: Actor | None) -> None:
    """Name the second person, in words and in the JSON object."""
    out.data(confirmed_by=None if confirmer is None else confirmer.actor_id)
    if confirmer is not None:
        out.say("cli.confirmed_by", name=confirmer.name, badge=confirmer.actor_id)


def cmd_officer_add(services: Services, args: argparse.Namespace, out: Output) -> int:
    pin = read_pin()
    confirmer = _second(services, args.confirm_by)
    person = services.registry.add_person(
        os_actor(services.settings.unit_code),
        args.badge,
        args.name,
        args.role,
        pin,
        confirmer,
        args.unit,
    )
    out.say(
        "cli.person_added",
        role=t(f"role.{person.role.value}", out.language),
        name=person.name,
        badge=person.badge,
    )
    _say_confirmed(out, confirmer)
    # Refused unless confirmed, bar the bootstrap: a privileged person added alone is it.
    bootstrap = confirmer is None and needs_second_person(person.role)
    if bootstrap:
        out.say("cli.bootstrap")
    out.data(
        badge=person.badge,
        name=person.name,
        role=person.role.value,
        unit=person.unit_code,
        bootstrap=bootstrap,
    )
    return EXIT_OK


def _status(person: Person) -> str:
    if not person.active:
        return "inactive"
    return "locked" if person.locked else "active"


def cmd_officer_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    people = services.registry.people()
    if out.json_mode:
        rows: list[dict[str, Any]] = [
            {
                "badge": p.badge,
                "name": p.name,
                "role": p.role.value,
                "unit": p.unit_code,
                "active": p.active,
                "locked": p.locked,
                "status": _status(p),
            }
            for p in people
        ]
    else:
        # People read words, not identifiers (STYLE 14a).
        rows = [
            {
                "badge": p.badge,
                "name": p.name,
                "role": t(f"role.{p.role.value}", out.language),
                "status": t(f"person.{_status(p)}", out.language),
            }
            for p in people
        ]
    out.table(rows, ("badge", "name", "role", "status"))
    return EXIT_OK


def cmd_officer_unlock(services: Services, args: argparse.Namespace, out: Output) -> int:
    by = services.auth.sign_in(args.by, read_pin())
    confirmer = _second(services, args.confirm_by)
    services.auth.unlock(by, args.badge, confirmer)
    out.say("cli.unlocked", badge=args.badge)
    _say_confirmed(out, confirmer)
    out.data(badge=args.badge, unlocked=True)
    return EXIT_OK


def cmd_officer_deactivate(services: Services, args: argparse.Namespace, out: Output) -> int:
    by = services.auth.sign_in(args.by, read_pin())
    confirmer = _second(services, args.confirm_by)
    person = services.personnel.deactivate(by, args.badge, confirmer)
    out.say("cli.deactivated", badge=person.badge, name=person.name)
    _say_confirmed(out, confirmer)
    out.data(badge=person.badge, active=person.active)
    return EXIT_OK


def cmd_officer_reactivate(services: Services, args: argparse.Namespace, out: Output) -> int:
    by = services.auth.sign_in(args.by, read_pin())
    confirmer = _second(services, args.confirm_by)
    person = services.personnel.reactivate(by, args.badge, confirmer)
    out.say("cli.reactivated", badge=person.badge, name=person.name)
    _say_confirmed(out, confirmer)
    out.data(badge=person.badge, active=person.active)
    return EXIT_OK


def cmd_officer_reset_pin(services: Services, args: argparse.Namespace, out: Output) -> int:
    new_pin = read_pin()
    by = services.auth.sign_in(args.by, read_pin())
    confirmer = _second(services, args.confirm_by)
    person = services.personnel.reset_pin(by, args.badge, new_pin, confirmer)
    out.say("cli.pin_reset", badge=person.badge, name=person.name)
    _say_confirmed(out, confirmer)
    out.data(badge=person.badge, locked=person.locked, failed_pins=person.failed_pins)
    return EXIT_OK


def _confirm_by(parser: argparse.ArgumentParser, line: str) -> None:
    parser.add_argument(
        "--confirm-by",
        metavar="BADGE",
        help=f"the second person: a unit head or the bureau head (their PIN on line {line})",
    )


def register(sub: Any) -> None:
    """Add `bwc officer` to the `bwc` command."""
    officer = sub.add_parser("officer", help="people").add_subparsers(dest="sub", required=True)
    add = officer.add_parser("add", help="add a person (their PIN on stdin)")
    add.add_argument("--badge", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True)
    add.add_argument("--unit", metavar="CODE", help="another unit's code: an officer (Art. 9)")
    _confirm_by(add, "2; needed for every role but officer")
    json_flag(add)
    add.set_defaults(handler=cmd_officer_add)

    listing = officer.add_parser("list", help="everyone registered, active or locked")
    json_flag(listing)
    listing.set_defaults(handler=cmd_officer_list)

    unlock = officer.add_parser("unlock", help="unlock a badge (PINs on stdin)")
    unlock.add_argument("--badge", required=True)
    unlock.add_argument("--by", required=True, help="a unit head, or the admin (PIN on line 1)")
    _confirm_by(unlock, "2; needed when --by is the admin")
    json_flag(unlock)
    unlock.set_defaults(handler=cmd_officer_unlock)

    deactivate = officer.add_parser("deactivate", help="take a person out of service")
    deactivate.add_argument("--badge", required=True)
    deactivate.add_argument("--by", required=True, help="the admin or a unit head (PIN line 1)")
    _confirm_by(deactivate, "2; needed for a privileged person")
    json_flag(deactivate)
    deactivate.set_defaults(handler=cmd_officer_deactivate)

    reactivate = officer.add_parser("reactivate", help="put a person back in service")
    reactivate.add_argument("--badge", required=True)
    reactivate.add_argument("--by", required=True, help="the admin or a unit head (PIN line 1)")
    _confirm_by(reactivate, "2; needed for a privileged person")
    json_flag(reactivate)
    reactivate.set_defaults(handler=cmd_officer_reactivate)

    reset = officer.add_parser("reset-pin", help="a new PIN (line 1); also lifts the lock")
    reset.add_argument("--badge", required=True)
    reset.add_argument("--by", required=True, help="the admin or a unit head (PIN line 2)")
    _confirm_by(reset, "3; needed for a privileged person")
    json_flag(reset)
    reset.set_defaults(handler=cmd_officer_reset_pin)

    history.register_officer(officer)
