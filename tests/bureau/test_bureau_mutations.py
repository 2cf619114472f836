"""The package mutation suite of the hand-over issue, run through `bwc-bureau ingest`
(issue 14): every mutated package is refused for its reason, and nothing of any is stored.

BWC_BUREAU_MUTATIONS sets the number of trials per engine (default 100). The trials call
the command's own `main` in this process (the parser, the PIN on standard input, the JSON
line it prints); the real process is `test_bureau_cli.py`'s.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from appliance.adapters.signer import FileSigner
from appliance.cli.bureau import main
from tests.bureau.boxes import UNIT, box_world
from tests.bureau.homes import BureauHome, register
from tests.release.mutations import MUTATIONS, moved

TRIALS = int(os.environ.get("BWC_BUREAU_MUTATIONS", "100"))

# A package re-signed with a key the bureau does not know is verified with that key to learn
# its unit: its checkpoint, still the unit key's, then no longer matches (checkpoint_bad); a
# whole package signed anew would be a unit re-keyed (test_bureau_chain.py).
_KEY_REASONS = frozenset({"bureau.chain_rekeyed", "package.checkpoint_bad"})


def _ingest(
    home: Path, package: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, dict[str, object]]:
    monkeypatch.setattr("sys.stdin", io.StringIO("111111\n"))
    code = main(
        ["--home", str(home), "--json", "--lang", "en", "ingest", str(package), "--badge", "7001"]
    )
    printed = capsys.readouterr()
    assert printed.err == "" and "Traceback" not in printed.out
    return code, json.loads(printed.out)


def test_every_mutated_package_is_refused_and_nothing_is_stored(
    bureau_home: BureauHome,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = box_world()
    register(bureau_home, UNIT, world.key)
    original = world.packages["w48"]
    # The forger holds the unit's own key: the deep checks must catch what they change.
    signer = FileSigner(world.box / "keys", "audit")
    key = world.key.read_text().strip()
    rng = random.Random(20261202)
    seen: Counter[str] = Counter()
    for trial in range(TRIALS):
        copy = tmp_path / f"t{trial}" / original.name
        shutil.copytree(original, copy, symlinks=True)
        mutation = MUTATIONS[trial % len(MUTATIONS)] if trial < 30 else rng.choice(MUTATIONS)
        mutation.apply(copy, rng, signer.sign, key)
        target = moved(copy) if mutation.name == "renamed_copy" else copy
        code, printed = _ingest(bureau_home.home, target, capsys, monkeypatch)
        assert code == 1, (trial, mutation.name, printed)
        rows = printed["packages"]
        assert isinstance(rows, list) and len(rows) == 1
        row: dict[str, object] = rows[0]
        assert row["status"] == "refused"
        allowed = mutation.reasons | (
            _KEY_REASONS if mutation.name in ("resign_other_key", "flip_signature") else frozenset()
        )
        assert row["reason"] in allowed, (trial, mutation.name, row)
        seen[mutation.name] += 1
        shutil.rmtree(target.parent)
    assert sum(seen.values()) == TRIALS
    if TRIALS >= len(MUTATIONS):
        assert set(seen) == {m.name for m in MUTATIONS}
    bureau = bureau_home.open()
    try:
        store = bureau.ctx.store
        assert (store.package_count(), store.clip_count()) == (0, 0)
        assert list(bureau.ctx.archive.contents()) == []
        assert [p.name for p in bureau_home.home.joinpath("staging").iterdir()] == []
        unit = store.unit(UNIT)
        assert unit is not None and unit.held is None
    finally:
        bureau.close()
    # The bureau was able all along: the package itself goes in whole.
    code, printed = _ingest(bureau_home.home, original, capsys, monkeypatch)
    assert code == 0 and printed["packages"][0]["status"] == "ingested"  # type: ignore[index]
    print(f"bureau mutations refused: {sum(seen.values())}", dict(seen))
