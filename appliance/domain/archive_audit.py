"""Provides the cross-check of the archive's files against the clip rows (DESIGN §5.1).

Existence and size only: the full re-hash of every file is `bwc fixity verify`.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

FILE_WITHOUT_ROW = "file_without_row"
ROW_WITHOUT_FILE = "row_without_file"
SIZE_DIFFERS = "size_differs"


@dataclass(frozen=True)
class ArchiveFinding:
    """One content whose file and rows disagree."""

    sha256: str
    problem: str
    expected_size: int | None = None
    actual_size: int | None = None


def cross_check(
    on_disk: Mapping[str, int],
    row_sizes: Mapping[str, Set[int]],
    held: Mapping[str, int],
) -> list[ArchiveFinding]:
    """Files with no clip row (nor a quarantine entry), rows with no file, sizes that differ.

    `on_disk` maps every archived content to its file size, `row_sizes` every content some
    clip row names to the sizes those rows give, `held` quarantined content to its size.
    """
    findings = []
    for sha256 in sorted(set(on_disk) | set(row_sizes)):
        actual = on_disk.get(sha256)
        sizes = row_sizes.get(sha256)
        if sizes is None:
            if sha256 in held:
                if held[sha256] != actual:
                    findings.append(ArchiveFinding(sha256, SIZE_DIFFERS, held[sha256], actual))
                continue
            findings.append(ArchiveFinding(sha256, FILE_WITHOUT_ROW, None, actual))
        elif actual is None:
            findings.append(ArchiveFinding(sha256, ROW_WITHOUT_FILE, min(sizes), None))
        elif sizes != {actual}:
            wrong = min(size for size in sizes if size != actual)
            findings.append(ArchiveFinding(sha256, SIZE_DIFFERS, wrong, actual))
    return findings
