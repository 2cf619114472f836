"""Provides `python -m bench`: cp, rsync+sha256sum and bwc offload on the same data, cold."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from appliance.demo import make_home
from bench import checkpoint, handover
from bench.data import build, card_path, split_cards

OUT = Path(__file__).resolve().parent / "out"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Figure:
    """One method's time over the data, and the CPU time it spent (with its children)."""

    name: str
    seconds: float
    total_bytes: int
    peak_rss_mib: float | None = None
    cpu_seconds: float = 0.0

    @property
    def mb_per_second(self) -> float:
        """Throughput in MB/s (10^6 bytes)."""
        return self.total_bytes / self.seconds / 1e6


def drop_caches() -> str:
    """Write back and drop the page cache so every run starts cold; '' or why it cannot."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        return f"page cache not dropped ({exc.strerror}): figures are warm-cache"
    return ""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cores_at_work() -> float:
    """How much faster two CPU-bound processes finish than one (2.0 on two free cores)."""
    script = "import hashlib; hashlib.sha256(bytes(300 * 2**20)).digest()"
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", script], check=True)
    one = time.monotonic() - started
    started = time.monotonic()
    pair = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * one / (time.monotonic() - started)


def run_cp(source: Path, total: int) -> Figure:
    """cp -r then sync."""
    target = OUT / "cp"
    shutil.rmtree(target, ignore_errors=True)
    drop_caches()
    cpu = _children_cpu()
    started = time.monotonic()
    subprocess.run(["cp", "-r", str(source), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    seconds = time.monotonic() - started
    return Figure("cp -r + sync", seconds, total, cpu_seconds=_children_cpu() - cpu)


def run_rsync(source: Path, total: int) -> Figure:
    """rsync -a, sync, then sha256sum over the copy: what an IT person would script."""
    target = OUT / "rsync"
    shutil.rmtree(target, ignore_errors=True)
    drop_caches()
    cpu = _children_cpu()
    started = time.monotonic()
    subprocess.run(["rsync", "-a", f"{source}/", f"{target}/"], check=True)
    subprocess.run(["sync"], check=True)
    files = sorted(str(p) for p in target.rglob("*.MP4"))
    subprocess.run(["sha256sum", *files], check=True, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    name = "rsync -a + sync + sha256sum"
    return Figure(name, seconds, total, cpu_seconds=_children_cpu() - cpu)


def run_offload(name: str, cards: list[Path], total: int) -> Figure:
    """The offload service (copy, fsync, link, evict, re-hash, probe, commit), own process."""
    home = OUT / "home"
    shutil.rmtree(home, ignore_errors=True)
    services, _ = make_home(home, language="en")
    services.close()
    drop_caches()
    cpu = _children_cpu()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.runner", str(home), *map(str, cards)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    output = process.stdout.read() if process.stdout else b""
    process.wait()
    result = json.loads(output.decode().strip().splitlines()[-1])
    if process.returncode != 0 or result["clips"] == 0:
        raise SystemExit(f"offload failed: {result}")
    # The offload process's own peak; ffprobe children are separate processes, shown apart.
    print(f"  ({name}: ffprobe children peaked at {result['probe_peak_rss_mib']:.0f} MiB)")
    spent = _children_cpu() - cpu
    return Figure(name, float(result["seconds"]), total, float(result["peak_rss_mib"]), spent)


def main(sections: list[str]) -> int:
    """Run the named sections (offload, checkpoint, handover; default all), side by side."""
    OUT.mkdir(exist_ok=True)
    results: dict[str, object] = {}
    if not sections or "offload" in sections:
        results["offload"] = offload_section()
    if not sections or "checkpoint" in sections:
        print()
        results["checkpoint"] = checkpoint.run(OUT)
    if not sections or "handover" in sections:
        print()
        results["handover"] = handover.run(OUT)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    return 0


def offload_section() -> dict[str, object]:
    """Build the data, run every copying method cold, print the figures side by side."""
    clips, total = build(OUT)
    note = drop_caches()
    source = card_path(OUT)
    figures = [
        run_cp(source, total),
        run_rsync(source, total),
        run_offload("bwc offload, 1 recorder", [source], total),
        run_offload("bwc offload, 4 recorders in parallel", split_cards(OUT), total),
    ]
    cp, rsync, one, four = figures
    cores = cores_at_work()
    print(
        f"data: {clips} clips, {total / 2**30:.2f} GiB; {os.cpu_count()} CPUs, two CPU-bound"
        f" processes run {cores:.2f}x as fast as one"
    )
    if note:
        print(note)
    print(f"{'method':<40} {'seconds':>8} {'MB/s':>8} {'x cp':>6} {'CPU s':>7}")
    for figure in figures:
        print(
            f"{figure.name:<40} {figure.seconds:8.2f} {figure.mb_per_second:8.1f}"
            f" {cp.seconds / figure.seconds:6.2f} {figure.cpu_seconds:7.1f}"
        )
    peak = max(f.peak_rss_mib or 0.0 for f in figures)
    checks = {
        "offload >= 0.8 x cp": cp.seconds / one.seconds >= 0.8,
        "offload >= 1.5 x rsync+sha256sum": rsync.seconds / one.seconds >= 1.5,
        "4 recorders >= 1.5 x 1 recorder": one.seconds / four.seconds >= 1.5,
        "peak memory <= 200 MiB": peak <= 200,
    }
    print(f"peak memory of the offload process: {peak:.0f} MiB")
    for label, met in checks.items():
        print(f"  {'met' if met else 'NOT met'}: {label}")
    result: dict[str, object] = {
        "figures": [
            {
                "name": f.name,
                "seconds": f.seconds,
                "mb_s": f.mb_per_second,
                "peak_rss_mib": f.peak_rss_mib,
                "cpu_seconds": f.cpu_seconds,
            }
            for f in figures
        ],
        "targets": checks,
        "two_process_speedup": cores,
        "note": note,
    }
    for path in (OUT / "cp", OUT / "rsync", OUT / "home"):
        shutil.rmtree(path, ignore_errors=True)
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
