"""Provides `bwc device history` and `bwc officer history`: a recorder's life or a person's
record, one line per thing that happened, in words (STYLE 14a)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from appliance.cli.output import EXIT_OK, Output, json_flag
from appliance.i18n import history_sentence

if TYPE_CHECKING:
    from appliance.bootstrap import Services
    from appliance.services.history import HistoryLine


def _print(lines: Sequence[HistoryLine], out: Output) -> int:
    rows = []
    for line in lines:
        if out.json_mode:
            # An incident's own kind (lost, damaged) must not hide the line's kind.
            said = {("incident" if name == "kind" else name): v for name, v in line.params.items()}
            rows.append({"at": line.at.isoformat(), "kind": line.kind, **said})
            continue
        sentence = history_sentence(line.key, line.params, out.language)
        rows.append({"time": out.time(line.at), "event": sentence})
    out.table(rows, ("time", "event"))
    return EXIT_OK


def cmd_device_history(services: Services, args: argparse.Namespace, out: Output) -> int:
    return _print(services.history.of_recorder(args.device), out)


def cmd_officer_history(services: Services, args: argparse.Namespace, out: Output) -> int:
    return _print(services.history.of_person(args.badge), out)


def register_device(device: Any) -> None:
    """Add `bwc device history`."""
    command = device.add_parser("history", help="sessions, faults, repairs, incidents, offloads")
    command.add_argument("--device", required=True)
    command.set_defaults(handler=cmd_device_history)


def register_officer(officer: Any) -> None:
    """Add `bwc officer history` (Art. 10: a loss or damage while held is on the record)."""
    command = officer.add_parser(
        "history", help="what a person held, and the faults and losses while they held it"
    )
    command.add_argument("--badge", required=True)
    json_flag(command)
    command.set_defaults(handler=cmd_officer_history)
