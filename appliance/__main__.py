"""Provides `python -m appliance`, the same as the `bwc` command."""

from appliance.cli import run

run()
