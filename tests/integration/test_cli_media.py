"""`bwc media` is root's mount step: it runs before any home or database is looked at (§1).

The root-run step must never open, create or migrate the evidence database (issue 8 item 1),
so it must not even load the database code. The real mount of a card beside a spoiled home
is in test_udev_dock.py (it needs udev and loop devices).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.i18n import explain
from tests.media_step import SPOILS, home_state, spoiled_home, traced


@pytest.mark.parametrize("how", SPOILS)
def test_bwc_media_leaves_a_spoiled_home_alone_and_loads_no_database_code(
    tmp_path: Path, how: str
) -> None:
    home = spoiled_home(tmp_path / "home", how)
    before = home_state(home)
    media_root = tmp_path / "media"

    run = traced(
        "--home", str(home), "--lang", "en", "media", "mount", "nosuchdisk0",
        "--media-root", str(media_root),
    )  # fmt: skip

    # As root it gets as far as asking udev for the device; anyone else is refused first.
    expected: Refusal
    if os.geteuid() == 0:
        expected, expected_code = BadInput("bad_device", device="nosuchdisk0"), 2
        assert "pyudev" in run.loaded
    else:
        expected, expected_code = Refused("media_needs_root"), 1
    assert (run.code, run.said, run.stdout) == (expected_code, [explain(expected, "en")], "")
    # The report is read right: the step's own module and the root's adapter choices are in
    # it; the composition root itself is not needed to mount ...
    assert {"appliance.cli.media", "appliance.adapter_choices"} <= run.loaded
    assert "appliance.bootstrap" not in run.loaded
    # ... and nothing that opens a database is, nor the disc reader the root can choose.
    assert run.database_code() == []
    assert not {"pycdlib", "appliance.adapters.xorriso"} & run.loaded
    # Not one byte, mode or time changed, and no journal, WAL or lock file appeared.
    assert home_state(home) == before
    assert not media_root.exists()


def test_a_command_on_a_home_does_load_the_database_code(tmp_path: Path) -> None:
    """The check above can fail: the same trace of a command that opens the home shows it."""
    home = spoiled_home(tmp_path / "home", "garbage")
    run = traced("--home", str(home), "--lang", "en", "device", "list")
    assert run.code == 2 and len(run.said) == 1
    assert {"peewee", "appliance.store.db"} <= set(run.database_code())


def test_a_bad_config_fails_before_the_database_code_is_loaded(tmp_path: Path) -> None:
    """Start-up stays lean (the timers run often): the config is read before peewee loads."""
    home = spoiled_home(tmp_path / "home", "bad_config")
    run = traced("--home", str(home), "--lang", "en", "device", "list")
    assert run.code == 2 and len(run.said) == 1 and "kiosk.toml" in run.said[0]
    assert run.database_code() == []
    # Nor the keys' or the labels' libraries: only a command that signs or prints loads them.
    assert not {"cryptography", "qrcode", "PIL"} & run.loaded
