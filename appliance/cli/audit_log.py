"""Provides `bwc audit log`: the audit office's reading of the log, the read audited (Art. 15)."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from appliance import config
from appliance.cli.output import EXIT_OK, Output, read_pin
from appliance.domain.audit import AuditEvent, LogQuery, day_bounds
from appliance.i18n import event_words, object_words, outcome_words, refusal_words

if TYPE_CHECKING:
    from appliance.bootstrap import Services

COLUMNS = ("seq", "time", "who", "what", "object", "outcome", "why")


def _row(event: AuditEvent, out: Output) -> dict[str, Any]:
    if out.json_mode:
        # The chain's own fields for scripts.
        return {
            "seq": event.seq,
            "at": event.at,
            "actor": event.actor,
            "role": event.role,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "outcome": event.outcome,
            "detail": event.detail_json,
        }
    return {
        "seq": event.seq,
        "time": out.time(datetime.fromisoformat(event.at)),
        "who": event.actor,
        "what": event_words(event.action, out.language),
        "object": object_words(event.object_type, event.object_id, out.language),
        "outcome": outcome_words(event.outcome, out.language),
        "why": refusal_words(event.detail_json, out.language) if event.outcome == "refused" else "",
    }


def cmd_log(services: Services, args: argparse.Namespace, out: Output) -> int:
    zone = out.zone or config.local_zone(services.settings)
    since, until = day_bounds(args.since, args.until, zone)
    query = LogQuery(since, until, args.actor, args.refused, args.limit)
    actor = services.auth.sign_in(args.badge, read_pin())
    events = services.audit_reading.log(actor, query)
    out.table([_row(event, out) for event in events], COLUMNS)
    return EXIT_OK


def add_log(audit: Any) -> None:
    """Add `log` to `bwc audit`."""
    log = audit.add_parser("log", help="read the log (auditor or bureau head; PIN on stdin)")
    log.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="from this day")
    log.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="to this day, inclusive")
    log.add_argument("--actor", help="only what this badge (or os:user) did")
    log.add_argument("--refused", action="store_true", help="only refusals")
    log.add_argument("--limit", type=int, default=200, help="the newest N (default 200)")
    log.add_argument("--badge", required=True)
    log.set_defaults(handler=cmd_log)
