"""The dependency direction of DESIGN §2: appliance never pulls in textual, rich or tui."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import api
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import Contract

import appliance

ROOT = Path(__file__).resolve().parents[2]
# As lint-imports reads it (the public API also configures import-linter's settings).
CONFIGURATION = api.read_configuration(str(ROOT / "pyproject.toml"))
SESSION: dict[str, Any] = CONFIGURATION["session_options"]
CONTRACTS: list[dict[str, Any]] = CONFIGURATION["contracts_options"]
CONTRACT_TYPES: dict[str, type[Contract]] = {
    "forbidden": ForbiddenContract,
    "layers": LayersContract,
}

# For each contract, imports it must refuse: one planted at a time into the real graph. A
# contract that no planted import breaks could not fail, and is a defect.
PLANTED: dict[str, list[tuple[str, str]]] = {
    "appliance never imports the UI layer": [
        ("appliance.services.custody", "textual"),
        ("appliance.store.db", "tui.app"),
    ],
    "domain is pure": [
        ("appliance.domain.records", "appliance.store.db"),
        ("appliance.domain.custody", "peewee"),
    ],
    "layers: tui, services, store | adapters, domain": [
        # A lower layer reaching up, directly or through a root that wires everything.
        ("appliance.store.people", "appliance.services.custody"),
        ("appliance.domain.records", "appliance.services.custody"),
        ("appliance.services.custody", "tui.app"),
        ("appliance.store.custody", "appliance.bootstrap"),
        # Store and adapters are independent siblings.
        ("appliance.store.db", "appliance.adapters.clock"),
        ("appliance.adapters.simulator", "appliance.store.recorders"),
    ],
    "peewee only in appliance.store": [
        ("appliance.services.custody", "peewee"),
        ("appliance.adapters.archive_fs", "peewee"),
        ("tui.screens.home", "peewee"),
    ],
    "tui never imports appliance.store, appliance.adapters or appliance.demo": [
        ("tui.screens.home", "appliance.store.people"),
        ("tui.app", "appliance.adapters.demo_recorders"),
        ("tui.screens.idle", "appliance.demo"),
    ],
}


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


def test_import_linter_keeps_every_contract_in_pyproject() -> None:
    """`lint-imports` checks as many contracts as pyproject lists, and keeps them all."""
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    counted = re.search(r"Contracts: (\d+) kept, (\d+) broken\.", result.stdout)
    assert counted is not None, result.stdout
    assert (int(counted[1]), int(counted[2])) == (len(CONTRACTS), 0)
    for contract in CONTRACTS:
        assert f"{contract['name']} KEPT" in result.stdout


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """The real import graph, as lint-imports builds it."""
    return grimp.build_graph(
        *SESSION["root_packages"], include_external_packages=SESSION["include_external_packages"]
    )


def contract_named(name: str) -> Contract:
    [options] = [contract for contract in CONTRACTS if contract["name"] == name]
    return CONTRACT_TYPES[options["type"]](name, SESSION, options)


def test_every_contract_has_imports_it_must_refuse() -> None:
    assert set(PLANTED) == {contract["name"] for contract in CONTRACTS}


def planted() -> Iterator[tuple[str, str, str]]:
    for name, imports in PLANTED.items():
        for importer, imported in imports:
            yield name, importer, imported


def kept(contract: Contract, graph: grimp.ImportGraph) -> bool:
    """Check on a copy, as lint-imports does: a contract removes its ignored imports."""
    return contract.check(deepcopy(graph), verbose=False).kept


@pytest.mark.parametrize(("name", "importer", "imported"), list(planted()))
def test_a_planted_import_breaks_its_contract(
    graph: grimp.ImportGraph, name: str, importer: str, imported: str
) -> None:
    """Each contract is kept by the code as it is, and broken by one import against it."""
    contract = contract_named(name)
    assert kept(contract, graph)
    assert not graph.direct_import_exists(importer=importer, imported=imported)
    planted_graph = deepcopy(graph)
    planted_graph.add_import(importer=importer, imported=imported)
    assert not kept(contract, planted_graph)


def _modules_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_migrations_never_import_the_models() -> None:
    """STYLE rule 8: a migration is frozen raw SQL; the models may change after it."""
    for path in (ROOT / "appliance" / "store" / "migrations").glob("*.py"):
        for name in _modules_of(path):
            if name.startswith("appliance.store"):
                assert name.startswith("appliance.store.migrations"), f"{path.name}: {name}"


def test_the_store_speaks_raw_sql_only_where_peewee_cannot() -> None:
    """Repositories run model queries; raw SQL is the migrations', the capture's (state.py)
    and one PRAGMA's. `prepared.py` runs SQL peewee rendered from a model query, never text
    of its own (issue 8: the offload's per-clip statements, built once)."""
    store = ROOT / "appliance" / "store"
    raw = {
        path.name: path.read_text(encoding="utf-8").count("execute_sql(")
        for path in store.glob("*.py")
    }
    assert {name: count for name, count in raw.items() if count} == {
        "audit_log.py": 1,
        "prepared.py": 1,
    }
    assert 'execute_sql("PRAGMA quick_check")' in (store / "audit_log.py").read_text()
    prepared = (store / "prepared.py").read_text(encoding="utf-8")
    assert "database.get_sql_context().sql(query).query()" in prepared
    assert "self._db.execute_sql(self.sql, params)" in prepared
