"""Provides the file systems the failure tests need: a small tmpfs, a read-only bind mount.

Both need root (as on the CI machine); elsewhere the tests that use them skip, saying why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def need_root() -> None:
    """Skip unless root, with the one-line reason DESIGN §9 asks for."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs and a read-only bind mount")


def _mount(*argv: str) -> None:
    done = subprocess.run(["mount", *argv], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mount {' '.join(argv)} failed: {done.stderr.strip()}")


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextmanager
def small_tmpfs(target: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of `size` at target, unmounted afterwards."""
    need_root()
    target.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target))
    try:
        yield target
    finally:
        _unmount(target)


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """source, seen read-only at target (a bind mount remounted ro)."""
    need_root()
    target.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(target))
    try:
        _mount("-o", "remount,bind,ro", str(target))
        yield target
    finally:
        _unmount(target)


def fill(directory: Path) -> Path:
    """Fill the file system holding directory to the last byte; the filler file."""
    filler = directory / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 1 << 12, 1):
            while True:
                try:
                    os.write(descriptor, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(descriptor)
    return filler
