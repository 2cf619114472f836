"""The kiosk never reads a private key (DESIGN §6): it verifies labels with the public halves.

The kiosk user cannot read `keys/*.key` on the box; here the private keys are moved out of the
home altogether, and a whole visit (a signed badge label, PIN, sign-out, return, sign-off)
still works on the services the kiosk builds for itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.widgets import Checkbox, OptionList

from appliance.adapters.clock import SettableClock
from appliance.adapters.signer import PublicKeySigner, SigningKeyNotHere
from appliance.bootstrap import Services, build_kiosk_services
from appliance.demo import DemoBadge
from appliance.domain.checks import ALL_ITEMS
from appliance.domain.custody import RecorderState
from appliance.domain.scan import CodeKind
from tests.tui.helpers import scan, settle, state_of
from tests.tui.test_sign_in import paste_scan
from tui.app import create_app
from tui.dialogs.pin import PinDialog
from tui.screens.dock import DockScreen
from tui.screens.done import DoneScreen
from tui.screens.home import OfficerHomeScreen
from tui.screens.idle import IdleScreen

TUI = Path(__file__).resolve().parents[2] / "tui"


async def test_a_whole_visit_works_with_the_private_keys_out_of_reach(
    demo: tuple[Services, dict[str, DemoBadge]], clock: SettableClock, tmp_path: Path
) -> None:
    services, badges = demo
    # Labels are printed by the service (`bwc label`), which holds the key.
    badge_label = services.labels.text(CodeKind.BADGE, "1001")
    device_label = services.labels.text(CodeKind.DEVICE, "DSJ-A001")
    away = tmp_path / "keys-kept-by-the-service"
    away.mkdir()
    for key in services.settings.keys_dir.glob("*.key"):
        key.rename(away / key.name)
    assert not list(services.settings.keys_dir.glob("*.key"))

    kiosk = build_kiosk_services(services.settings, clock=clock)

    assert isinstance(kiosk.ctx.label_signer, PublicKeySigner)
    assert isinstance(kiosk.ctx.audit_signer, PublicKeySigner)
    with pytest.raises(SigningKeyNotHere, match="signs only in the service"):
        kiosk.labels.text(CodeKind.BADGE, "1001")
    app = create_app(kiosk, list(badges.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        await scan(pilot, badge_label)  # the signature is checked with label.pub
        assert isinstance(app.screen, PinDialog)
        await scan(pilot, badges["1001"].pin)
        assert isinstance(app.screen, OfficerHomeScreen)
        await pilot.click("#sign-out")
        await settle(pilot)
        await paste_scan(pilot, device_label)
        for item in ALL_ITEMS:
            app.screen.query_one(f"#item-{item.value}", Checkbox).value = True
        await pilot.pause()
        await pilot.click("#confirm")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        assert state_of(kiosk, "DSJ-A001") is RecorderState.SIGNED_OUT
        await pilot.click("#menu")
        await settle(pilot)
        await pilot.click("#return")
        await settle(pilot)
        options = app.screen.query_one("#returnable", OptionList)
        options.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DockScreen)
        await pilot.click("#done")
        await settle(pilot)
        await pilot.click("#sign-off")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
    visit = [
        (e.action, e.object_id, e.outcome) for e in reversed(services.store.audit_log.recent(4))
    ]
    assert visit == [
        ("sign_in", "1001", "ok"),
        ("sign_out", "DSJ-A001", "ok"),
        ("return", "DSJ-A001", "ok"),
        ("sign_off", "1001", "ok"),
    ]
    assert state_of(kiosk, "DSJ-A001") is RecorderState.AVAILABLE


# What would let kiosk code build a signer with the private key, or read one.
FORBIDDEN_NAMES = {"FileSigner", "create_keys", "build_services", "keys_dir"}


def test_nothing_in_tui_can_reach_a_private_key() -> None:
    """The kiosk builds its services with build_kiosk_services only, and names no key file."""
    offenders = []
    for path in sorted(TUI.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "appliance.adapters.signer":
                offenders.append(f"{path.name}: imports the signer adapter")
            if isinstance(node, ast.alias | ast.Name | ast.Attribute):
                name = (
                    node.name
                    if isinstance(node, ast.alias)
                    else node.id
                    if isinstance(node, ast.Name)
                    else node.attr
                )
                if name in FORBIDDEN_NAMES:
                    offenders.append(f"{path.name}: {name}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if ".key" in node.value:
                    offenders.append(f"{path.name}: names a .key file")
    assert offenders == []
    assert "build_kiosk_services" in (TUI / "__main__.py").read_text(encoding="utf-8")
