"""Provides the run of a command on its home: become the owner, read the config, open it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from appliance import config, privileges
from appliance.cli.output import Output
from appliance.domain.errors import BadInput, Refused

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def run_on_home(home: Path, config_path: Path, args: argparse.Namespace, out: Output) -> int:
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
    services = open_home(settings, args)
    try:
        return int(args.handler(services, args, out))
    finally:
        # The database is this command's own (one per Services): closed when it is done.
        services.close()


def open_home(settings: config.Settings, args: argparse.Namespace) -> Services:
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
