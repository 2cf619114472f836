"""Splits the exported lock into what PyPI has as wheels and what it has only as source.

    python3 images/sdist_only.py uv.lock locked.txt BINARY_OUT SOURCE_OUT

A requirement (with its hash lines) goes to SOURCE_OUT when uv.lock lists no wheel for that
package version; everything else goes to BINARY_OUT unchanged. Standard library only: it runs
on the build host before any environment exists.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def source_only(lock: Path) -> set[tuple[str, str]]:
    """(name, version) of every locked package that has an sdist and no wheel."""
    data = tomllib.loads(lock.read_text(encoding="utf-8"))
    return {
        (_normal(p["name"]), str(p["version"]))
        for p in data.get("package", [])
        if "sdist" in p and not p.get("wheels")
    }


def split(requirements: str, sources: set[tuple[str, str]]) -> tuple[str, str]:
    """The requirement blocks for wheels and for sources, each kept whole."""
    binary: list[str] = []
    source: list[str] = []
    target = binary
    for line in requirements.splitlines(keepends=True):
        match = _REQUIREMENT.match(line)
        if match:
            key = (_normal(match.group(1)), match.group(2))
            target = source if key in sources else binary
        elif not line.startswith((" ", "\t")):
            target = binary
        target.append(line)
    return "".join(binary), "".join(source)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lock, locked, binary_out, source_out = (Path(a) for a in argv)
    binary, source = split(locked.read_text(encoding="utf-8"), source_only(lock))
    binary_out.write_text(binary, encoding="utf-8")
    source_out.write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
