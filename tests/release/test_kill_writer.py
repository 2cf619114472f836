"""A hand-over writer SIGKILLed at random points never leaves a package that is not whole.

DESIGN §10: packages are written aside and renamed into place when complete. Each trial forks
a real process that arms a timer and SIGKILLs itself when it fires, somewhere between opening
the home and the end of the rename. Under the final name there is then nothing or a package
that verifies; whatever is left under a partial name never verifies. BWC_KILL_TRIALS sets the
number of trials (default 100).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from appliance.adapters.bag_reader import verify_package
from appliance.domain.packages import PackageFault
from tests.cli_run import verify_clean
from tests.release.homes import WEEK, open_home, person, release_home, release_template

__all__ = ["release_home", "release_template"]

TRIALS = int(os.environ.get("BWC_KILL_TRIALS", "100"))


def _killed_at(delay: float) -> None:
    """SIGKILL this very process when the timer fires (no handler can run after it)."""
    signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGKILL))
    if delay > 0:
        signal.setitimer(signal.ITIMER_REAL, delay)


def _write_in_child(home: Path, out: Path, delay: float | None) -> int:
    """Fork a writer; its wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            if delay is not None:
                _killed_at(delay)
            services = open_home(home)
            services.handover.create(person(services, "3001"), WEEK, out)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_killed_writer_leaves_nothing_that_verifies_but_a_whole_package(
    release_home: Path, tmp_path: Path
) -> None:
    key = (release_home / "keys" / "audit.pub").read_text().strip()
    # Not a timing assertion: the span the random kill points are drawn from, the quicker of
    # two whole writes (the first also warms the caches; a busy machine slows either).
    spans = []
    for name in ("whole", "again"):
        started = time.monotonic()
        assert os.WEXITSTATUS(_write_in_child(release_home, tmp_path / name, None)) == 0
        spans.append(time.monotonic() - started)
        assert verify_package(tmp_path / name, key).files == 4
    span = min(spans)
    rng = random.Random(1130)
    outcome = {"killed": 0, "finished": 0, "whole": 0, "absent": 0, "partials": 0}
    for trial in range(TRIALS):
        out = tmp_path / f"pkg-{trial}"
        status = _write_in_child(release_home, out, rng.uniform(0.001, span))
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        outcome["killed" if killed else "finished"] += 1
        if out.exists():
            assert verify_package(out, key).files == 4, trial
            outcome["whole"] += 1
        else:
            assert not killed or not out.is_symlink()
            outcome["absent"] += 1
        for partial in tmp_path.glob(f".pkg-{trial}.partial-*"):
            outcome["partials"] += 1
            with pytest.raises(PackageFault):
                verify_package(partial, key)
    print(outcome)
    assert outcome["killed"] >= TRIALS // 2, outcome  # the points fall inside the write
    assert outcome["whole"] + outcome["absent"] == TRIALS
    # Whatever was killed where, the home's chain and state still verify.
    verify_clean(release_home)
