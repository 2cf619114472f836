"""Sealed packages (DESIGN §10): clean ones verify, every mutation is refused for its reason.

BWC_PACKAGE_MUTATIONS sets the number of random mutations (default 1,000, a few seconds).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from appliance.adapters.bag_reader import verify_package
from appliance.adapters.signer import FileSigner
from appliance.domain.packages import PackageFault
from tests.cli_run import bwc, env, events
from tests.release.homes import WEEK, open_home, person, release_home, release_template
from tests.release.mutations import MUTATIONS, moved

__all__ = ["release_home", "release_template"]

MUTATION_COUNT = int(os.environ.get("BWC_PACKAGE_MUTATIONS", "1000"))


@pytest.fixture(scope="module")
def sealed(release_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One hand-over package of W48 and the home that made it (home, package)."""
    root = tmp_path_factory.mktemp("sealed")
    home = root / "home"
    shutil.copytree(release_template, home)
    services = open_home(home)
    services.handover.create(person(services, "3001"), WEEK, root / "pkg")
    services.close()
    return home, root / "pkg"


def _public_key(home: Path) -> str:
    return (home / "keys" / "audit.pub").read_text().strip()


def test_a_clean_package_verifies_and_holds_what_design_says(sealed: tuple[Path, Path]) -> None:
    home, package = sealed
    report = verify_package(package, _public_key(home))
    assert (report.kind, report.period, report.files, report.key_given) == (
        "handover",
        WEEK,
        4,
        True,
    )
    payload = sorted(p.relative_to(package).as_posix() for p in (package / "data").rglob("*.MP4"))
    assert [p.split("/")[1] for p in payload] == ["2026-11-25"] * 4  # data/<day>/<officer>/
    clips = json.loads((package / "metadata" / "clips.json").read_text())
    assert sorted(c["path"] for c in clips) == payload
    assert {c["classification"] for c in clips} == {"normal"}
    assert (package / "bagit.txt").read_text().startswith("BagIt-Version: 1.0\n")
    info = (package / "bag-info.txt").read_text()
    assert "Bwc-Unit: DEMO01" in info and f"Bwc-Period: {WEEK}" in info
    # Under the final name only the complete package: no partial sibling is left.
    assert [p.name for p in package.parent.iterdir() if p.name.startswith(".")] == []


def test_package_verify_runs_with_no_home_and_loads_no_database(
    sealed: tuple[Path, Path], tmp_path: Path
) -> None:
    home, package = sealed
    key_file = tmp_path / "unit.pub"
    key_file.write_text(_public_key(home) + "\n")
    script = (
        "import sys\n"
        "from appliance.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "assert 'peewee' not in sys.modules and 'appliance.store' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    clean = {k: v for k, v in env().items() if k != "BWC_HOME"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "package",
            "verify",
            str(package),
            "--public-key",
            str(key_file),
            "--lang",
            "en",
            "--home",
            str(tmp_path / "no-such-home"),
        ],
        capture_output=True,
        env=clean,
        check=False,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "is sound: 4 files" in out and "Signed with the unit key you gave" in out


def test_a_mutated_package_is_one_line_exit_1_through_bwc(
    sealed: tuple[Path, Path], tmp_path: Path
) -> None:
    _home, package = sealed
    copy = tmp_path / package.name
    shutil.copytree(package, copy, symlinks=True)
    victim = sorted((copy / "data").rglob("*.MP4"))[0]
    victim.chmod(0o640)
    data = victim.read_bytes()
    victim.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    line = bwc("package", "verify", str(copy), "--lang", "en").failure(1)
    assert line.startswith("A footage file of the package was changed: data/2026-11-25/")
    unsigned = bwc("package", "verify", str(tmp_path / "nothing"), "--lang", "en").failure(1)
    assert unsigned.startswith("Not a package:")


def test_the_mutation_suite(sealed: tuple[Path, Path], tmp_path: Path) -> None:
    """≥ 1,000 random mutations refused, each for its reason; clean copies verify (§10)."""
    home, package = sealed
    key = _public_key(home)
    signer = FileSigner(home / "keys", "audit")
    rng = random.Random(20261130)
    # Copies are made and thrown away a thousand times: in memory where the box has it.
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        tmp_path = Path(tempfile.mkdtemp(prefix="bwc-mutations-", dir=shm))
    seen: Counter[str] = Counter()
    clean = 0
    try:
        for trial in range(MUTATION_COUNT):
            copy = tmp_path / f"t{trial}" / package.name
            shutil.copytree(package, copy, symlinks=True)
            if trial % 10 == 0:
                assert verify_package(copy, key).files == 4
                clean += 1
            mutation = MUTATIONS[trial % len(MUTATIONS)] if trial < 50 else rng.choice(MUTATIONS)
            mutation.apply(copy, rng, signer.sign, key)
            target = moved(copy) if mutation.name == "renamed_copy" else copy
            with pytest.raises(PackageFault) as fault:
                verify_package(target, key)
            assert fault.value.code in mutation.reasons, (trial, mutation.name, fault.value.code)
            seen[mutation.name] += 1
            shutil.rmtree(target.parent)
    finally:
        if tmp_path.parent == shm:
            shutil.rmtree(tmp_path, ignore_errors=True)
    assert sum(seen.values()) == MUTATION_COUNT and set(seen) == {m.name for m in MUTATIONS}
    assert clean == (MUTATION_COUNT + 9) // 10
    print(f"mutations refused: {sum(seen.values())}, clean verified: {clean}", dict(seen))


def test_re_signing_with_another_key_verifies_only_without_the_unit_key(
    sealed: tuple[Path, Path], tmp_path: Path
) -> None:
    home, package = sealed
    copy = tmp_path / package.name
    shutil.copytree(package, copy)
    MUTATIONS[9].apply(copy, random.Random(1), FileSigner(home / "keys", "audit").sign, "")
    assert MUTATIONS[9].name == "resign_other_key"
    # Without the unit key, the forger's own key signs the tags but not the checkpoint.
    with pytest.raises(PackageFault) as fault:
        verify_package(copy)
    assert fault.value.code == "package.checkpoint_bad"
    line = bwc(
        "package",
        "verify",
        str(copy),
        "--public-key",
        str(home / "keys" / "audit.pub"),
        "--lang",
        "en",
    ).failure(1)
    assert line.startswith("The package was signed with key ")


def test_sealing_is_audited_and_the_state_still_verifies(sealed: tuple[Path, Path]) -> None:
    home, _package = sealed
    logged = [e for e in events(home) if e.action == "package_sealed"]
    assert len(logged) == 1
    detail = json.loads(logged[0].detail_json)
    assert detail["kind"] == "handover" and len(detail["clips"]) == 4
    assert [change[0] for change in detail["changes"]].count("package_clip") == 4
