"""Fixtures of the evidence disc tests: one home with a case, built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.discs.homes import make_disc_template


@pytest.fixture(scope="session")
def disc_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (scrypt, ffmpeg and the offload are slow); copied for each test."""
    return make_disc_template(tmp_path_factory.mktemp("disc"))


@pytest.fixture
def disc_home(disc_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the template home."""
    home = tmp_path / "home"
    shutil.copytree(disc_template, home)
    yield home
