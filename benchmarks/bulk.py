"""A bulk build as users run it: ``merge --into NEW.sqlite`` against ``merge -o``, whole processes.

    python -m benchmarks.catalog --bulk 200000 1000000       # sizes in records
    python -m benchmarks.catalog --bulk 200000 --repeat 3

For each size N, the first N records of the seeded series (``generate_snapshots``: dumps of
400 records every six hours) are written once as dump files (cached). Then, round by round so
that a neighbour's load falls on both alike, two fresh child processes run on them:

    faqparse merge FILES -o memory.jsonl                     # the in-memory merge
    faqparse merge FILES --into NEW.sqlite -o touched.jsonl  # the bulk build of a new catalog

Both parse every file and write every article (a new catalog's run touches them all), so
the ratio is the catalog's own cost. Reported per size: the median wall time and the CPU
seconds (user and system, the child's and its workers', from ``wait4``) of each, their
ratios, peak RSS, and whether the two outputs are the same bytes.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_snapshots

Result = dict[str, Any]


def dump_files(total: int, seed: int, cache: Path) -> list[Path]:
    """The series' dumps of ``total`` records as files, written once and kept in ``cache``."""
    folder = cache / f"bulk-{total}-{seed}"
    done = folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"writing the dumps of {total:,} records...", file=sys.stderr, flush=True)
        for snapshot in generate_snapshots(total, seed):
            (folder / snapshot.source).write_text(snapshot.text, encoding="utf-8")
        done.write_text("", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def run_cli(arguments: list[str]) -> Result:
    """One ``faqparse`` process: wall seconds, CPU seconds and peak RSS (with its workers).

    The child is spawned sharing this process's memory until it executes Python, and Linux
    counts that memory's peak as the child's: this process must stay small (outputs are
    compared in chunks, never read whole).
    """
    argv = [sys.executable, "-m", "faqparse", *arguments]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, dict(os.environ), file_actions=_quiet())
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} ... exited {status}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": usage.ru_maxrss / 1024}  # fmt: skip


def _quiet() -> list[tuple[Any, ...]]:
    # Diagnostics of the generated dumps (a few by design) would flood the terminal.
    return [(os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]


def measure_bulk(sizes: list[int], seed: int, repeat: int, cache: Path) -> Result:
    cache.mkdir(parents=True, exist_ok=True)
    files = {total: [str(path) for path in dump_files(total, seed, cache)] for total in sizes}
    work = cache / "bulk-work"
    work.mkdir(exist_ok=True)
    memory: dict[int, list[Result]] = {total: [] for total in sizes}
    into: dict[int, list[Result]] = {total: [] for total in sizes}
    same: dict[int, bool] = {}
    for _ in range(repeat):
        for total in sizes:
            merged, touched = work / "memory.jsonl", work / "touched.jsonl"
            catalog = work / "new.sqlite"
            for stale in (catalog, Path(f"{catalog}-wal"), Path(f"{catalog}-shm")):
                stale.unlink(missing_ok=True)
            memory[total].append(run_cli(["merge", *files[total], "-o", str(merged)]))
            into[total].append(
                run_cli(["merge", *files[total], "--into", str(catalog), "-o", str(touched)])
            )
            into[total][-1]["bytes"] = catalog.stat().st_size
            same[total] = same.get(total, True) and filecmp.cmp(merged, touched, shallow=False)
    runs = []
    for total in sizes:
        wall = [
            statistics.median(r["seconds"] for r in found) for found in (memory[total], into[total])
        ]
        cpu = [
            statistics.median(r["cpu_seconds"] for r in found)
            for found in (memory[total], into[total])
        ]
        runs.append({
            "records": total, "files": len(files[total]),
            "memory_seconds": wall[0], "into_seconds": wall[1], "ratio": wall[1] / wall[0],
            "memory_cpu_seconds": cpu[0], "into_cpu_seconds": cpu[1], "cpu_ratio": cpu[1] / cpu[0],
            "memory_times": [r["seconds"] for r in memory[total]],
            "into_times": [r["seconds"] for r in into[total]],
            "memory_peak_rss_mib": max(r["peak_rss_mib"] for r in memory[total]),
            "into_peak_rss_mib": max(r["peak_rss_mib"] for r in into[total]),
            "catalog_bytes": into[total][-1]["bytes"], "same_output": same[total],
        })  # fmt: skip
    return {"seed": seed, "repeat": repeat, "runs": runs, "load": os.getloadavg()}


def render_bulk(result: Result) -> str:
    load = ", ".join(f"{figure:.2f}" for figure in result["load"])
    lines = [
        f"whole processes, median of {result['repeat']}; load average {load}",
        f"{'records':>10}{'merge -o':>10}{'--into':>9}{'ratio':>7}{'CPU -o':>9}{'CPU into':>10}"
        f"{'ratio':>7}{'RSS -o':>9}{'RSS into':>10}  same output",
    ]
    for run in result["runs"]:
        lines.append(
            f"{run['records']:>10,}{run['memory_seconds']:>9.1f}s{run['into_seconds']:>8.1f}s"
            f"{run['ratio']:>6.2f}x{run['memory_cpu_seconds']:>8.1f}s"
            f"{run['into_cpu_seconds']:>9.1f}s{run['cpu_ratio']:>6.2f}x"
            f"{run['memory_peak_rss_mib']:>5.0f} MiB{run['into_peak_rss_mib']:>6.0f} MiB"
            f"  {'yes' if run['same_output'] else 'NO'}"
        )
    return "\n".join(lines)
