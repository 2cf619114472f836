"""Provides `bwc media`: the privileged mount step of bwc-mount@.service (root, DESIGN §1).

It runs before any home or database is looked at (a `bare_handler`): the root-run step never
opens, creates or migrates the evidence database, and never loads the database code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appliance import privileges
from appliance.adapters.mount import MEDIA_ROOT
from appliance.cli.output import EXIT_OK, Output
from appliance.domain.errors import BadInput, Refused
from appliance.ports import DockEvent


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
    """Mount read-only, make writable to clear, or unmount one docked card.

    It opens no home: it writes nothing but the mount, so it never leaves a root-owned file.
    """
    # The root holds no database import (see its docstring): loading it loads no peewee.
    from appliance.adapter_choices import media_mounter

    if not privileges.is_root():
        raise Refused("media_needs_root")
    event = _udev_event(args.devname)
    name = event.serial or args.devname
    mounter = media_mounter(Path(args.media_root))
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
    """Add `media` to the `bwc` command."""
    media = sub.add_parser("media", help="the privileged mount step (root only)")
    media.add_argument("media_action", choices=("mount", "writable", "unmount"))
    media.add_argument("devname", help="the block device name, e.g. sdb1")
    media.add_argument("--media-root", default=str(MEDIA_ROOT))
    media.set_defaults(bare_handler=cmd_media)
