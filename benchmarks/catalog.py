"""The SQLite catalog at growing sizes: one daily add, bytes per observation, a bulk build.

    python -m benchmarks.catalog                      # 10^4, 10^5, 10^6 observations
    python -m benchmarks.catalog --smoke              # 2,000 and 8,000: seconds
    python -m benchmarks.catalog --sizes 10000,100000 --repeat 5 --json out.json
    python -m benchmarks.catalog --daily 10500         # and the daily snapshot, 2 and 40 days
    python -m benchmarks.catalog --bulk 200000 1000000 # only merge --into against merge -o

For each size N, a catalog of the first N records of a seeded series of snapshots
(``generate_snapshots``: dumps of 400 records every six hours, each article seen about ten
times) is built once and cached (``--cache``, default ``/tmp/faqparse-catalog-bench``);
the next dump of the series is then added to a fresh copy of it, in a child process,
``--repeat`` times. Reported: the add's time (open, add, commit) and the child's peak RSS,
the file's bytes per observation, the time of the bulk build (every add and the commit,
parsing excluded) and, for comparison, ``faqparse.merge`` of the same dumps in memory.

``--daily N`` measures the way people use a catalog too: the same N articles scraped once a
day (``daily_dumps``), a catalog of 2 days and one of 40 built once (cached), and the next
day's snapshot added to a copy of each. Reported: wall and CPU time of each add and their
ratio, 40 days over 2 (an add should cost what the dump holds, not the catalog's history).
Times are of whole child processes' work (open, add, commit); the machine's load average is
printed beside them, since a shared machine's neighbours show in wall time more than in CPU.

``--bulk N...`` measures a bulk build as users run it, whole CLI processes (``bulk``):
``faqparse merge FILES --into NEW.sqlite`` against ``faqparse merge FILES -o OUT.jsonl``.
``--smoke`` runs it too, on 8,000 records.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final, NamedTuple

import faqparse
from benchmarks.bulk import measure_bulk, render_bulk
from benchmarks.generate import generate_snapshots
from faqparse.testing import render as render_dump

ROOT: Final = Path(__file__).resolve().parent.parent
Result = dict[str, Any]


def _rss_mib() -> float:
    """Peak RSS of this process since it started its program.

    ``VmHWM`` rather than ``ru_maxrss``: Linux carries the parent's ``ru_maxrss`` into a
    child across fork and exec, and the parent may hold a large series.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _series(total: int, seed: int) -> Any:
    """The series whose first ``total`` records build the catalog; one more dump follows."""
    return generate_snapshots(total + 400, seed)


def build_child(total: int, seed: int, path: str) -> Result:
    """Build the catalog of ``total`` records in one run; times exclude generating and parsing."""
    adding = 0.0
    records = 0
    with faqparse.Catalog.open(path) as catalog:
        for snapshot in _series(total, seed):
            if records >= total:
                break
            dump = faqparse.parse(snapshot.text, snapshot.source, captured=snapshot.captured)
            start = time.perf_counter()
            catalog.add(dump)
            adding += time.perf_counter() - start
            records += len(dump.records)
        start = time.perf_counter()
    committing = time.perf_counter() - start
    return {"records": records, "add_seconds": adding, "commit_seconds": committing,
            "seconds": adding + committing, "peak_rss_mib": _rss_mib()}  # fmt: skip


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def add_child(dump_path: str, captured: str, path: str, *, list_touched: bool = True) -> Result:
    """Add one dump to the catalog at ``path``: open, add, commit; with ``list_touched``,
    read the articles it touched back too (``merge --into CATALOG -o OUT`` does)."""
    dump = faqparse.parse_file(dump_path, captured=datetime.fromisoformat(captured))
    before = _rss_mib()
    start, cpu = time.perf_counter(), _cpu()
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dump)
        touched = sum(1 for _ in catalog.touched()) if list_touched else None
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_seconds": _cpu() - cpu, "records": len(dump.records),
            "touched": touched, "rss_before_mib": before, "peak_rss_mib": _rss_mib(),
            "faqparse": faqparse.__file__}  # fmt: skip


class _Row(NamedTuple):
    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None


def daily_dumps(articles: int, days: int, seed: int) -> Iterator[tuple[str, datetime]]:
    """The same ``articles`` scraped once a day at 08:00 for ``days`` days, as dump texts:
    each article's views grow at its own rate; one in fifty has a twin (same title and
    date, another excerpt) growing at another; one in ten gets a later ``Updated on``."""
    rng = random.Random(seed)
    plan = []
    for number in range(articles):
        published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        title = f"How do I use feature {number} of the {rng.choice(_NOUNS)}?"
        for twin in range(2 if number % 50 == 0 else 1):
            plan.append((title, f"Feature {number}, excerpt {twin}.", published,
                         rng.randrange(10, 50_000), rng.randrange(0, 400),
                         rng.randrange(days) if rng.random() < 0.1 else None))  # fmt: skip
    start = datetime(2026, 1, 5, 8)
    for day in range(days):
        rows = [
            _Row(title, snippet, published,
                 None if update is None or day < update else date(2026, 1, 5) + timedelta(update),
                 views + rate * day)
            for title, snippet, published, views, rate, update in plan
        ]  # fmt: skip
        yield render_dump(rows), start + timedelta(days=day)


_NOUNS: Final = ("wallet", "exchange", "card", "earn account", "trading bot", "app")


def daily_build_child(articles: int, days: int, seed: int, path: str) -> Result:
    """The catalog of the first ``days`` daily dumps, added in one run."""
    with faqparse.Catalog.open(path) as catalog:
        for number, (text, captured) in enumerate(daily_dumps(articles, days + 1, seed)):
            if number == days:
                return {"text": text, "captured": captured.isoformat()}
            catalog.add(faqparse.parse(text, f"day-{number}.txt", captured=captured))
    raise AssertionError("unreachable: days + 1 dumps")


def measure_daily(articles: int, spans: tuple[int, int], seed: int, repeat: int,
                  cache: Path) -> Result:  # fmt: skip
    """The next day's add on catalogs of ``spans`` days, round by round."""
    prepared = []
    for days in spans:
        catalog = cache / f"daily-{articles}-{days}-{seed}.sqlite"
        dump = catalog.with_suffix(".txt")
        captured = catalog.with_suffix(".json")
        if not captured.exists():
            for stale in (catalog, Path(f"{catalog}-wal"), Path(f"{catalog}-shm")):
                stale.unlink(missing_ok=True)
            print(f"building the catalog of {days} days of {articles:,} articles...",
                  file=sys.stderr, flush=True)  # fmt: skip
            built = _child("--daily-build-child", str(articles), "--days", str(days),
                           "--seed", str(seed), "--path", str(catalog))  # fmt: skip
            dump.write_text(built["text"], encoding="utf-8")
            captured.write_text(json.dumps(built["captured"]), encoding="utf-8")
        prepared.append((catalog, dump, json.loads(captured.read_text(encoding="utf-8"))))
    work = cache / "work.sqlite"
    adds: list[list[Result]] = [[] for _ in spans]
    for _ in range(repeat):
        for (catalog, dump, when), found in zip(prepared, adds, strict=True):
            for stale in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
                stale.unlink(missing_ok=True)
            shutil.copyfile(catalog, work)
            found.append(_child("--add-child", str(dump), "--captured", when, "--path", str(work),
                                "--no-touched"))  # fmt: skip
    runs = [
        {"days": days, "records": found[0]["records"],
         "add_seconds": statistics.median(a["seconds"] for a in found),
         "add_cpu_seconds": statistics.median(a["cpu_seconds"] for a in found),
         "add_times": [a["seconds"] for a in found],
         "add_peak_rss_mib": max(a["peak_rss_mib"] for a in found)}
        for days, found in zip(spans, adds, strict=True)
    ]  # fmt: skip
    return {"articles": articles, "runs": runs, "faqparse": adds[0][0]["faqparse"],
            "growth": runs[-1]["add_seconds"] / runs[0]["add_seconds"],
            "cpu_growth": runs[-1]["add_cpu_seconds"] / runs[0]["add_cpu_seconds"]}  # fmt: skip


def merge_child(total: int, seed: int) -> Result:
    """``faqparse.merge`` of the dumps the catalog of ``total`` records holds."""
    dumps = []
    records = 0
    for snapshot in _series(total, seed):
        if records >= total:
            break
        dumps.append(faqparse.parse(snapshot.text, snapshot.source, captured=snapshot.captured))
        records += len(dumps[-1].records)
    before = _rss_mib()
    start = time.perf_counter()
    articles = faqparse.merge(dumps)
    seconds = time.perf_counter() - start
    return {"records": records, "articles": len(articles), "seconds": seconds,
            "dumps_rss_mib": before, "peak_rss_mib": _rss_mib(),
            "faqparse": faqparse.__file__}  # fmt: skip


def _child(*arguments: str) -> Result:
    argv = [sys.executable, "-m", "benchmarks.catalog", *arguments]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    result: Result = json.loads(done.stdout.splitlines()[-1])
    return result


def _prepare(total: int, seed: int, cache: Path) -> tuple[Path, Path, str, Result]:
    """The cached catalog of ``total`` records, the next dump of the series, the build figures."""
    catalog = cache / f"catalog-{total}-{seed}.sqlite"
    figures = catalog.with_suffix(".json")
    dump = cache / f"next-{total}-{seed}.txt"
    if not figures.exists():
        for stale in (catalog, Path(f"{catalog}-wal"), Path(f"{catalog}-shm")):
            stale.unlink(missing_ok=True)
        print(f"building the catalog of {total:,} records...", file=sys.stderr, flush=True)
        built = _child("--build-child", str(total), "--seed", str(seed), "--path", str(catalog))
        last = collections.deque(_series(total, seed), maxlen=1)[0]
        dump.write_text(last.text, encoding="utf-8")
        built["captured"] = last.captured.isoformat()
        built["bytes"] = catalog.stat().st_size
        figures.write_text(json.dumps(built), encoding="utf-8")
    built = json.loads(figures.read_text(encoding="utf-8"))
    return catalog, dump, built["captured"], built


def measure(sizes: list[int], seed: int, repeat: int, cache: Path) -> Result:
    cache.mkdir(parents=True, exist_ok=True)
    prepared = [_prepare(total, seed, cache) for total in sizes]
    work = cache / "work.sqlite"
    adds: list[list[Result]] = [[] for _ in sizes]
    # Round by round, every size once per round: a neighbour's load falls on all sizes alike.
    for _ in range(repeat):
        for (catalog, dump, captured, _), found in zip(prepared, adds, strict=True):
            for stale in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
                stale.unlink(missing_ok=True)
            shutil.copyfile(catalog, work)
            found.append(
                _child("--add-child", str(dump), "--captured", captured, "--path", str(work))
            )
    runs = []
    for (_, _, _, built), found in zip(prepared, adds, strict=True):
        runs.append({
            "observations": built["records"],
            "add_seconds": statistics.median(a["seconds"] for a in found),
            "add_times": [a["seconds"] for a in found],
            "add_cpu_seconds": statistics.median(a["cpu_seconds"] for a in found),
            "add_peak_rss_mib": max(a["peak_rss_mib"] for a in found),
            "add_rss_before_mib": max(a["rss_before_mib"] for a in found),
            "touched": found[0]["touched"],
            "bytes_per_observation": built["bytes"] / built["records"],
            "build": built,
        })  # fmt: skip
        print(f"{built['records']:,}: add {runs[-1]['add_seconds']:.3f} s", file=sys.stderr)
    merged = _child("--merge-child", str(sizes[-1]), "--seed", str(seed))
    return {"seed": seed, "repeat": repeat, "runs": runs, "merge": merged,
            "add_growth": runs[-1]["add_seconds"] / runs[0]["add_seconds"],
            "add_cpu_growth": runs[-1]["add_cpu_seconds"] / runs[0]["add_cpu_seconds"],
            "faqparse": merged["faqparse"]}  # fmt: skip


def render(result: Result) -> str:
    lines = [
        f"{'observations':>13}{'add 400':>10}{'peak RSS':>10}{'(parsed)':>10}{'touched':>9}"
        f"{'bytes/obs':>11}{'bulk build':>12}{'build RSS':>11}",
    ]
    for run in result["runs"]:
        build = run["build"]
        lines.append(
            f"{run['observations']:>13,}{run['add_seconds']:>9.3f}s"
            f"{run['add_peak_rss_mib']:>7.0f} MiB{run['add_rss_before_mib']:>6.0f} MiB"
            f"{run['touched']:>9,}{run['bytes_per_observation']:>11.0f}"
            f"{build['seconds']:>11.1f}s{build['peak_rss_mib']:>7.0f} MiB"
        )
    merged, largest = result["merge"], result["runs"][-1]
    ratio = largest["build"]["seconds"] / merged["seconds"]
    lines += [
        f"faqparse from {result['faqparse']}; load average {_load()}",
        f"add growth, largest over smallest catalog: {result['add_growth']:.2f}x"
        f" (CPU time: {result['add_cpu_growth']:.2f}x)",
        f"in-memory faqparse.merge of the same {merged['records']:,} records: "
        f"{merged['seconds']:.1f} s, peak RSS {merged['peak_rss_mib']:.0f} MiB "
        f"({merged['dumps_rss_mib']:.0f} MiB with the dumps parsed); bulk build "
        f"{largest['build']['seconds']:.1f} s = {ratio:.1f}x",
    ]
    daily = _render_daily(result)
    return "\n".join([*lines, daily] if daily else lines)


def _render_daily(result: Result) -> str:
    lines = []
    daily = result.get("daily")
    if daily:
        lines.append(f"faqparse from {daily['faqparse']}; load average {_load()}")
        lines.append(f"the same {daily['articles']:,} articles, the next day's snapshot added:")
        for run in daily["runs"]:
            lines.append(
                f"  on {run['days']:>3} days: {run['add_seconds']:.3f} s"
                f" (CPU {run['add_cpu_seconds']:.3f} s), peak RSS {run['add_peak_rss_mib']:.0f} MiB"
            )
        lines.append(
            f"  daily add growth, {daily['runs'][-1]['days']} days over"
            f" {daily['runs'][0]['days']}: {daily['growth']:.2f}x"
            f" (CPU time: {daily['cpu_growth']:.2f}x)"
        )
    return "\n".join(lines)


def _load() -> str:
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.catalog", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/faqparse-catalog-bench"))
    parser.add_argument("--json", type=Path, metavar="OUT")
    parser.add_argument("--smoke", action="store_true", help="2,000 and 8,000, one run")
    parser.add_argument(
        "--daily",
        type=int,
        default=0,
        metavar="ARTICLES",
        help="also the next daily snapshot on 2 and 40 days of ARTICLES",
    )
    for hidden in ("--build-child", "--merge-child", "--daily-build-child", "--days"):
        parser.add_argument(hidden, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--add-child", help=argparse.SUPPRESS)
    parser.add_argument("--no-touched", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only-daily", action="store_true", help="skip the sizes")
    parser.add_argument(
        "--bulk",
        type=int,
        nargs="+",
        metavar="RECORDS",
        help="only merge --into a new catalog against merge -o, whole processes, at these sizes",
    )
    parser.add_argument("--captured", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_child is not None:
        print(json.dumps(build_child(args.build_child, args.seed, args.path)))
        return 0
    if args.add_child is not None:
        found = add_child(
            args.add_child, args.captured, args.path, list_touched=not args.no_touched
        )
        print(json.dumps(found))
        return 0
    if args.daily_build_child is not None:
        found = daily_build_child(args.daily_build_child, args.days, args.seed, args.path)
        print(json.dumps(found))
        return 0
    if args.merge_child is not None:
        print(json.dumps(merge_child(args.merge_child, args.seed)))
        return 0
    if args.bulk:
        bulk = measure_bulk(args.bulk, args.seed, args.repeat, args.cache)
        print(render_bulk(bulk))
        if args.json is not None:
            args.json.write_text(json.dumps({"bulk": bulk}, indent=2), encoding="utf-8")
        return 0
    sizes = [2000, 8000] if args.smoke else [int(size) for size in args.sizes.split(",")]
    repeat = 1 if args.smoke else args.repeat
    result: Result = {} if args.only_daily else measure(sizes, args.seed, repeat, args.cache)
    if args.daily or args.smoke:
        spans = (2, 6) if args.smoke else (2, 40)
        daily = args.daily or 200
        result["daily"] = measure_daily(daily, spans, args.seed, repeat, args.cache)
    if args.smoke:
        result["bulk"] = measure_bulk([8000], args.seed, 1, args.cache)
    print(render(result) if result.get("runs") else _render_daily(result))
    if args.smoke:
        print(render_bulk(result["bulk"]))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
