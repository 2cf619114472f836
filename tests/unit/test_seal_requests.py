"""The seal helper's request names: `<since>-<token>`, anything else a full sweep (DESIGN §11)."""

from __future__ import annotations

import os
from pathlib import Path

from appliance.adapters.seal import parse_request, request_name


def test_a_request_names_the_oldest_directory_it_changed(tmp_path: Path) -> None:
    for name, mtime in (("aa", 1_700_000_500), ("bb", 1_700_000_100)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_bytes(b"")
        os.utime(tmp_path / name, (mtime, mtime))
    name = request_name([tmp_path / "aa" / "f", tmp_path / "bb" / "f"])
    since, token = name.split("-")
    assert since == "1700000099" and len(token) == 16
    assert parse_request(name) == 1_700_000_099
    # Each request is a run of its own: the same files give another name.
    assert request_name([tmp_path / "aa" / "f"]) != request_name([tmp_path / "aa" / "f"])


def test_anything_else_is_a_full_sweep() -> None:
    for hostile in ("all", "", "12-34", "1700000000-XYZ", "1700000000-0123456789abcdeg",
                    "9" * 13 + "-0123456789abcdef", "-0123456789abcdef"):  # fmt: skip
        assert parse_request(hostile) is None, hostile
