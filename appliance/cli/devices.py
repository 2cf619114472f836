"""Provides the `bwc device` commands: register a recorder, list them with their holders."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appliance.cli import device_life
from appliance.cli.output import EXIT_OK, Output, os_actor
from appliance.i18n import t

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_device_add(services: Services, args: argparse.Namespace, out: Output) -> int:
    recorder = services.registry.add_recorder(
        os_actor(services.settings.unit_code), args.serial, args.brand, args.model, args.unit
    )
    out.say("cli.device_added", serial=recorder.serial)
    out.data(
        serial=recorder.serial,
        brand=recorder.brand,
        model=recorder.model,
        state=recorder.state.value,
        unit=recorder.unit_code,
    )
    return EXIT_OK


def cmd_device_list(services: Services, args: argparse.Namespace, out: Output) -> int:
    rows = [
        {
            "serial": s.recorder.serial,
            "brand": s.recorder.brand,
            "model": s.recorder.model,
            # Words for people, the identifier for scripts (--json).
            "state": s.recorder.state.value
            if out.json_mode
            else t(f"state.{s.recorder.state.value}", out.language),
            "holder": s.holder_badge or "",
            "since": out.time(s.since) if s.since else "",
        }
        for s in services.store.custody.unit_status()  # read-only listing for IT
    ]
    out.table(rows, ("serial", "brand", "model", "state", "holder", "since"))
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `device` to the `bwc` command."""
    device = sub.add_parser("device", help="recorders").add_subparsers(dest="sub", required=True)
    dadd = device.add_parser("add")
    dadd.add_argument("--serial", required=True)
    dadd.add_argument("--brand", required=True)
    dadd.add_argument("--model", required=True)
    dadd.add_argument("--unit", metavar="CODE", help="another unit's code (Art. 9)")
    dadd.set_defaults(handler=cmd_device_add)
    device.add_parser("list").set_defaults(handler=cmd_device_list)
    device_life.register_into(device)
