"""Provides the `bwc` parser: the global options and every command group, in one registry."""

from __future__ import annotations

import argparse
import functools
from types import ModuleType

from appliance.cli import (
    alarms,
    audit,
    custody,
    devices,
    disclosure,
    discs,
    dock,
    footage,
    handover,
    holds,
    init,
    labels,
    media,
    packages,
    people,
    reports,
    retention,
    seal,
)
from appliance.cli.failures import OneLineParser

# Every command group of `bwc`, each a module with register(subparsers); in the order
# `bwc --help` lists them. A new group is a module here and one line in this tuple.
GROUPS: tuple[ModuleType, ...] = (
    init,
    devices,
    custody,
    labels,
    people,
    audit,
    alarms,
    dock,
    media,
    footage,
    handover,
    disclosure,
    discs,
    holds,
    retention,
    reports,
    packages,
    seal,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every `bwc` command; its usage errors raise UsageError."""
    parser = OneLineParser(prog="bwc", description="bwc-kiosk headless commands", root=True)
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return parser


@functools.cache
def cached_parser() -> argparse.ArgumentParser:
    """The parser, built once per process: parsing never changes it, and building is ~10 ms."""
    return build_parser()
