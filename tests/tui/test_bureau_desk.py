"""The collector's desk through the Pilot (issue 14): sign-in refused then taken, a drive
taken in and shown, a package held already, a tampered copy refused in words with nothing
new listed, the clip search, a path that is no drive, and signing off."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Static
from textual.worker import WorkerCancelled

from tests.bureau.boxes import UNIT, box_world
from tests.bureau.homes import make_bureau, register
from tests.cli_run import env
from tui.bureau.app import BureauDeskApp
from tui.bureau.screens import DeskScreen, SignInScreen


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(10):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            break
    # A button ignores a click while it still shows its last press (0.2 s of wall time);
    # a person's next click comes later than that (as tests/tui/helpers.py does).
    for button in pilot.app.screen.query(Button).filter(".-active"):
        button.remove_class("-active")


def _text(pilot: Pilot[None], selector: str) -> str:
    content = pilot.app.screen.query_one(selector, Static).render()
    return content.plain if isinstance(content, Text) else str(content)


def _rows(pilot: Pilot[None], selector: str) -> list[list[str]]:
    table = pilot.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _type(pilot: Pilot[None], selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = value
    await pilot.pause()


async def test_the_collectors_desk(tmp_path: Path) -> None:
    world = box_world()
    made = make_bureau(tmp_path / "bureau", "", "sqlite")
    register(made, UNIT, world.key, "Demo unit")
    good = world.drive(tmp_path / "drive", "w48")
    tampered = world.drive(tmp_path / "tampered", "w49")
    victim = sorted((tampered / world.packages["w49"].name / "data").rglob("*.MP4"))[0]
    victim.chmod(0o640)
    data = victim.read_bytes()
    victim.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    bureau = made.open()
    app = BureauDeskApp(bureau, "en")
    try:
        async with app.run_test(size=(120, 60)) as pilot:
            assert isinstance(app.screen, SignInScreen)
            await _type(pilot, "#badge", "7001")
            await _type(pilot, "#pin", "999999")
            await pilot.click("#sign-in")
            await _settle(pilot)
            assert _text(pilot, "#line") == "Wrong PIN. 4 tries left before the badge is locked."
            assert isinstance(app.screen, SignInScreen)
            await _type(pilot, "#pin", "111111")
            await pilot.click("#sign-in")
            await _settle(pilot)
            assert isinstance(app.screen, DeskScreen)
            assert _text(pilot, ".screen-title") == "Collector Li (7001) at the bureau's desk"
            assert [r[0] for r in _rows(pilot, "#units")] == [UNIT]
            assert _rows(pilot, "#packages") == []
            assert _text(pilot, "#no-alarms") == "No alarm is waiting."

            await _type(pilot, "#drive", str(good))
            await pilot.click("#ingest")
            await _settle(pilot)
            assert _text(pilot, "#outcome").startswith(
                "Took in bwc-handover-DEMO01-W48: unit DEMO01, week 2026-W48, 4 clips (4 new)"
            )
            assert [r[1:5] for r in _rows(pilot, "#packages")] == [[UNIT, "2026-W48", "4", "4"]]
            await pilot.click("#ingest")
            await _settle(pilot)
            assert _text(pilot, "#outcome") == (
                "bwc-handover-DEMO01-W48 is held already (unit DEMO01, week 2026-W48): "
                "nothing to do."
            )

            await _type(pilot, "#drive", str(tampered))
            await pilot.click("#ingest")
            await _settle(pilot)
            assert _text(pilot, "#outcome").startswith(
                "Refused bwc-handover-DEMO01-W49: A footage file of the package was changed: data/"
            )
            assert len(_rows(pilot, "#packages")) == 1

            await _type(pilot, "#drive", str(tmp_path / "no-such-drive"))
            await pilot.click("#ingest")
            await _settle(pilot)
            assert _text(pilot, "#outcome") == (
                f"{tmp_path / 'no-such-drive'} is not a drive or a directory."
            )

            await _type(pilot, "#q-day", "2026-11-25")
            await pilot.click("#find")
            await _settle(pilot)
            assert _text(pilot, "#found") == "4 clips found."
            assert {r[2] for r in _rows(pilot, "#clips")} == {"2026-11-25"}
            await _type(pilot, "#q-day", "25.11.2026")
            await pilot.click("#find")
            await _settle(pilot)
            assert _text(pilot, "#found") == "25.11.2026 is not a day (YYYY-MM-DD)."

            await pilot.click("#sign-off")
            await _settle(pilot)
            assert isinstance(app.screen, SignInScreen)
            assert app.screen.query_one("#pin", Input).value == ""
    finally:
        bureau.close()
    check = made.open()
    try:
        assert check.ctx.store.package_count() == 1 and check.ctx.store.clip_count() == 4
    finally:
        check.close()


def test_the_desk_on_no_bureau_home_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tui.bureau.__main__ import run; run()",
            "--home",
            str(tmp_path / "none"),
            "--lang",
            "en",
        ],
        capture_output=True,
        env=env(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"{tmp_path / 'none'} is not a bureau home (no bureau.toml): run bwc-bureau init first.\n"
    )
