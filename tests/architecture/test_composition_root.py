"""One typed composition root (STYLE 3, issue 8 item 1): keyword-only ports, never `Any`.

The signature is read both ways: the modules' syntax (no `Any` anywhere in the roots) and the
resolved hints of each root (every port after settings keyword-only, or a key of the Ports
TypedDict, typed by a port from appliance.ports, or None to leave the choice to the root).
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import types
import typing
from collections.abc import Callable
from pathlib import Path

import pytest

from appliance import bootstrap, ports
from appliance import demo as demo_root
from appliance.adapters.archive_fs import ArchiveFS
from appliance.adapters.clock import SettableClock
from appliance.adapters.seal import NoSealer
from appliance.bootstrap import (
    Ports,
    Services,
    build_kiosk_services,
    build_services,
    open_services,
)
from appliance.config import Settings
from appliance.ports import DemoBadge

Demo = tuple[Services, dict[str, DemoBadge]]

ROOT = Path(__file__).resolve().parents[2]
ROOTS: list[Callable[..., object]] = [build_services, open_services, build_kiosk_services]


def _any_names(source: str) -> list[int]:
    """Lines that name typing.Any, however it is spelt."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id == "Any":
            found.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr == "Any":
            found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "Any" for a in node.names):
            found.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A string annotation is code too.
            if "Any" in node.value.replace("Any.", "").split():
                found.append(node.lineno)
    return found


@pytest.mark.parametrize(
    "module",
    [
        "appliance/bootstrap.py",
        "appliance/service_set.py",
        "appliance/adapter_choices.py",
        "appliance/demo.py",
    ],
)
def test_the_roots_never_name_any(module: str) -> None:
    assert _any_names((ROOT / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from typing import Any\n",
        "import typing\nx: typing.Any\n",
        "def f(**o: 'Any') -> None: ...\n",
    ],
)
def test_the_any_check_can_fail(source: str) -> None:
    assert _any_names(source) != []


def _contains_any(hint: object) -> bool:
    if hint is typing.Any:
        return True
    return any(_contains_any(arg) for arg in typing.get_args(hint))


def _port_of(hint: object) -> type:
    """The port of an `X | None` hint; fails for anything else."""
    assert typing.get_origin(hint) in (typing.Union, types.UnionType), hint
    arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
    assert len(arms) == 1 and type(None) in typing.get_args(hint), hint
    port: type = arms[0]
    return port


def _chosen_ports(root: Callable[..., object]) -> dict[str, object]:
    """The hint of each port a root lets its caller choose, by keyword.

    A root takes them as keyword-only parameters, or all at once as `**ports: Unpack[Ports]`
    (the keys of the Ports TypedDict); nothing else may follow settings.
    """
    signature = inspect.signature(root)
    hints = typing.get_type_hints(root, vars(bootstrap))
    settings, *rest = signature.parameters.values()
    assert settings.name == "settings" and hints["settings"] is Settings
    chosen: dict[str, object] = {}
    for parameter in rest:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            assert typing.get_origin(hints[parameter.name]) is typing.Unpack, parameter
            (typed,) = typing.get_args(hints[parameter.name])
            assert typed is Ports and not Ports.__required_keys__, parameter
            chosen.update(typing.get_type_hints(Ports))
            continue
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, parameter
        assert parameter.default is None, parameter
        chosen[parameter.name] = hints[parameter.name]
    assert not _contains_any(hints["return"])
    return chosen


@pytest.mark.parametrize("root", ROOTS, ids=lambda root: root.__name__)
def test_every_port_is_a_typed_keyword_only_parameter(root: Callable[..., object]) -> None:
    chosen = _chosen_ports(root)
    assert chosen, "a root with no port to choose"
    for name, hint in chosen.items():
        assert not _contains_any(hint), name
        port = _port_of(hint)
        # A port, from the ports module, and a Protocol: never an adapter class.
        assert getattr(ports, port.__name__, None) is port, name
        assert getattr(port, "_is_protocol", False), name


def test_the_port_check_can_fail() -> None:
    """A root taking an adapter class, or untyped keywords, is caught."""

    def by_adapter(settings: Settings, *, archive: ArchiveFS | None = None) -> None: ...

    def untyped(settings: Settings, **ports: object) -> None: ...

    with pytest.raises(AssertionError):
        for hint in _chosen_ports(by_adapter).values():
            port = _port_of(hint)
            assert getattr(ports, port.__name__, None) is port
    with pytest.raises(AssertionError):
        _chosen_ports(untyped)


def test_build_services_chooses_every_port_services_hold() -> None:
    """Each port the Services carry, or the wiring takes, is a keyword of build_services."""
    names = set(_chosen_ports(build_services))
    assert {"clock", "probe", "archive", "staging", "sealer", "drivers", "disc"} <= names
    assert {"audit_signer", "label_signer", "thumbnailer", "drive_dock"} <= names
    assert set(_chosen_ports(open_services)) == names


def test_make_home_is_typed_too() -> None:
    hints = typing.get_type_hints(demo_root.make_home, vars(demo_root))
    assert not any(_contains_any(hint) for hint in hints.values())
    assert not any(
        p.kind is inspect.Parameter.VAR_KEYWORD
        for p in inspect.signature(demo_root.make_home).parameters.values()
    )


def test_an_archive_given_is_the_archive_the_services_use(
    demo: Demo, clock: SettableClock, tmp_path: Path
) -> None:
    """A content only the given archive holds is what the reconciliation finds (DESIGN §4)."""
    settings = demo[0].settings
    elsewhere = ArchiveFS(tmp_path / "elsewhere", settings.staging_dir, NoSealer("sealing_off"))
    content = b"only in the given archive\n"
    sha256 = hashlib.sha256(content).hexdigest()
    planted = elsewhere.path_for(sha256)
    planted.parent.mkdir(parents=True)
    planted.write_bytes(content)
    services = open_services(settings, archive=elsewhere, clock=clock)
    try:
        assert services.offload.archive is elsewhere
        assert services.offload.reconcile().quarantined == [sha256]
        assert services.store.alarms.quarantined_hashes() == {sha256}
    finally:
        services.close()
    assert not (settings.archive_dir / "sha256" / sha256[:2]).exists()


def test_a_sealer_beside_a_given_archive_is_refused(demo: Demo) -> None:
    """The sealer is the archive's: one passed beside a ready archive would be ignored."""
    settings = demo[0].settings
    archive = ArchiveFS(settings.archive_dir, settings.staging_dir, NoSealer("sealing_off"))
    with pytest.raises(TypeError, match="sealer"):
        open_services(settings, archive=archive, sealer=NoSealer("no_privilege"))
