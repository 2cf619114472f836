"""Provides `bwc dock`: the dock service of bwc-dock.service (watch, read, offload, release)."""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.adapters.mount import MEDIA_ROOT
from appliance.cli.output import EXIT_OK, Output

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_dock(services: Services, args: argparse.Namespace, out: Output) -> int:
    """Run the dock service until SIGTERM/SIGINT (bwc-dock.service)."""
    from appliance.adapter_choices import dock_mounter, dock_watcher
    from appliance.bootstrap import build_dock

    if args.simulator:
        watcher = dock_watcher(Path(args.simulator))
        dock = build_dock(services)
    else:
        watcher = dock_watcher(None)
        direct_root = Path(args.media_root) if args.direct_mount else None
        dock = build_dock(services, mounter=dock_mounter(direct_root))
    stop = threading.Event()
    if args.once:
        stop.set()
    else:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    out.line("bwc dock: watching " + (args.simulator or "udev"))
    try:
        dock.serve(watcher, stop)
    finally:
        dock.shutdown()
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `dock` to the `bwc` command."""
    dock = sub.add_parser("dock", help="the dock service: watch, read, offload (bwc-dock.service)")
    dock.add_argument("--simulator", help="watch this folder of simulator recorders, not udev")
    dock.add_argument("--once", action="store_true", help="handle what is docked now, then exit")
    dock.add_argument(
        "--direct-mount",
        action="store_true",
        help="mount directly (as root) instead of through bwc-mount@.service",
    )
    dock.add_argument("--media-root", default=str(MEDIA_ROOT))
    dock.set_defaults(handler=cmd_dock)
