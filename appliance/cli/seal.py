"""Provides `bwc seal`: make every archived file immutable (root; bwc-seal@.service, DESIGN §11).

The one step that needs CAP_LINUX_IMMUTABLE runs first, as root, on the file system alone;
then the process becomes the home's owner to write its audit event, so the helper never leaves
a root-owned file in the home (DESIGN §6).
"""

from __future__ import annotations

import os
import re
from typing import Any

from appliance import privileges
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor
from appliance.config import Settings
from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor

_REQUEST = re.compile(r"[0-9a-z-]{1,32}|unseal-[0-9a-f]{64}")
# The retention run's request (HelperSealer.unseal): one content, named by its hash.
_UNSEAL = re.compile(r"unseal-([0-9a-f]{64})")


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
    unseal = _UNSEAL.fullmatch(args.request or "")
    if unseal is not None:
        return _unseal(settings, owner, actor, unseal.group(1), out)
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


def _unseal(
    settings: Settings, owner: privileges.Owner | None, actor: Actor, sha256: str, out: Output
) -> int:
    """Clear one content's flag, only for a deletion the retention rule allows (DESIGN §11).

    The rule is asked first, by the home's owner in a child process (root never opens the
    home's database, so it never leaves a root-owned file there); then the flag is cleared
    as root; then, as the owner, the act or its refusal is audited.
    """
    from appliance.adapter_choices import unseal_content
    from appliance.bootstrap import open_services

    allowed = _rule_allows(settings, owner, sha256)
    cleared = allowed and unseal_content(settings, sha256)
    if owner is not None:
        privileges.become(owner)
    services = open_services(settings)
    with services.store.transaction():
        services.ctx.record(
            actor, "archive_unseal", "archive", sha256, "ok" if cleared else "refused",
            reason="" if cleared else "unseal_not_allowed",
        )  # fmt: skip
    if not cleared:
        raise Refused("unseal_not_allowed", sha256=sha256)
    out.say("cli.unsealed", sha256=sha256)
    out.data(unsealed=sha256)
    return EXIT_OK


def _rule_allows(settings: Settings, owner: privileges.Owner | None, sha256: str) -> bool:
    """The retention service's word on this content, asked as the home's owner."""
    from appliance.bootstrap import open_services

    def ask() -> bool:
        services = open_services(settings)
        try:
            return services.retention.allows_deletion(sha256)
        finally:
            services.close()

    if owner is None:
        return ask()
    child = os.fork()
    if child == 0:  # the child becomes the owner, answers by its exit code, and ends
        code = 1
        try:
            privileges.become(owner)
            code = 0 if ask() else 1
        except BaseException:  # noqa: BLE001 -- any failure is a no
            code = 2
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) == 0


def register(sub: Any) -> None:
    """Add `seal` to the `bwc` command."""
    seal = sub.add_parser(
        "seal", help="make archived files immutable (root only; bwc-seal@.service)"
    )
    seal.add_argument("--request", help="the helper's request name (bwc-seal@<request>)")
    seal.set_defaults(root_handler=cmd_seal)
