"""The HTML report of a large catalog: its time, its memory and the size of its file.

    python -m benchmarks.report                         # 10^6 observations, median of 3
    python -m benchmarks.report --smoke                 # 2,000 observations, one run
    python -m benchmarks.report --size 100000 --repeat 5 --json out.json

The catalog is the one ``benchmarks.catalog`` builds (``generate_snapshots``: dumps of 400
records every six hours, each article seen about ten times), built once and cached
(``--cache``, default ``/tmp/faqparse-catalog-bench``, shared with that benchmark). Each run
writes the report of a fresh copy in a child process, so its figures are the report's alone:
wall time and CPU time of ``faqparse.report`` (plotly's import included), the child's peak
RSS, and the file's size. Targets (``docs/report.md``): under 10 s and 300 MiB at 10^6
observations, and a file under 10 MB. Run it on a quiet machine: on a shared one, wall time
includes the neighbours' and CPU time is the fairer figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Final

from benchmarks.catalog import ROOT, _prepare, _rss_mib

Result = dict[str, Any]
TARGET_SECONDS: Final = 10.0
TARGET_MIB: Final = 300.0
TARGET_BYTES: Final = 10_000_000


def report_child(catalog: str, output: str) -> Result:
    """Write the report of ``catalog``: time it, and this process's peak memory."""
    wall, cpu = time.perf_counter(), time.process_time()
    import faqparse  # noqa: PLC0415 - timed: a user's run pays for it too

    summary = faqparse.report(catalog, output)
    return {
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "peak_rss_mib": _rss_mib(),
        "bytes": Path(output).stat().st_size,
        "dumps": summary.dumps,
        "articles": summary.articles,
    }


def measure(size: int, seed: int, repeat: int, cache: Path) -> Result:
    cache.mkdir(parents=True, exist_ok=True)
    catalog, _, _, built = _prepare(size, seed, cache)
    work, output = cache / "report-work.sqlite", cache / "report.html"
    runs = []
    for _ in range(repeat):
        for stale in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
            stale.unlink(missing_ok=True)
        shutil.copyfile(catalog, work)
        argv = [sys.executable, "-m", "benchmarks.report", "--child", str(work), str(output)]
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return {
        "observations": built["records"],
        "seed": seed,
        "repeat": repeat,
        "seconds": statistics.median(run["seconds"] for run in runs),
        "cpu_seconds": statistics.median(run["cpu_seconds"] for run in runs),
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
        "bytes": runs[-1]["bytes"],
        "dumps": runs[-1]["dumps"],
        "articles": runs[-1]["articles"],
        "runs": runs,
    }


def render(result: Result) -> str:
    met = {
        "time": result["seconds"] < TARGET_SECONDS,
        "memory": result["peak_rss_mib"] < TARGET_MIB,
        "file": result["bytes"] < TARGET_BYTES,
    }
    verdict = ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in met.items())
    return "\n".join([
        f"report of {result['observations']:,} observations ({result['dumps']:,} dumps,"
        f" {result['articles']:,} articles), median of {result['repeat']}:",
        f"  time      {result['seconds']:6.2f} s wall, {result['cpu_seconds']:.2f} s CPU"
        f"   (target < {TARGET_SECONDS:g} s)",
        f"  peak RSS  {result['peak_rss_mib']:6.0f} MiB   (target < {TARGET_MIB:g} MiB)",
        f"  file      {result['bytes'] / 1e6:6.2f} MB    (target < {TARGET_BYTES / 1e6:g} MB)",
        f"  {verdict}",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="observations")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/faqparse-catalog-bench"))
    parser.add_argument("--json", type=Path, metavar="OUT")
    parser.add_argument("--smoke", action="store_true", help="2,000 observations, one run")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(report_child(*args.child)))
        return 0
    size, repeat = (2_000, 1) if args.smoke else (args.size, args.repeat)
    result = measure(size, args.seed, repeat, args.cache)
    print(render(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
