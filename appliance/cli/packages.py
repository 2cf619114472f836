"""Provides `bwc package verify DIR [--public-key F]`: runs with no home at all (DESIGN §10).

The bureau runs it on a machine that holds only the package and the unit's public key: it is
a `bare_handler`, dispatched before any home or database, and loads no database code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appliance.cli.output import EXIT_OK, Output
from appliance.domain.errors import BadInput, Refused


def _public_key(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="ascii", errors="strict").strip()
    except (OSError, UnicodeDecodeError):
        raise BadInput("package.key_file_unreadable", path=path) from None


def cmd_package_verify(args: argparse.Namespace, out: Output) -> int:
    """Re-hash everything, check the manifests, the signature and the chain slice."""
    # No database code is loaded here: the bureau's machine has no home (DESIGN §10).
    from appliance.adapter_choices import package_reader
    from appliance.domain.packages import PackageFault

    key = _public_key(args.public_key)
    try:
        report = package_reader().verify(Path(args.directory), key)
    except PackageFault as fault:
        raise Refused(fault.code, **fault.params) from None
    out.say(
        "package.verified",
        name=report.name,
        files=report.files,
        bytes=report.payload_bytes,
        unit=report.unit,
        size=report.checkpoint_size,
        events=report.slice_events,
    )
    out.say("package.key_checked" if report.key_given else "package.key_unchecked", key=report.key)
    out.data(
        name=report.name,
        kind=report.kind,
        unit=report.unit,
        period=report.period,
        files=report.files,
        bytes=report.payload_bytes,
        key=report.key,
        key_given=report.key_given,
        checkpoint_size=report.checkpoint_size,
        slice_events=report.slice_events,
        classes=report.classes,
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `package verify` to the `bwc` command."""
    package = sub.add_parser("package", help="sealed packages").add_subparsers(
        dest="sub", required=True
    )
    verify = package.add_parser("verify", help="verify a sealed package (no home needed)")
    verify.add_argument("directory", metavar="DIR")
    verify.add_argument("--public-key", metavar="F", help="the unit's audit public key file")
    verify.set_defaults(bare_handler=cmd_package_verify)
