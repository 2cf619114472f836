"""Provides the `bwc dock` service command and the privileged `bwc media` mount step."""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance import privileges
from appliance.adapters.dock_folder import FolderWatcher
from appliance.adapters.mount import MEDIA_ROOT, CommandMounter, SystemdMounter
from appliance.cli_output import EXIT_OK, Output
from appliance.domain.errors import BadInput, Refused
from appliance.ports import DeviceWatcher, DockEvent

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_dock(services: Services, args: argparse.Namespace, out: Output) -> int:
    """Run the dock service until SIGTERM/SIGINT (bwc-dock.service)."""
    from appliance.bootstrap import build_dock

    watcher: DeviceWatcher
    if args.simulator:
        watcher = FolderWatcher(Path(args.simulator))
        dock = build_dock(services)
    else:
        from appliance.adapters.udev import UdevWatcher  # needs libudev: only on a real box

        watcher = UdevWatcher()
        mounter = CommandMounter(Path(args.media_root)) if args.direct_mount else SystemdMounter()
        dock = build_dock(services, mounter=mounter)
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


def _udev_event(devname: str) -> DockEvent:
    import pyudev

    if "/" in devname or not devname.isalnum():
        raise BadInput("bad_device", device=devname)
    try:
        device: Any = pyudev.Devices.from_device_file(pyudev.Context(), f"/dev/{devname}")
    except (pyudev.DeviceNotFoundError, OSError):
        raise BadInput("bad_device", device=devname) from None
    properties = device.properties
    return DockEvent(
        "add",
        f"/dev/{devname}",
        serial=str(properties.get("ID_SERIAL_SHORT", "")),
        fs_type=str(properties.get("ID_FS_TYPE", "")),
        bus=str(properties.get("ID_BUS", "")),
    )


def cmd_media(args: argparse.Namespace, out: Output) -> int:
    """The privileged step of bwc-mount@.service: mount read-only, writable to clear, unmount.

    It opens no home: it writes nothing but the mount, so it never leaves a root-owned file.
    """
    if not privileges.is_root():
        raise Refused("media_needs_root")
    event = _udev_event(args.devname)
    name = event.serial or args.devname
    mounter = CommandMounter(Path(args.media_root))
    try:
        if args.media_action == "mount":
            out.line(str(mounter.mount(event, name)))
        elif args.media_action == "writable":
            mounter.writable(event, name)
        else:
            mounter.unmount(event, name)
    except OSError as exc:
        # One line on stderr, like every failure (DESIGN §8); the journal keeps it.
        raise Refused("media_refused", step=args.media_action, error=str(exc)) from None
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `dock` and `media` to the `bwc` command."""
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
    media = sub.add_parser("media", help="the privileged mount step (root only)")
    media.add_argument("media_action", choices=("mount", "writable", "unmount"))
    media.add_argument("devname", help="the block device name, e.g. sdb1")
    media.add_argument("--media-root", default=str(MEDIA_ROOT))
    media.set_defaults(bare_handler=cmd_media)
