"""The merge on Dask with 1 and 2 worker processes, against the single-process merge.

    python -m benchmarks.dask_merge [--records 200000 1000000] [--workers 1 2] [--json OUT]
    python -m benchmarks.dask_merge --smoke      # 20,000 records: a few seconds (CI)
    python -m benchmarks.dask_merge --against /tmp/old/src   # another tree's Dask merge too
    python -m benchmarks.dask_merge --config distributed.worker.profile.enabled=false
                                      # and once more with these Dask settings
    python -m benchmarks.dask_merge --records 200000 --workers 2 --repeat 5
                                      # five rounds, each way in turn: the median ratios

For each size, a series of snapshots (``generate_snapshots``) is written to a temporary folder
as files, then read, parsed and merged, each way in a fresh child process: one Python process
(``parse_file`` each file, ``faqparse.merge``), and ``faqparse.dask`` on a ``LocalCluster`` of
1 and of 2 worker processes with one thread each (``read_dumps``, ``merge``). Every way must
give the same articles: their ids and observation counts are hashed and compared (on the
workers, one text per partition, so that collecting them costs the cluster next to nothing).

Each Dask run is given as two ratios to the single process: its wall time (the target: at most
1.0 with 2 workers) and its CPU time, all its processes together: the workers and the client,
which runs the scheduler and the workers' nannies too (a ``LocalCluster`` keeps them in
its own process: ``client.run(..., nanny=True)`` answers with the client's process id). The
target: at most 1.3. Peak memory is ``ru_maxrss`` of each process.

Each process has imported what it runs before its clock starts: the single process imports
faqparse, and each worker imports ``faqparse.dask`` (with ``dask.bag``) before the Dask run,
as a long-lived cluster would have; the CPU this takes a worker is printed apart, once per
process. The same work takes different CPU time from run to run on a shared machine (a
tenth either way is common here), so ``--repeat N`` runs every way N times, in turn, and
gives each round's ratios against the single process of the same round, and their median.
Read the figures beside the load average printed with each, since a neighbour's job changes
every wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import faqparse
from benchmarks.generate import generate_snapshots

__all__ = ["main", "medians", "ratios", "render", "run"]

ROOT: Final = Path(__file__).resolve().parents[1]
MIB: Final = 1 << 20
SMOKE_RECORDS: Final = 20_000
Result = dict[str, Any]


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB


def _cpu_seconds() -> float:
    """User and system CPU time of this process: what it did, however busy the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _lines(articles: Iterable[faqparse.Article]) -> list[str]:
    """Each article's id and observation count, as one sorted text (one per partition)."""
    return ["\n".join(sorted(f"{a.id}:{len(a.observations)}" for a in articles))]


def _fingerprint(texts: Iterable[str]) -> str:
    """The articles' ids and observation counts, order aside, as one hash."""
    lines = sorted(line for text in texts for line in text.splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


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
        "fingerprint": _fingerprint(_lines(articles)),
        "peak_rss_mib": _maxrss_mib(),
        "cpu_seconds": _cpu_seconds() - cpu_before,
    }


def _setting(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` as Dask takes it: ``true``/``false`` and numbers as such, else text."""
    key, _, value = text.partition("=")
    if value.lower() in {"true", "false"}:
        return key, value.lower() == "true"
    for kind in (int, float):
        try:
            return key, kind(value)
        except ValueError:
            pass
    return key, value


def on_dask(folder: str, workers: int, config: dict[str, Any] | None = None) -> Result:
    """In this process: a LocalCluster of ``workers`` processes reads, parses and merges,
    with Dask's settings ``config`` (its defaults when ``None``)."""
    import dask  # noqa: PLC0415 - the dask extra
    from distributed import Client, LocalCluster  # noqa: PLC0415

    from faqparse import dask as fd  # noqa: PLC0415

    with (
        dask.config.set(config or {}),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        imports = client.run(_import_tasks)
        cpu_before = client.run(_cpu_seconds)
        client_before = _cpu_seconds()
        start = time.perf_counter()
        dumps = fd.read_dumps(os.path.join(folder, "*.txt"))
        texts = fd.merge(dumps).map_partitions(_lines).compute()
        seconds = time.perf_counter() - start
        client_cpu = _cpu_seconds() - client_before
        cpu_after = client.run(_cpu_seconds)
        peaks = client.run(_maxrss_mib)
        limit = next(iter(cluster.workers.values())).memory_manager.memory_limit
    fingerprint = _fingerprint(texts)
    return {
        "seconds": seconds,
        "workers": workers,
        "partitions": dumps.npartitions,
        "articles": sum(len(text.splitlines()) for text in texts),
        "fingerprint": fingerprint,
        "worker_peak_rss_mib": sorted(peaks.values()),
        "worker_cpu_seconds": sorted(cpu_after[w] - cpu_before[w] for w in cpu_after),
        "worker_import_cpu_seconds": sorted(imports.values()),
        "client_and_scheduler_cpu_seconds": client_cpu,
        "worker_memory_limit_mib": (limit or 0) / MIB,
        "client_and_scheduler_peak_rss_mib": _maxrss_mib(),
    }


def _import_tasks() -> float:
    """Import, in a worker, the modules its tasks run; the CPU seconds that took."""
    before = _cpu_seconds()
    importlib.import_module("faqparse.dask")
    return _cpu_seconds() - before


def ratios(single_run: Result, dask_run: Result) -> dict[str, float]:
    """A Dask run against the single process: wall time and CPU time (all its processes)."""
    cpu = sum(dask_run["worker_cpu_seconds"]) + dask_run["client_and_scheduler_cpu_seconds"]
    return {
        "time_ratio": dask_run["seconds"] / single_run["seconds"],
        "cpu_seconds": cpu,
        "cpu_ratio": cpu / single_run["cpu_seconds"],
    }


def _child(
    mode: str,
    folder: str,
    workers: int = 0,
    tree: str | None = None,
    config: dict[str, Any] | None = None,
) -> Result:
    argv = [sys.executable, "-m", "benchmarks.dask_merge", "--child", mode, folder]
    argv += ["--workers", str(workers)]
    for key, value in (config or {}).items():
        argv += ["--config", f"{key}={value}"]
    env = dict(os.environ)
    if tree is not None:  # another tree's faqparse, in this process and in its workers
        env["PYTHONPATH"] = os.pathsep.join([tree, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} failed: {done.stderr[-3000:]}")
    result: Result = json.loads(done.stdout.splitlines()[-1])
    return result


def run(
    records: int,
    seed: int,
    workers: Sequence[int],
    *,
    against: str | None = None,
    config: dict[str, Any] | None = None,
    repeat: int = 1,
) -> Result:
    """``repeat`` rounds of: the single process, then each Dask cluster (and the other
    tree's, if given), in turn; each Dask run's ratios are to its round's single process."""
    with tempfile.TemporaryDirectory(prefix="faqparse-dask-") as folder:
        size = 0
        for snapshot in generate_snapshots(records, seed):
            path = Path(folder, snapshot.source)
            path.write_text(snapshot.text, encoding="utf-8")
            size += path.stat().st_size
        _say(f"{records:,} records in {len(os.listdir(folder)):,} files, {size / MIB:.0f} MiB")
        results: Result = {"records": records, "seed": seed, "bytes": size, "rounds": []}
        results["cpus"] = os.cpu_count()
        trees: list[tuple[str, str | None, dict[str, Any] | None]] = [("this tree", None, None)]
        if config:
            trees.append(("this tree, tuned", None, config))
        if against is not None:
            trees.append(("against", against, None))
        for number in range(1, repeat + 1):
            _say(f"round {number} of {repeat}: single process...")
            load = os.getloadavg()
            baseline = _child("single", folder)
            baseline["load_average"] = load
            runs = []
            for count in workers:
                for name, tree, settings in trees:
                    _say(f"round {number} of {repeat}: dask, {count} worker process(es), {name}...")
                    load = os.getloadavg()
                    measured = _child("dask", folder, count, tree, settings)
                    measured["load_average"] = load
                    measured["tree"] = name
                    measured |= ratios(baseline, measured)
                    measured["same_articles"] = measured["fingerprint"] == baseline["fingerprint"]
                    runs.append(measured)
            results["rounds"].append({"single": baseline, "runs": runs})
    results["medians"] = medians(results["rounds"])
    return results


def medians(rounds: Sequence[Result]) -> list[Result]:
    """For each Dask way (workers and tree), the median of its rounds' ratios, and their range."""
    found: dict[tuple[int, str], list[Result]] = {}
    for round_ in rounds:
        for run_ in round_["runs"]:
            found.setdefault((run_["workers"], run_["tree"]), []).append(run_)
    return [
        {
            "workers": workers,
            "tree": tree,
            "rounds": len(runs),
            **{
                f"{name}_{kind}": figure([run_[name] for run_ in runs])
                for name in ("time_ratio", "cpu_ratio")
                for kind, figure in (("median", statistics.median), ("min", min), ("max", max))
            },
        }
        for (workers, tree), runs in found.items()
    ]


def _way(run_: Result) -> str:
    name = f"dask, {run_['workers']} worker(s)"
    return name if run_["tree"] == "this tree" else f"{name}, {run_['tree']}"


def render(results: Result) -> str:
    lines = [
        f"dask merge benchmark: {results['records']:,} records "
        f"({results['bytes'] / MIB:.0f} MiB of dumps), seed {results['seed']}, "
        f"{results['cpus']} CPUs",
        "",
        f"{'':38}{'time':>8}{'ratio':>7}{'CPU s':>7}{'ratio':>7}{'CPU s per worker':>18}"
        f"{'peak RSS per worker':>21}{'client':>11}{'load':>6}",
    ]
    for round_ in results["rounds"]:
        single_run = round_["single"]
        lines.append(
            f"{'single process (parse + merge)':38}{single_run['seconds']:7.1f}s{1.0:7.2f}"
            f"{single_run['cpu_seconds']:7.1f}{1.0:7.2f}{'-':>18}"
            f"{single_run['peak_rss_mib']:17.0f} MiB{'-':>11}{single_run['load_average'][0]:6.1f}"
        )
        for run_ in round_["runs"]:
            peaks = "/".join(f"{x:.0f}" for x in run_["worker_peak_rss_mib"])
            cpu = "/".join(f"{x:.1f}" for x in run_["worker_cpu_seconds"])
            lines.append(
                f"{_way(run_):38}{run_['seconds']:7.1f}s{run_['time_ratio']:7.2f}"
                f"{run_['cpu_seconds']:7.1f}{run_['cpu_ratio']:7.2f}{cpu:>18}"
                f"{peaks:>17} MiB{run_['client_and_scheduler_peak_rss_mib']:7.0f} MiB"
                f"{run_['load_average'][0]:6.1f}"
            )
    lines.append("")
    lines.append(
        "ratio: of the same round's single process; CPU s: all processes (workers, client and"
        " scheduler); load: 1-minute load average when the run started"
    )
    if len(results["rounds"]) > 1:
        for median in results["medians"]:
            lines.append(
                f"{_way(median)}, median of {median['rounds']} rounds: time ratio"
                f" {median['time_ratio_median']:.2f} ({median['time_ratio_min']:.2f} to"
                f" {median['time_ratio_max']:.2f}), CPU ratio {median['cpu_ratio_median']:.2f}"
                f" ({median['cpu_ratio_min']:.2f} to {median['cpu_ratio_max']:.2f})"
            )
    single_run = results["rounds"][0]["single"]
    lines.append(
        f"single process: parse {single_run['parse_seconds']:.1f} s, "
        f"merge {single_run['merge_seconds']:.1f} s; {single_run['articles']:,} articles"
    )
    for run_ in results["rounds"][0]["runs"]:
        same = all(
            other["same_articles"]
            for round_ in results["rounds"]
            for other in round_["runs"]
            if _way(other) == _way(run_)
        )
        imports = "/".join(f"{x:.2f}" for x in run_["worker_import_cpu_seconds"])
        lines.append(
            f"{_way(run_)}: {run_['partitions']} partitions, {run_['articles']:,} articles, "
            f"{'the same articles' if same else 'DIFFERENT ARTICLES'} (ids and observation"
            f" counts); client and scheduler {run_['client_and_scheduler_cpu_seconds']:.1f}"
            f" CPU s; importing the tasks' modules, before the clock: {imports} CPU s a worker"
        )
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dask_merge")
    parser.add_argument("--records", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON too")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_RECORDS:,} records")
    parser.add_argument(
        "--against", metavar="SRC", help="another tree's src folder: its Dask merge too"
    )
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Dask setting for one more run of this tree (e.g."
        " distributed.worker.profile.enabled=false); repeatable",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="rounds of every way (default 1)"
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, folder = args.child
        config = dict(setting.split("=", 1) for setting in args.config)
        measured = single(folder) if mode == "single" else on_dask(folder, args.workers[0], config)
        print(json.dumps(measured))
        return 0
    sizes = [SMOKE_RECORDS] if args.smoke else args.records
    every = []
    for records in sizes:
        settings = dict(map(_setting, args.config))
        results = run(
            records, args.seed, args.workers, against=args.against, config=settings,
            repeat=args.repeat,
        )  # fmt: skip
        print(render(results) + "\n", flush=True)
        every.append(results)
    if args.json:
        document = {"sizes": every}
        Path(args.json).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    same = all(
        r["same_articles"]
        for results in every
        for round_ in results["rounds"]
        for r in round_["runs"]
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
