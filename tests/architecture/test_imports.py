"""The dependency direction of DESIGN §2: appliance never pulls in textual, rich or tui."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

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


def test_domain_is_pure() -> None:
    """STYLE rule 1: domain imports only the standard library and itself; no clock reads."""
    allowed_roots = set(sys.stdlib_module_names) | {"appliance"}
    for path in (ROOT / "appliance" / "domain").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                names = []
            for name in names:
                assert name.split(".")[0] in allowed_roots, f"{path.name} imports {name}"
                assert not name.startswith(("appliance.store", "appliance.adapters")), path.name
        source = path.read_text(encoding="utf-8")
        assert "datetime.now(" not in source and "time.time(" not in source, path.name


def test_import_linter_contracts_hold() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout or "kept, 0 broken" in result.stdout


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_peewee_stays_in_the_store() -> None:
    """STYLE rule 8: only appliance.store speaks to peewee."""
    store = ROOT / "appliance" / "store"
    for package in ("appliance", "tui"):
        for path in (ROOT / package).rglob("*.py"):
            if store in path.parents:
                continue
            assert not any(n.split(".")[0] == "peewee" for n in _imported(path)), path


def test_migrations_never_import_the_models() -> None:
    """STYLE rule 8: a migration is frozen raw SQL; the models may change after it."""
    for path in (ROOT / "appliance" / "store" / "migrations").glob("*.py"):
        for name in _imported(path):
            if name.startswith("appliance.store"):
                assert name.startswith("appliance.store.migrations"), f"{path.name}: {name}"


def test_the_store_speaks_raw_sql_only_where_peewee_cannot() -> None:
    """Repositories run model queries; raw SQL is the migrations', the capture's (state.py)
    and one PRAGMA's."""
    store = ROOT / "appliance" / "store"
    raw = {
        path.name: path.read_text(encoding="utf-8").count("execute_sql(")
        for path in store.glob("*.py")
    }
    assert {name: count for name, count in raw.items() if count} == {"audit_log.py": 1}
    assert 'execute_sql("PRAGMA quick_check")' in (store / "audit_log.py").read_text()
