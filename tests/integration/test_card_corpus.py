"""A hostile card: every good clip is offloaded, everything else is listed, audited, left alone.

The unreadable folder is a real kernel refusal: the listing and `bwc offload` run as root
without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv), as the `bwc` service user runs,
so a mode-000 folder cannot be opened (root with every capability would read it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.adapters.recorder_fs import MAX_DEPTH
from appliance.bootstrap import Services
from appliance.demo import DemoBadge
from appliance.i18n import t
from tests.card_corpus import WITHOUT_DAC, Corpus, build_corpus, remove_chain

BWC = Path(sys.executable).parent / "bwc"


def _missing() -> str:
    if os.geteuid() != 0:
        return "needs root to make device nodes and drop capabilities"
    if shutil.which("setpriv") is None:
        return "setpriv (util-linux) is not installed"
    return ""


pytestmark = pytest.mark.skipif(bool(_missing()), reason=_missing() or "ok")


@pytest.fixture
def corpus(tmp_path: Path, generated_clips: dict[str, list[Path]]) -> Iterator[Corpus]:
    off_card = tmp_path / "box"
    off_card.mkdir()
    clips = [path.read_bytes() for path in generated_clips["audio"][:4]]
    built = build_corpus(tmp_path / "card", clips, off_card)
    yield built
    (built.root / "DCIM" / "LOCKED").chmod(0o700)
    remove_chain(built.root / "DCIM")


def test_the_listing_takes_good_clips_and_names_every_other_entry(corpus: Corpus) -> None:
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from appliance.adapters.mass_storage import MassStorageDriver\n"
        "driver = MassStorageDriver(Path(sys.argv[1]), 'DSJ-A001')\n"
        "clips = [c.name for c in driver.clips()]\n"
        "skipped = {e.name: e.reason.value for e in driver.skipped()}\n"
        "print(json.dumps({'clips': clips, 'skipped': skipped}))\n"
    )
    done = subprocess.run(
        [*WITHOUT_DAC, sys.executable, "-c", script, str(corpus.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    listed = json.loads(done.stdout)
    assert listed["clips"] == sorted(corpus.good)
    assert listed["skipped"] == corpus.skipped
    # The chain is cut where the limit says: the folder at level MAX_DEPTH + 1, one entry.
    [deep] = [name for name, reason in corpus.skipped.items() if reason == "too_deep"]
    assert deep.count("/") == MAX_DEPTH + 1


def test_offload_takes_every_good_clip_and_lists_and_audits_the_rest(
    demo: tuple[Services, dict[str, DemoBadge]], corpus: Corpus
) -> None:
    services, _ = demo
    home = services.settings.home

    done = subprocess.run(
        [*WITHOUT_DAC, str(BWC), "--home", str(home), "offload", "--device", "DSJ-A001",
         "--source", str(corpus.root)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    count = len(corpus.skipped)
    assert t("offload.skipped", "en", count=count) in lines
    for name, reason in corpus.skipped.items():
        words = t(f"skip.{reason}", "en", depth=MAX_DEPTH)
        assert f"  {name}: {words}" in lines, name
    # Archived rows are exactly the good files, byte for byte.
    rows = services.clips.listing()
    assert sorted(row.source_name for row in rows) == sorted(corpus.good)
    for row in rows:
        archived = services.offload.archive.path_for(row.sha256).read_bytes()
        assert archived == corpus.good[row.source_name], row.source_name
    [job] = services.store.jobs.recent(1)
    assert (job.state, job.clips_new, job.clips_skipped) == ("done", len(corpus.good), count)
    [event] = [e for e in services.store.audit_log.recent(100) if e.action == "offload_skipped"]
    detail = json.loads(event.detail_json)
    assert event.object_id == str(job.id) and detail["count"] == count
    assert {e["name"]: e["reason"] for e in detail["entries"]} == corpus.skipped
    assert detail["reasons"]["symlink"] == 4 and detail["reasons"]["too_deep"] == 1
    # Clearing took the archived clips and nothing else (DESIGN §4 step 7).
    assert job.clips_cleared == len(corpus.good)
    assert not any((corpus.root / name).exists() for name in corpus.good)
    assert all(os.path.lexists(corpus.root / name) for name in corpus.skipped)
    assert (corpus.root / "DCIM/100MEDIA/KEY.MP4").read_bytes() == b"the box's signing key"
    verified = subprocess.run(
        [str(BWC), "--home", str(home), "audit", "verify"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_card_full_of_pipes_is_shown_capped_and_counted_in_json(
    demo: tuple[Services, dict[str, DemoBadge]], tmp_path: Path
) -> None:
    services, _ = demo
    media = tmp_path / "card" / "DCIM"
    media.mkdir(parents=True)
    (media / "FILE0001.MP4").write_bytes(b"not much of a clip")
    for index in range(25):
        os.mkfifo(media / f"pipe{index:02d}.MP4")
    argv = [str(BWC), "--home", str(services.settings.home), "offload", "--device", "DSJ-A001"]
    argv += ["--source", str(tmp_path / "card"), "--no-clear"]

    text = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)

    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert len([line for line in lines if line.endswith(": a pipe, not a file")]) == 20
    assert "  … and 5 more; the audit log counts them all." in lines
    as_json = subprocess.run([*argv, "--json"], capture_output=True, text=True, timeout=120)
    report = json.loads(as_json.stdout)
    assert report["skipped"] == 25 and report["already_archived"] == 1
    assert [e["reason"] for e in report["skipped_entries"]] == ["fifo"] * 25
