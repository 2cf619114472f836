"""Provides `bwc label`: signed QR labels for badges and recorders."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, os_actor
from appliance.domain.scan import CodeKind

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_label(services: Services, args: argparse.Namespace, out: Output) -> int:
    kind = CodeKind.BADGE if args.label_kind == "badge" else CodeKind.DEVICE
    path = services.labels.write(
        os_actor(services.settings.unit_code), kind, args.value, Path(args.out)
    )
    out.say("cli.label_written", path=str(path))
    out.data(path=str(path), text=services.labels.text(kind, args.value))
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `label badge` and `label device` to the `bwc` command."""
    label = sub.add_parser("label", help="signed QR labels").add_subparsers(
        dest="label_kind", required=True
    )
    for kind in ("badge", "device"):
        one = label.add_parser(kind)
        one.add_argument("value")
        one.add_argument("--out", required=True)
        one.set_defaults(handler=cmd_label)
