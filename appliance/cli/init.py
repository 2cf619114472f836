"""Provides `bwc init`: the unit, its keys and kiosk.toml on a new home (DESIGN §8)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from appliance import config, config_render
from appliance.cli.output import EXIT_OK, Output, os_actor

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_init(services: Services, args: argparse.Namespace, out: Output) -> int:
    from appliance.adapter_choices import create_keys

    settings = services.settings
    unit = services.registry.init_unit(
        os_actor(services.settings.unit_code), args.unit_code, args.unit_name
    )
    create_keys(settings)
    if not settings.config_path.exists():
        settings.config_path.parent.mkdir(parents=True, exist_ok=True)
        written = config_render.render(
            replace(settings.with_unit(unit.code, unit.name), language=args.language)
        )
        config_render.save(settings.config_path, written)
    out.say("cli.initialised", unit=unit.code, home=str(settings.home))
    out.data(unit=unit.code, name=unit.name, home=str(settings.home))
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `init` to the `bwc` command."""
    init = sub.add_parser("init", help="create the unit, its keys and kiosk.toml")
    init.add_argument("--unit-code", required=True)
    init.add_argument("--unit-name", required=True)
    init.add_argument("--language", choices=config.LANGUAGES, default="zh_CN")
    init.set_defaults(handler=cmd_init, needs_unit=False)
