"""The dependency direction of DESIGN §2: appliance never pulls in textual, rich or tui."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import appliance

ROOT = Path(__file__).resolve().parents[2]


def appliance_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(appliance.__path__, "appliance.")
        if info.name != "appliance.__main__"
    )


def test_importing_every_appliance_module_loads_no_ui() -> None:
    modules = appliance_modules()
    assert "appliance.cli" in modules and "appliance.store.db" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""


# DESIGN §2, STYLE 1: the domain does no I/O and reads no clock, so these never appear there.
IMPURE_MODULES = frozenset(
    {"asyncio", "io", "os", "pathlib", "random", "secrets", "shutil", "socket", "sqlite3",
     "subprocess", "tempfile", "threading", "time", "uuid"}
)  # fmt: skip
CLOCK_ATTRIBUTES = frozenset({"now", "utcnow", "today"})
IO_BUILTINS = frozenset({"open", "print", "input", "exec", "eval", "__import__"})


def _imported(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """Every module an import statement may load, relative ones resolved against package."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1])
        source = f"{base}.{node.module}" if node.module else base
    else:
        source = node.module or ""
    # `from pkg import name` may load the module pkg.name.
    return [source] + [f"{source}.{alias.name}" for alias in node.names if alias.name != "*"]


def impurities(source: str, package: str = "appliance.domain") -> list[str]:
    """What in a domain module's source breaks the purity rule; empty when it is pure."""
    found = []
    stdlib = set(sys.stdlib_module_names)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in _imported(node, package):
                root = name.split(".")[0]
                if root == "__future__":
                    continue
                if root == "appliance":
                    if name != "appliance.domain" and not name.startswith("appliance.domain."):
                        found.append(f"imports {name}")
                elif root not in stdlib:
                    found.append(f"imports {name} (not the standard library)")
                elif root in IMPURE_MODULES:
                    found.append(f"imports {name} (I/O or the clock)")
        elif isinstance(node, ast.Attribute) and node.attr in CLOCK_ATTRIBUTES:
            found.append(f"reads the clock (.{node.attr})")
        elif isinstance(node, ast.Name) and node.id in IO_BUILTINS:
            found.append(f"uses {node.id}")
    return found


@pytest.mark.parametrize(
    "source",
    [
        "from .. import store",
        "from ..store import db",
        "import appliance.adapters.clock",
        "from appliance import services",
        "import peewee",
        "import time",
        "from time import monotonic",
        "import os.path",
        "from datetime import datetime\nnow = datetime.now",
        "import datetime\nx = datetime.datetime.utcnow()",
        "from datetime import date\nx = date.today()",
        "x = open('f')",
        "print('x')",
    ],
)
def test_the_purity_check_catches(source: str) -> None:
    assert impurities(source), source


def test_the_purity_check_passes_pure_code() -> None:
    pure = (
        "from __future__ import annotations\n"
        "from datetime import datetime, timedelta\n"
        "from . import errors\n"
        "from .roles import Role\n"
        "from appliance.domain.records import Person\n"
        "import hashlib, json.encoder\n"
        "def later(now: datetime) -> datetime:\n"
        "    return now + timedelta(seconds=1)\n"
    )
    assert impurities(pure) == []


def test_domain_is_pure() -> None:
    """STYLE rule 1: domain imports only the standard library and itself; no clock, no I/O."""
    modules = sorted((ROOT / "appliance" / "domain").glob("*.py"))
    assert len(modules) >= 15 and ROOT / "appliance" / "domain" / "custody.py" in modules
    found = {
        path.name: problems
        for path in modules
        if (problems := impurities(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_import_linter_contracts_hold() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(ROOT / "pyproject.toml", "rb") as stream:
        contracts = tomllib.load(stream)["tool"]["importlinter"]["contracts"]
    # DESIGN §2: both directions are contracts; a dropped one must not pass as "kept".
    names = [str(contract["name"]) for contract in contracts]
    assert names == ["appliance never imports the UI layer", "domain is pure"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout, result.stdout
    for name in names:
        assert f"{name} KEPT" in result.stdout, name
