"""Provides `bwc disc create|verify`: the evidence disc of a case (Art. 12(4), DESIGN §12).

`verify` is a `bare_handler`, like `package verify`: a court or the bureau runs it on a
machine that holds only the disc (or its image) and, better, the unit's public key.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.cli.packages import _public_key
from appliance.domain.errors import Refused

if TYPE_CHECKING:
    from appliance.bootstrap import Services


def cmd_create(services: Services, args: argparse.Namespace, out: Output) -> int:
    """Seal the case's clips, image them, read them back, burn if asked, print the form."""
    from appliance.services.discs import DiscOrder

    actor = services.auth.sign_in(args.badge, read_pin())
    order = DiscOrder(
        case_number=args.case,
        out_dir=Path(args.out),
        burn_device=args.burn,
        place=args.place,
        recorded_by=args.recorded_by,
        language=out.language,
    )
    made = services.discs.create(actor, order)
    out.say(
        "disc.created",
        case=made.case_number,
        clips=made.clips,
        files=made.files,
        image=str(made.image_path),
    )
    out.say("disc.image_checksum", sha256=made.image_sha256)
    if made.left_out:
        ids = ", ".join(str(clip) for clip in made.left_out)
        out.say("disc.left_out_deleted", count=len(made.left_out), clips=ids)
    if made.burned_to is not None:
        out.say("disc.burned", device=made.burned_to)
    out.say("disc.form_written", form=str(made.form_path))
    out.data(
        disc=made.disc_id,
        case=made.case_number,
        image=str(made.image_path),
        image_sha256=made.image_sha256,
        image_bytes=made.image_bytes,
        form=str(made.form_path),
        clips=made.clips,
        files=made.files,
        receipt=made.package_receipt,
        checkpoint=made.checkpoint_line,
        burned_to=made.burned_to,
        left_out_deleted_by_rule=list(made.left_out),
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    """Re-hash every file on the disc and hold its package to `package verify`."""
    # No database code is loaded here: the court's machine has no home (DESIGN §12).
    from appliance.adapter_choices import disc_reader
    from appliance.domain.packages import PackageFault

    key = _public_key(args.public_key)
    try:
        disc = disc_reader().verify(Path(args.medium), key)
    except PackageFault as fault:
        raise Refused(fault.code, **fault.params) from None
    report = disc.package
    out.say(
        "disc.verified",
        name=report.name,
        files=report.files,
        bytes=report.payload_bytes,
        unit=report.unit,
        size=report.checkpoint_size,
    )
    out.say("package.key_checked" if report.key_given else "package.key_unchecked", key=report.key)
    out.say("disc.form_on_disc", form=disc.form_name)
    if disc.image_sha256 is not None:
        out.say("disc.image_checksum", sha256=disc.image_sha256)
    out.data(
        name=report.name,
        kind=report.kind,
        case=report.period,
        unit=report.unit,
        files=report.files,
        bytes=report.payload_bytes,
        key=report.key,
        key_given=report.key_given,
        checkpoint_size=report.checkpoint_size,
        form=disc.form_name,
        image_sha256=disc.image_sha256,
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `disc` to the `bwc` command."""
    disc = sub.add_parser("disc", help="evidence discs (Art. 12(4))")
    actions = disc.add_subparsers(dest="sub", required=True)
    create = actions.add_parser("create", help="burn a case's footage to disc (PIN on stdin)")
    create.add_argument("--case", required=True)
    create.add_argument("--badge", required=True)
    create.add_argument("--out", required=True, metavar="DIR", help="where the image and form go")
    create.add_argument("--burn", metavar="DEVICE", help="the burner (/dev/sr0)")
    create.add_argument("--place", help="where the footage was recorded (for the form)")
    create.add_argument("--recorded-by", help="who recorded, when no custody session says")
    create.set_defaults(handler=cmd_create)
    verify = actions.add_parser("verify", help="verify an evidence disc or image (no home needed)")
    verify.add_argument("medium", metavar="ISO_OR_DEVICE")
    verify.add_argument("--public-key", metavar="F", help="the unit's audit public key file")
    verify.set_defaults(bare_handler=cmd_verify)
