"""Provides the offload side of the benchmark, run as its own process so its memory is its own.

`python -m bench.runner HOME CARD [CARD...]` offloads each card as one recorder (the demo's
serials, in order), all at once through OffloadService.start, and prints one JSON line.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from appliance import config
from appliance.adapters.mass_storage import MassStorageDriver
from appliance.bootstrap import build_services
from appliance.domain.lifecycle import JobState
from bench.data import RECORDERS


def _peak_rss_mib() -> float:
    """This process's own high-water mark of resident memory (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Offload the cards in parallel and report seconds and outcome."""
    home = Path(argv[0])
    cards = [Path(a) for a in argv[1:]]
    services = build_services(config.load(home, home / "kiosk.toml"))
    services.offload.reconcile()
    started = time.monotonic()
    jobs = [
        services.offload.start(MassStorageDriver(card, serial), serial, clear=False)
        for card, serial in zip(cards, RECORDERS, strict=False)
    ]
    results = [services.offload.wait(job) for job in jobs]
    seconds = time.monotonic() - started
    services.offload.shutdown()
    # The prober's workers are reaped here, so their peak counts among the children's.
    services.close()
    print(
        json.dumps(
            {
                "peak_rss_mib": _peak_rss_mib(),
                "probe_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "seconds": seconds,
                "states": [r.state.value for r in results],
                "clips": sum(r.clips_new + r.clips_existing for r in results),
                "bytes": sum(r.bytes_done for r in results),
            }
        )
    )
    return 0 if all(r.state is JobState.DONE for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
