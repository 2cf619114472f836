"""Fixtures of the bureau suite: every test that takes `bureau_home` runs on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bureau.homes import ENGINES, BureauHome, database_url, make_bureau
from tests.pg_cluster import pg_cluster

__all__ = ["pg_cluster"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql': the whole bureau suite runs on each (issue 14)."""
    return str(request.param)


@pytest.fixture
def bureau_home(request: pytest.FixtureRequest, engine: str, tmp_path: Path) -> BureauHome:
    """A fresh bureau home with its four people, on the engine of the test."""
    return make_bureau(tmp_path / "bureau", database_url(request, engine), engine)
