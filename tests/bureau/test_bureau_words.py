"""Every `bwc-bureau` command's output in words, in both languages (STYLE 14a): no catalogue
key, enum value or identifier reaches a person; a new command without a line here fails."""

from __future__ import annotations

import contextlib
import io
import shlex
import sys
from pathlib import Path

import pytest

from appliance.bureau_config import LANGUAGES
from appliance.cli.bureau import build_parser, main
from appliance.domain.bureau import BureauAction
from appliance.domain.errors import Refused
from appliance.domain.roles import Role
from appliance.i18n import explain, t
from appliance.i18n.catalogue import CATALOGUE
from tests.bureau.boxes import UNIT, box_world
from tests.integration.test_i18n_cli import leaf_commands
from tests.tui.test_i18n_walk import identifiers_in

# (command, stdin, accepted exit codes), as a bureau's first Monday runs them; {key},
# {drive} and {out} are filled in by the walk.
SCRIPT_LINES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("init --code CITY01 --name 某某市公安局 --seal off", "", (0,)),
    ("person add --badge 7002 --name 王局长 --role bureau_head", "222222\n", (0,)),
    (
        "person add --badge 7001 --name 李采集 --role info_collector --by 7002",
        "111111\n222222\n",
        (0,),
    ),
    (
        "person add --badge 7003 --name 赵考核 --role auditor --by 7001 --confirm-by 7002",
        "333333\n111111\n222222\n",
        (0,),
    ),
    (
        "person add --badge 7004 --name 孙局长 --role bureau_head --by 7001 --confirm-by 7001",
        "444444\n111111\n111111\n",
        (1,),
    ),
    (
        "person add --badge 7004 --name 孙局长 --role bureau_head --by 7001 --confirm-by 7002",
        "444444\n111111\n222222\n",
        (0,),
    ),
    ("person list", "", (0,)),
    ("person unlock --badge 7001 --by 7002", "222222\n", (1,)),
    (
        "unit add DEMO01 --name 城关中队 --public-key {key} --by 7001 --confirm-by 7002",
        "111111\n222222\n",
        (0,),
    ),
    (
        "unit add DEMO01 --name 城关中队 --public-key {key} --by 7001 --confirm-by 7002",
        "111111\n222222\n",
        (1,),
    ),
    ("unit list", "", (0,)),
    ("ingest {drive} --badge 7001", "111111\n", (1,)),
    ("ingest {drive} --badge 7003", "333333\n", (1,)),
    ("packages list", "", (0,)),
    ("clips list --badge 7003", "333333\n", (0,)),
    ("clips list --badge 7001 --day 2026-02-30", "111111\n", (2,)),
    ("export request --badge 7001 --clips 1 2 --recipient 法院 --reason 案件", "111111\n", (0,)),
    ("export approve --request 1 --badge 7001", "111111\n", (1,)),
    ("export approve --request 1 --badge 7002", "222222\n", (0,)),
    ("export request --badge 7001 --clips 3 --recipient 报社 --reason 报道", "111111\n", (0,)),
    ("export refuse --request 2 --badge 7004 --reason 不宜公开", "444444\n", (0,)),
    ("export list", "", (0,)),
    ("export write --request 1 --out {out} --badge 7001", "111111\n", (0,)),
    ("export write --request 2 --out {out}-2 --badge 7001", "111111\n", (1,)),
    ("report audit --from 2026-11-23 --to 2026-12-13 --badge 7003", "333333\n", (0,)),
    ("alarms list", "", (0,)),
    ("alarms ack 1 --badge 7003 --note 已核实", "333333\n", (1,)),
    ("alarms ack 1 --badge 7001 --note 已通知该单位并核实", "111111\n", (0,)),
    ("alarms ack 1 --badge 7001 --note 再次确认", "111111\n", (1,)),
    ("alarms list --all", "", (0,)),
    ("verify", "", (0,)),
    ("checkpoint", "", (0,)),
    ("public-key", "", (0,)),
)


def test_the_walk_covers_every_command() -> None:
    commands = leaf_commands(build_parser())
    assert ("export", "write") in commands
    walked = [tuple(shlex.split(line)) for line, _, _ in SCRIPT_LINES]
    for path in commands:
        assert any(c[: len(path)] == path for c in walked), path


def test_every_bureau_action_is_said_in_words() -> None:
    for action in BureauAction:
        key = f"action.bureau.{action.value}"
        assert key in CATALOGUE, key
        line = explain(
            Refused("permission_denied", action=f"bureau.{action.value}", role=Role.AUDITOR),
            "zh_CN",
        )
        assert t(key, "zh_CN") in line and action.value not in line


def _run(argv: list[str], stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_identifier_in_any_bureau_output(tmp_path: Path, language: str) -> None:
    world = box_world()
    # The drive: the unit's weeks 48 and 49, and a fork of week 49 (refused, alarmed).
    drive = world.drive(tmp_path / "drive", "w48", "w49", "forked")
    home = tmp_path / "bureau"
    fill = {"key": str(world.key), "drive": str(drive), "out": str(tmp_path / "for-the-court")}
    for line, stdin, accepted in SCRIPT_LINES:
        argv = ["--home", str(home), "--lang", language, *shlex.split(line.format(**fill))]
        code, out, err = _run(argv, stdin)
        assert code in accepted, (line, out, err)
        shown = out + err
        assert "Traceback" not in shown, line
        assert identifiers_in(shown, language) == [], (line, shown)
    assert (tmp_path / "for-the-court" / "signature.txt").is_file()
    assert UNIT in _run(["--home", str(home), "unit", "list"], "")[1]
