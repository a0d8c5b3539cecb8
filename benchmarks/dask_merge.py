"""The merge on Dask with 1 and 2 worker processes, against the single-process merge.

    python -m benchmarks.dask_merge [--records 1000000] [--seed 1] [--workers 1 2] [--json OUT]
    python -m benchmarks.dask_merge --smoke      # 20,000 records: a few seconds (CI)

A series of snapshots (``generate_snapshots``) is written to a temporary folder as files, then
read, parsed and merged three ways, each in a fresh child process: one Python process
(``parse_file`` each file, ``faqparse.merge``), and ``faqparse.dask`` on a ``LocalCluster`` of 1
and of 2 worker processes with one thread each (``read_dumps``, ``merge``). Every way must give
the same articles: their ids and observation counts are hashed and compared. Peak memory is
``ru_maxrss`` of each process: the single process, each worker, and the client that also
runs the scheduler. The figures are wall times of one run each: read them as ratios. CPU
seconds per process are reported too: on a shared machine they say what each process did
when the wall time only says how busy the neighbours were.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import faqparse
from benchmarks.generate import generate_snapshots

__all__ = ["main"]

ROOT: Final = Path(__file__).resolve().parents[1]
MIB: Final = 1 << 20
Result = dict[str, Any]


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB


def _cpu_seconds() -> float:
    """User and system CPU time of this process: what it did, however busy the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _fingerprint(pairs: Iterable[tuple[str, int]]) -> str:
    """The articles' ids and observation counts, order aside, as one hash."""
    lines = sorted(f"{identity}:{count}" for identity, count in pairs)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def _id_and_count(article: faqparse.Article) -> tuple[str, int]:
    return article.id, len(article.observations)


def single(folder: str) -> Result:
    """In this process: parse every file, then ``faqparse.merge``."""
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    dumps = [faqparse.parse_file(path) for path in sorted(Path(folder).glob("*.txt"))]
    parsed = time.perf_counter()
    articles = faqparse.merge(dumps)
    done = time.perf_counter()
    return {
        "seconds": done - start,
        "parse_seconds": parsed - start,
        "merge_seconds": done - parsed,
        "records": sum(len(d.records) for d in dumps),
        "articles": len(articles),
        "fingerprint": _fingerprint(_id_and_count(a) for a in articles),
        "peak_rss_mib": _maxrss_mib(),
        "cpu_seconds": _cpu_seconds() - cpu_before,
    }


def on_dask(folder: str, workers: int) -> Result:
    """In this process: a LocalCluster of ``workers`` processes reads, parses and merges."""
    from distributed import Client, LocalCluster  # noqa: PLC0415 - the dask extra

    from faqparse import dask as fd  # noqa: PLC0415

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        cpu_before = client.run(_cpu_seconds)
        client_before = _cpu_seconds()
        start = time.perf_counter()
        dumps = fd.read_dumps(os.path.join(folder, "*.txt"))
        pairs = fd.merge(dumps).map(_id_and_count).compute()
        seconds = time.perf_counter() - start
        cpu_after = client.run(_cpu_seconds)
        peaks = client.run(_maxrss_mib)
        limit = next(iter(cluster.workers.values())).memory_manager.memory_limit
    return {
        "seconds": seconds,
        "workers": workers,
        "partitions": dumps.npartitions,
        "articles": len(pairs),
        "fingerprint": _fingerprint(pairs),
        "worker_peak_rss_mib": sorted(peaks.values()),
        "worker_cpu_seconds": sorted(cpu_after[w] - cpu_before[w] for w in cpu_after),
        "client_and_scheduler_cpu_seconds": _cpu_seconds() - client_before,
        "worker_memory_limit_mib": (limit or 0) / MIB,
        "client_and_scheduler_peak_rss_mib": _maxrss_mib(),
    }


def _child(mode: str, folder: str, workers: int = 0) -> Result:
    argv = [sys.executable, "-m", "benchmarks.dask_merge", "--child", mode, folder]
    argv += ["--workers", str(workers)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} failed: {done.stderr[-3000:]}")
    result: Result = json.loads(done.stdout.splitlines()[-1])
    return result


def run(records: int, seed: int, workers: Sequence[int]) -> Result:
    with tempfile.TemporaryDirectory(prefix="faqparse-dask-") as folder:
        size = 0
        for snapshot in generate_snapshots(records, seed):
            path = Path(folder, snapshot.source)
            path.write_text(snapshot.text, encoding="utf-8")
            size += path.stat().st_size
        _say(f"{records:,} records in {len(os.listdir(folder)):,} files, {size / MIB:.0f} MiB")
        load_before = os.getloadavg()
        results: Result = {"records": records, "seed": seed, "bytes": size, "runs": []}
        _say("single process...")
        baseline = _child("single", folder)
        results["single"] = baseline
        for count in workers:
            _say(f"dask, {count} worker process(es)...")
            measured = _child("dask", folder, count)
            measured["speedup_vs_single"] = baseline["seconds"] / measured["seconds"]
            measured["same_articles"] = measured["fingerprint"] == baseline["fingerprint"]
            results["runs"].append(measured)
        results["load_average_before"] = load_before
        results["load_average_after"] = os.getloadavg()
        results["cpus"] = os.cpu_count()
    return results


def render(results: Result) -> str:
    single_run = results["single"]
    lines = [
        f"dask merge benchmark: {results['records']:,} records "
        f"({results['bytes'] / MIB:.0f} MiB of dumps), seed {results['seed']}, "
        f"{results['cpus']} CPUs",
        "load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in results["load_average_before"])
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in results["load_average_after"]),
        "",
        f"{'':34}{'time':>9}{'speed-up':>10}{'CPU s per worker':>20}"
        f"{'peak RSS per worker':>24}{'client':>10}",
        f"{'single process (parse + merge)':34}{single_run['seconds']:8.1f}s{1.0:9.2f}x"
        f"{single_run['cpu_seconds']:20.1f}{single_run['peak_rss_mib']:20.0f} MiB{'-':>10}",
    ]
    for run_ in results["runs"]:
        peaks = "/".join(f"{x:.0f}" for x in run_["worker_peak_rss_mib"])
        cpu = "/".join(f"{x:.1f}" for x in run_["worker_cpu_seconds"])
        lines.append(
            f"{'dask, ' + str(run_['workers']) + ' worker process(es)':34}"
            f"{run_['seconds']:8.1f}s{run_['speedup_vs_single']:9.2f}x{cpu:>20}"
            f"{peaks:>20} MiB{run_['client_and_scheduler_peak_rss_mib']:6.0f} MiB"
        )
    lines.append("")
    lines.append(
        f"single process: parse {single_run['parse_seconds']:.1f} s, "
        f"merge {single_run['merge_seconds']:.1f} s; {single_run['articles']:,} articles"
    )
    for run_ in results["runs"]:
        same = "the same articles" if run_["same_articles"] else "DIFFERENT ARTICLES"
        lines.append(
            f"dask, {run_['workers']} worker(s): {run_['partitions']} partitions, "
            f"{run_['articles']:,} articles, {same} (ids and observation counts); "
            f"memory limit per worker {run_['worker_memory_limit_mib']:.0f} MiB"
        )
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dask_merge")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON too")
    parser.add_argument("--smoke", action="store_true", help="20,000 records")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, folder = args.child
        measured = single(folder) if mode == "single" else on_dask(folder, args.workers[0])
        print(json.dumps(measured))
        return 0
    results = run(20_000 if args.smoke else args.records, args.seed, args.workers)
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["same_articles"] for r in results["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
