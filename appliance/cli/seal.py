"""Provides `bwc seal`: make every archived file immutable (root; bwc-seal@.service, DESIGN §11).

The one step that needs CAP_LINUX_IMMUTABLE runs first, as root, on the file system alone;
then the process becomes the home's owner to write its audit event, so the helper never leaves
a root-owned file in the home (DESIGN §6).
"""

from __future__ import annotations

import re
from typing import Any

from appliance import privileges
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor
from appliance.config import Settings
from appliance.domain.errors import BadInput, Refused

_REQUEST = re.compile(r"[0-9a-z-]{1,32}")


def cmd_seal(settings: Settings, owner: privileges.Owner | None, args: Any, out: Output) -> int:
    """Seal every content file of the archive not yet immutable; audited as counts."""
    from appliance.adapter_choices import archive_sweeper
    from appliance.bootstrap import open_services

    if args.request is not None and not _REQUEST.fullmatch(args.request):
        raise BadInput("bad_seal_request")
    if not settings.unit_code:
        raise Refused("not_initialised")
    actor = os_actor(settings.unit_code)
    if not privileges.is_root():
        open_services(settings).sealing.refuse(actor, "seal_needs_root")
        raise Refused("seal_needs_root")
    report, since = archive_sweeper(settings).sweep(args.request)
    if owner is not None:
        privileges.become(owner)
    services = open_services(settings)
    services.sealing.record(
        actor, "archive", "sha256", report, request=args.request or "", since=since
    )
    out.say(
        "cli.sealed",
        sealed=report.sealed,
        already=report.already,
        unsupported=report.unsupported,
        failed=report.failed,
    )
    out.data(
        sealed=report.sealed,
        already=report.already,
        unsupported=report.unsupported,
        failed=report.failed,
        reason=report.reason,
    )
    return EXIT_REFUSED if report.failed else EXIT_OK


def register(sub: Any) -> None:
    """Add `seal` to the `bwc` command."""
    seal = sub.add_parser(
        "seal", help="make archived files immutable (root only; bwc-seal@.service)"
    )
    seal.add_argument("--request", help="the helper's request name (bwc-seal@<request>)")
    seal.set_defaults(root_handler=cmd_seal)
