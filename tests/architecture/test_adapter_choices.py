"""Adapters are chosen in the composition roots only (STYLE 3, issue 8 item 2).

Outside `appliance/adapters/`, the roots (`appliance/bootstrap.py` with its defaults in
`appliance/adapter_choices.py`, and the demo's `appliance/demo.py`),
no module of `appliance` or `tui` imports a class, or any other name, from `appliance.adapters`
but the ones listed here with their reason. The walk reads every import statement (also those
inside functions and under TYPE_CHECKING), so a deferred import is found as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROOTS = {
    "appliance/bootstrap.py",
    "appliance/adapter_choices.py",
    "appliance/demo.py",
    "appliance/bureau_root.py",
}

# Constants, each with why a module outside the roots may read it; no class, no function.
ALLOWED: dict[str, set[str]] = {
    # The depth the card listing stops at, named in the sentence for a folder too deep.
    "appliance.adapters.recorder_fs": {"MAX_DEPTH"},
    # Where bwc-mount@ mounts cards on the box: the default of `--media-root`.
    "appliance.adapters.mount": {"MEDIA_ROOT"},
}


def checked_modules() -> list[Path]:
    """Every module of appliance and tui that is not an adapter or a root."""
    found = []
    for package in ("appliance", "tui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("appliance/adapters/") or relative in ROOTS:
                continue
            found.append(path)
    return found


def _absolute(node: ast.ImportFrom, path: Path, root: Path) -> str:
    """The module an ImportFrom names, relative imports resolved against the file's package."""
    if not node.level:
        return node.module or ""
    package = path.relative_to(root).with_suffix("").parts[: -node.level]
    return ".".join([*package, *([node.module] if node.module else [])])


def adapter_imports(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) for every name the file takes from appliance.adapters."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "appliance.adapters" or alias.name.startswith(
                    "appliance.adapters."
                ):
                    # `import appliance.adapters.x` reaches every name in it: never allowed.
                    yield node.lineno, alias.name, "*"
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, path, root)
            if module == "appliance":
                for alias in node.names:
                    if alias.name == "adapters":
                        yield node.lineno, "appliance.adapters", "*"
            elif module == "appliance.adapters" or module.startswith("appliance.adapters."):
                for alias in node.names:
                    yield node.lineno, module, alias.name


def offences(path: Path, root: Path = ROOT) -> list[str]:
    """What the file imports from the adapters beyond the allowed names."""
    return [
        f"{path.relative_to(root)}:{line} imports {name} from {module}"
        for line, module, name in adapter_imports(path, root)
        if name not in ALLOWED.get(module, set())
    ]


def test_no_module_outside_the_roots_chooses_an_adapter() -> None:
    modules = checked_modules()
    # The walk sees the whole tree: the CLI package, the services and the kiosk.
    names = {path.relative_to(ROOT).as_posix() for path in modules}
    assert {"appliance/cli/footage.py", "appliance/services/dock.py", "tui/app.py"} <= names
    found = [offence for path in modules for offence in offences(path)]
    assert found == []


def test_every_allowed_name_is_still_imported_somewhere() -> None:
    """A listed exception nobody needs any more is taken off the list, not left open."""
    used = {
        (module, name) for path in checked_modules() for _, module, name in adapter_imports(path)
    }
    stale = {(module, name) for module, names in ALLOWED.items() for name in names} - used
    assert stale == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from appliance.adapters.mass_storage import MassStorageDriver\n", 1),
        ("def f():\n    from appliance.adapters.udev import UdevWatcher\n", 1),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from appliance.adapters.demo_recorders import DemoHands\n",
            1,
        ),  # fmt: skip
        ("import appliance.adapters.seal\n", 1),
        ("from appliance import adapters\n", 1),
        ("from ..adapters.signer import public_key_from_b64\n", 1),
        ("from appliance.adapters.mount import MEDIA_ROOT, CommandMounter\n", 1),
        ("from appliance.adapters.mount import MEDIA_ROOT\n", 0),
        ("from appliance.ports import DriverFactory\n", 0),
    ],
)
def test_the_walk_finds_every_form_of_import(tmp_path: Path, source: str, expected: int) -> None:
    """The check itself can fail: each way of naming an adapter is caught."""
    module = tmp_path / "appliance" / "services" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text(source, encoding="utf-8")
    found = offences(module, tmp_path)
    assert len(found) == expected, found
