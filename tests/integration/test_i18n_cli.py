"""Provides the i18n walk of the `bwc` command: every command's output, both languages.

Issue 9 item 2: no catalogue key, enum value or identifier in what a person reads (stdout
and stderr, successes and refusals). `--json` is for scripts and keeps its identifiers, so it
is not walked. The walk covers every command the parser knows. English runs the real process
for each command; Chinese runs `cli.main` in this process on the same arguments and input
(the words are the catalogue's either way; the process start is the fuzz's to test), which
keeps the two walks within make test's budget.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from appliance.cli.parser import build_parser
from tests.fuzz_cli import Stdin
from tests.integration.test_cli_fuzz import in_process
from tests.tui.test_i18n_walk import identifiers_in

ROOT = Path(__file__).resolve().parents[2]

# Commands a person never reads at a terminal, and why.
NOT_WALKED = {
    ("dock",): "the dock service runs until stopped and writes to the journal",
}

# (command, stdin, accepted exit codes), in the order a unit's first day runs them.
SCRIPT_LINES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("init --unit-code U01 --unit-name 城关执法中队", "", (0,)),
    ("officer add --badge 2001 --name 李强 --role unit_head", "135790\n", (0,)),
    ("officer add --badge 1001 --name 张伟 --role officer", "246810\n", (0,)),
    ("officer add --badge 1002 --name 王芳 --role officer", "121212\n", (0,)),
    ("officer list", "", (0,)),
    ("device add --serial DSJ-A001 --brand Hikvision --model X1", "", (0,)),
    ("device list", "", (0,)),
    ("signout --badge 1001 --device DSJ-A001", "246810\n", (1,)),
    ("signout --badge 1001 --device NOPE-1 --checks-confirmed", "246810\n", (1,)),
    ("signout --badge 1001 --device DSJ-A001 --checks-confirmed", "246810\n", (0,)),
    ("device list", "", (0,)),
    ("return --badge 1002 --device DSJ-A001", "000000\n", (1,)),
    ("return --badge 1001 --device DSJ-A001", "246810\n", (0,)),
    ("offload --device DSJ-A001 --source card", "", (0,)),
    ("clips list", "", (0,)),
    ("clips file --badge 1001 --case ZF-1 1", "246810\n", (0, 1)),
    (f"clips file --badge 1001 --case {'x' * 65} 1", "246810\n", (2,)),
    ("fixity verify", "", (0,)),
    # Footage leaving the box (Art. 3, 11, 12(2), 13).
    (
        "officer add --badge 4001 --name 陈静 --role bureau_head --confirm-by 2001",
        "112233\n135790\n",
        (0,),
    ),
    (
        "officer add --badge 3001 --name 刘洋 --role info_collector --confirm-by 2001",
        "444444\n135790\n",
        (0,),
    ),
    ("clips classify --badge 2001 --class privacy 1", "135790\n", (0,)),
    ("disclosure request --badge 1001 --clips 1 --recipient 法院 --reason ZF-1", "246810\n", (0,)),
    ("disclosure request --badge 1001 --clips 1 --recipient 报社 --reason 报道", "246810\n", (0,)),
    ("disclosure list", "", (0,)),
    ("disclosure approve --request 1 --badge 1001", "246810\n", (1,)),
    ("disclosure approve --request 1 --badge 4001 --allow-class privacy", "112233\n", (0,)),
    ("disclosure refuse --request 2 --badge 4001 --reason 不予公开", "112233\n", (0,)),
    ("disclosure export --request 1 --out disclosure-1 --badge 4001", "112233\n", (0,)),
    ("disclosure export --request 1 --out disclosure-2 --badge 4001", "112233\n", (1,)),
    ("package verify disclosure-1", "", (0,)),
    ("package verify nosuch-bag", "", (1, 2)),
    ("handover due --badge 3001", "444444\n", (0,)),
    ("handover create --week 2020-W01 --badge 3001 --out handover-1", "444444\n", (1,)),
    ("handover receipt --package nosuch-bag --badge 3001", "444444\n", (1, 2)),
    # Evidence discs (Art. 12(4)): the unit head's, refused to an officer; verified with no home.
    ("disc create --case ZF-1 --badge 2001 --out . --place 人民路", "135790\n", (0, 1)),
    ("disc create --case ZF-1 --badge 1001 --out . --place 人民路", "246810\n", (1,)),
    ("disc verify ZF-1.iso", "", (0, 1)),
    ("disc verify nosuch.iso", "", (1,)),
    # A recorder's life (Art. 5(8), 10): fault, repair, loss, damage, retirement, history.
    ("device add --serial DSJ-A002 --brand Hikvision --model X1", "", (0,)),
    (
        "device fault --device DSJ-A002 --badge 2001 --reason battery --note 不充电",
        "135790\n",
        (0,),
    ),
    ("device repaired --device DSJ-A002 --badge 2001", "135790\n", (1,)),
    ("device repaired --device DSJ-A002 --badge 2001 --checks-confirmed", "135790\n", (0,)),
    (
        "device lost --device DSJ-A002 --badge 2001 --badge 4001 --what 遗失 --finding negligence",
        "135790\n112233\n",
        (0,),
    ),
    ("device found --device DSJ-A002 --badge 2001 --checks-confirmed", "135790\n", (0, 1)),
    (
        "device damaged --device DSJ-A001 --badge 2001 --badge 2001 --what 摔坏 --finding no_fault",
        "135790\n135790\n",
        (1, 2),
    ),
    ("device retire --device DSJ-A002 --badge 2001 --badge 4001", "135790\n112233\n", (0, 1)),
    ("device history --device DSJ-A002", "", (0,)),
    ("officer history --badge 1001", "", (0,)),
    ("label badge 1001 --out label-1001.png", "", (0,)),
    ("label device DSJ-A001 --out label-a001.png", "", (0,)),
    ("label serve", "", (0,)),
    ("officer unlock --badge 1002 --by 2001", "135790\n", (0, 1)),
    ("officer reset-pin --badge 1002 --by 2001", "864200\n135790\n", (0,)),
    ("officer deactivate --badge 1002 --by 2001", "135790\n", (0,)),
    ("officer reactivate --badge 1002 --by 2001", "135790\n", (0,)),
    # Art. 14: alarms and who saw to them (none was raised on this day).
    ("alarms list", "", (0,)),
    ("alarms list --all", "", (0,)),
    ("alarms ack 1 --badge 2001 --note 已处理", "135790\n", (1,)),
    # Art. 15: the audit office reads the log; a unit head may not.
    (
        "officer add --badge 5001 --name 赵敏 --role auditor --confirm-by 2001",
        "556677\n135790\n",
        (0,),
    ),
    ("audit log --badge 5001 --limit 30", "556677\n", (0,)),
    ("audit log --badge 5001 --refused --from 2020-01-01", "556677\n", (0,)),
    ("audit log --badge 5001 --from 2020-02-30", "556677\n", (2,)),
    ("audit log --badge 2001", "135790\n", (1,)),
    # Holds and retention (Art. 12(3)): set by one, lifted by two, deletion by rule only.
    ("hold set --badge 2001 --reason complaint --note 投诉 --clips 1", "135790\n", (0,)),
    ("hold add --badge 3001 --reason petition --note 信访 --case ZF-1", "444444\n", (0,)),
    (
        "hold set --badge 4001 --reason litigation --note 诉讼 --officer 1001 --from 2026-01-01"
        " --to 2026-01-31",
        "112233\n",
        (0,),
    ),
    ("hold set --badge 1001 --reason other --note x --clips 1", "246810\n", (1,)),
    ("hold lift --hold 1 --badge 3001 --badge 3001", "444444\n444444\n", (1,)),
    ("hold lift --hold 1 --badge 2001 --badge 1001", "135790\n246810\n", (1,)),
    ("hold lift --hold 1 --badge 3001 --badge 4001", "444444\n112233\n", (0,)),
    ("hold list", "", (0,)),
    ("retention run --dry-run", "", (0,)),
    ("retention run", "", (0,)),
    # Art. 14: the unit head's day on paper, with the checkpoint on its last page.
    ("report daily --out daily.pdf", "", (0,)),
    ("report daily --out daily.pdf", "", (2,)),
    ("report daily --day 2026-02-30", "", (2,)),
    # Art. 15: the audit office's period, with bar charts and the checkpoint.
    ("report audit --from 2020-01-01 --to 2020-12-31 --out audit.pdf", "", (0,)),
    ("report audit --from 2020-12-31 --to 2020-01-01 --out audit-2.pdf", "", (2,)),
    ("audit checkpoint --out checkpoint.txt", "", (0,)),
    ("audit verify --checkpoint checkpoint.txt", "", (0,)),
    ("seal", "", (0, 1, 2)),
    ("media unmount nosuch9 --media-root media", "", (1, 2)),
)
SCRIPT = tuple((tuple(shlex.split(line)), stdin, codes) for line, stdin, codes in SCRIPT_LINES)


def leaf_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> set[tuple[str, ...]]:
    """Every command path the parser accepts (`officer add`, `audit verify`, …)."""
    found: set[tuple[str, ...]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= leaf_commands(sub, (*path, name))
    return found or {path}


def test_the_walk_covers_every_command() -> None:
    """A new command without a line in SCRIPT (or a reason in NOT_WALKED) fails here."""
    commands = leaf_commands(build_parser())
    assert ("officer", "add") in commands
    for path in commands:
        assert path in NOT_WALKED or any(c[: len(path)] == path for c, _, _ in SCRIPT), path


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_identifier_in_any_command_output(
    tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / "card" / "DCIM").mkdir(parents=True)
    (work / "media").mkdir()
    subprocess.run(  # noqa: S603
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=1"]  # noqa: S607
        + ["-c:v", "libx264", "-preset", "ultrafast", str(work / "card" / "DCIM" / "0001.MP4")],
        check=True,
        timeout=120,
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("BWC_")}
    env["BWC_HOME"] = str(tmp_path / "home")
    for command, stdin, accepted in SCRIPT:
        if command[0] == "offload":
            # Filmed while 1001 held the recorder (after its sign-out, before its return).
            os.utime(work / "card" / "DCIM" / "0001.MP4")
        argv = ["--lang", language, *command]
        # In-process (the parser, the services and the words are the same code the process
        # runs; `bwc` itself is walked by test_cli_fuzz's process examples and test_cli).
        with monkeypatch.context() as place:
            place.chdir(work)
            for key in [k for k in os.environ if k.startswith("BWC_")]:
                place.delenv(key)
            place.setenv("BWC_HOME", env["BWC_HOME"])
            code, out, err = in_process(argv, Stdin("text", stdin.encode("utf-8")))
        assert code in accepted, (command, out, err)
        shown = out + err
        assert "Traceback" not in shown, command
        assert identifiers_in(shown, language) == [], (command, shown)
