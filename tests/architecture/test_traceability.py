"""Regulation traceability (issue 16 item 3): every article 2-16, and each numbered item of
Art. 5, 12 and 16, has a rule that enforces it (`@enforces` in the code) and a test that
proves it (`@pytest.mark.article`), unless the article is out of the box's reach, with why.

The tests' markers are read from their source (an AST scan of tests/), so the check holds the
whole suite to it even when only part of it runs; the rules are read from the registry the
decorators fill as every `appliance` module is imported.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections import defaultdict
from pathlib import Path

import appliance
from appliance.domain.articles import ARTICLES, OUT_OF_REACH, RULES

TESTS = Path(__file__).resolve().parents[1]


def _article_marks(node: ast.AST) -> list[str]:
    """The ids of every `pytest.mark.article(...)` decorating a test function."""
    found: list[str] = []
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return found
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "article"
        ):
            for arg in decorator.args:
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(arg)
                found.append(arg.value)
    return found


def proving_tests() -> dict[str, list[str]]:
    """Article id -> the tests (path::name) marked as proving it."""
    proved: dict[str, list[str]] = defaultdict(list)
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for article in _article_marks(node):
                name = getattr(node, "name", "?")
                proved[article].append(f"{path.relative_to(TESTS.parent)}::{name}")
    return proved


def enforcing_rules() -> dict[str, list[str]]:
    """Article id -> the rules and services tagged as enforcing it (every module imported)."""
    for module in pkgutil.walk_packages(appliance.__path__, "appliance."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return {article: list(names) for article, names in RULES.items()}


def test_every_article_in_reach_has_a_rule_and_a_test() -> None:
    rules, tests = enforcing_rules(), proving_tests()
    missing = [
        f"Art. {article}: "
        + ", ".join(
            what
            for what, have in (("no rule", rules.get(article)), ("no test", tests.get(article)))
            if not have
        )
        for article in ARTICLES
        if article not in OUT_OF_REACH and not (rules.get(article) and tests.get(article))
    ]
    assert missing == [], missing


def test_what_is_out_of_reach_says_why_and_claims_no_rule() -> None:
    rules = enforcing_rules()
    for article, (english, chinese) in OUT_OF_REACH.items():
        assert article in ARTICLES and english.strip() and chinese.strip(), article
        assert rules[article] == [], (article, rules[article])
    # Conduct at the scene (Art. 6) is the issue's own example of what the box cannot see.
    assert "6" in OUT_OF_REACH


def test_every_marker_names_an_article_of_the_regulation() -> None:
    unknown = sorted(set(proving_tests()) - set(ARTICLES))
    assert unknown == []
    assert len(proving_tests()) >= len(ARTICLES) - len(OUT_OF_REACH)


def test_the_scan_finds_a_marker_where_there_is_one() -> None:
    """The AST scan itself: a marked function is found, an unmarked one is not."""
    tree = ast.parse(
        "import pytest\n"
        "@pytest.mark.article('12(3)', '13')\n"
        "def test_marked(): pass\n"
        "def test_plain(): pass\n"
    )
    marks = [_article_marks(node) for node in tree.body]
    assert marks == [[], ["12(3)", "13"], []]
