"""Measure faqparse against a bare regular-expression scan of the same text, in one run.

    python -m benchmarks.run [--size 50MB] [--repeat 5] [--seed 1] [--json OUT] [--smoke]

Every figure is the median of the repetitions. Peak memory is measured in child processes
(``ru_maxrss`` of the child, from ``wait4``), so the parent's own allocations never count.
See ``benchmarks/README.md`` for what each row means.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gc
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple, TypeVar

from dateutil import parser as dateutil_parser

import faqparse
from benchmarks.generate import ADVERSARIAL, generate_dump, generate_snapshots, parse_size

__all__ = ["FLOOR_PATTERN", "main", "render", "run"]

ROOT: Final = Path(__file__).resolve().parents[1]
DATE: Final = r"(?:\d{1,2} [A-Za-z]{3,9} \d{4}|[A-Za-z]{3,9} \d{1,2}, \d{4})"
FLOOR_PATTERN: Final = rf"Published on ({DATE})(?:Updated on ({DATE}))?(\d{{1,3}}(?:,\d{{3}})*)?"
"""The anchors of the speed targets (docs/performance.md), with a date in either style the
generator writes."""
FLOOR: Final = re.compile(FLOOR_PATTERN)
MB: Final = 1_000_000  # MB/s are decimal megabytes of UTF-8 input per second
MIB: Final = 1 << 20
SKIPPED: Final = "skipped: merge not available"
STREAM_CHILD: Final = "import sys, faqparse\nfor _ in faqparse.iter_records(sys.argv[1]): pass\n"
TIMED_STREAM_CHILD: Final = """\
import sys, time, faqparse
start = time.perf_counter()
for _ in faqparse.iter_records(sys.argv[1]):
    pass
print(time.perf_counter() - start)
"""
"""``iter_records`` over a file in a fresh process, timed from after the import."""
READ_SCAN_CHILD: Final = """\
import collections, re, sys, time
pattern = re.compile(sys.argv[2])
start = time.perf_counter()
with open(sys.argv[1], "rb") as file:
    text = file.read().decode("utf-8")
matches = collections.deque(enumerate(pattern.finditer(text), 1), maxlen=1)
seconds = time.perf_counter() - start
print(seconds, matches[0][0] if matches else 0)
"""
"""The floor of a stream (docs/performance.md): read the file, decode it, scan it bare."""
IMPORT_CHILD: Final = "import faqparse\n"
LAUNCHER: Final = """\
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
process.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as report:
    json.dump({"seconds": seconds, "maxrss": usage.ru_maxrss, "status": process.returncode,
               "cpu": usage.ru_utime + usage.ru_stime}, report)
"""
"""Runs one command and reports its wall time, peak RSS (KiB), exit status and CPU seconds
(user and system, of the process and the workers it waited for) as JSON."""


class Scale(NamedTuple):
    merge_sizes: tuple[int, ...]
    adversarial_sizes: tuple[int, int]


FULL: Final = Scale((250_000, 500_000, 1_000_000), (10**6, 4 * 10**6))
SMOKE: Final = Scale((500, 1_000, 2_000), (25_000, 100_000))
SMOKE_SIZE: Final = 200_000
SLOW_CASE: Final = 60.0
"""An adversarial case slower than this (seconds) at its small size is not run at the large one."""
WARM_UP: Final = 64_000
"""Characters parsed once before timing: compiles the patterns and imports lazily loaded code."""
MERGE_REPEAT_LIMIT: Final = 3  # a million-record merge is repeated at most this often
SECTIONS: Final = (
    "floor", "parse", "iter_records", "cli", "cli_stdlib", "cli_files", "dateutil", "merge",
    "adversarial",
)  # fmt: skip
FILES: Final = 20
"""Files of the many-files rows: the generated size split in this many dumps."""
JOBS: Final = 2
STDLIB_CLI: Final = (
    "import sys\nsys.modules['msgspec'] = None  # the fallback encoder\n"
    "from faqparse._cli.main import run\nrun()\n"
)

_T = TypeVar("_T")
Result = dict[str, Any]


def _measure(action: Callable[[], _T], repeat: int) -> tuple[float, list[float], _T]:
    """Median wall time of ``repeat`` calls, every time, and the last result."""
    times: list[float] = []
    result: _T | None = None
    for _ in range(max(1, repeat)):
        result = None  # free the previous result before the next run, outside the timing
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), times, result


def _rates(seconds: float, times: list[float], size: int, records: int, floor: float) -> Result:
    return {
        "seconds": seconds,
        "times": times,
        "mb_per_s": size / MB / seconds,
        "records": records,
        "records_per_s": records / seconds,
        "ratio_to_floor": seconds / floor if floor else None,
    }


def _child(
    argv: Sequence[str], cwd: Path | None = None, cpu: list[float] | None = None
) -> tuple[float, float, int, str]:
    """Run a process to its end: wall seconds, peak resident MiB, exit status, its stdout.

    The process is started by a small launcher process: Linux counts the memory of the process
    that forks into a child's ``ru_maxrss`` (it survives ``exec``), and this one holds the
    whole generated text.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
            launcher = [sys.executable, "-c", LAUNCHER, report.name, *argv]
            status = subprocess.run(launcher, stdout=out, stderr=err, cwd=cwd, check=False)
            measured = json.loads(report.read() or "{}")
        out.seek(0)
        err.seek(0)
        if status.returncode != 0 or measured.get("status") not in (0, 1):
            raise RuntimeError(f"{argv[:4]} failed: {err.read().decode(errors='replace')[-2000:]}")
        seconds, maxrss, exit_status = measured["seconds"], measured["maxrss"], measured["status"]
        if cpu is not None:  # CPU time is less sensitive than wall time to a busy machine
            cpu.append(measured["cpu"])
        return seconds, maxrss * 1024 / MIB, exit_status, out.read().decode()


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB


def machine() -> Result:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    affinity = getattr(os, "sched_getaffinity", None)
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "usable_cores": len(affinity(0)) if affinity else os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "faqparse": faqparse.__version__,
    }


# -- the sections -----------------------------------------------------------------------------


def bench_floor(text: str, size: int, repeat: int) -> Result:
    seconds, times, _ = _measure(lambda: collections.deque(FLOOR.finditer(text), maxlen=0), repeat)
    matches = sum(1 for _ in FLOOR.finditer(text))
    return {"pattern": FLOOR_PATTERN, **_rates(seconds, times, size, matches, seconds)}


def bench_parse(text: str, size: int, repeat: int, floor: float, source: str) -> Result:
    seconds, times, dump = _measure(lambda: faqparse.parse(text, source=source), repeat)
    codes = collections.Counter(str(d.code) for d in dump.diagnostics)
    return {**_rates(seconds, times, size, len(dump.records), floor), "diagnostics": dict(codes)}


def _stream(path: str) -> int:
    records = 0
    for _ in faqparse.iter_records(path):
        records += 1
    return records


def _timed_child(argv: Sequence[str]) -> tuple[float, int]:
    """The seconds a child process prints, what it timed itself (start-up left out), and the
    count it prints after them, if any."""
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    seconds, *count = done.stdout.split()
    return float(seconds), int(count[0]) if count else 0


def bench_read_scan(path: str, size: int, repeat: int, floor: float) -> Result:
    """Read, decode and bare-scan the file in fresh processes: the stream's floor."""
    argv = [sys.executable, "-c", READ_SCAN_CHILD, path, FLOOR_PATTERN]
    runs = [_timed_child(argv) for _ in range(max(1, repeat))]
    times = [seconds for seconds, _ in runs]
    return _rates(statistics.median(times), times, size, runs[-1][1], floor)


def bench_stream(path: str, size: int, repeat: int, floor: float) -> Result:
    """``iter_records`` in fresh processes, as a program that streams one file runs it."""
    records = _stream(path)
    argv = [sys.executable, "-c", TIMED_STREAM_CHILD, path]
    times = [_timed_child(argv)[0] for _ in range(max(1, repeat))]
    read_scan = bench_read_scan(path, size, repeat, floor)
    _, peak, _, _ = _child([sys.executable, "-c", STREAM_CHILD, path])
    _, baseline, _, _ = _child([sys.executable, "-c", IMPORT_CHILD])
    seconds = statistics.median(times)
    return {
        **_rates(seconds, times, size, records, floor),
        "read_scan": read_scan,
        "ratio_to_read_scan": seconds / read_scan["seconds"],
        "peak_rss_mib": peak,
        "import_only_rss_mib": baseline,
    }


def _cli_runs(
    argv: list[str], out: Path, size: int, repeat: int, floor: float, *, command: str
) -> Result:
    cpu: list[float] = []
    runs = [_child(argv, cpu=cpu) for _ in range(max(1, repeat))]
    times = [run[0] for run in runs]
    with out.open("rb") as output:
        records = sum(1 for _ in output)
    return {
        **_rates(statistics.median(times), times, size, records, floor),
        "peak_rss_mib": max(run[1] for run in runs),
        "exit_status": runs[-1][2],
        "command": command,
        "cpu_seconds": statistics.median(cpu),
    }


def bench_cli(path: str, size: int, repeat: int, floor: float, workdir: Path) -> Result:
    out = workdir / "out.jsonl"
    argv = [sys.executable, "-m", "faqparse", "parse", path, "-o", str(out)]
    command = "python -m faqparse parse FILE -o OUT.jsonl"
    return _cli_runs(argv, out, size, repeat, floor, command=command)


def bench_cli_stdlib(path: str, size: int, repeat: int, floor: float, workdir: Path) -> Result:
    """The same command with msgspec hidden: the standard library's encoder."""
    out = workdir / "out-stdlib.jsonl"
    argv = [sys.executable, "-c", STDLIB_CLI, "parse", path, "-o", str(out)]
    result = _cli_runs(argv, out, size, repeat, floor, command="msgspec not importable")
    with (workdir / "out.jsonl").open("rb") as fast, out.open("rb") as slow:
        result["same_bytes"] = fast.read() == slow.read()
    return result


def write_files(size: int, seed: int, workdir: Path) -> tuple[list[str], int, int]:
    """``FILES`` generated dumps of ``size / FILES`` bytes: paths, bytes and records in all."""
    paths, total, records = [], 0, 0
    for number in range(FILES):
        generated = generate_dump(max(size // FILES, 10_000), seed + 1000 + number)
        path = workdir / f"many-{number:02}.txt"
        path.write_bytes(generated.text.encode())
        paths.append(str(path))
        total += generated.size_bytes
        records += generated.records
    return paths, total, records


def bench_cli_files(size: int, seed: int, repeat: int, floor_rate: float, workdir: Path) -> Result:
    """`faqparse parse -j 1` and `-j 2` over ``FILES`` files, one output; the bytes compared."""
    paths, total, records = write_files(size, seed, workdir)
    floor = total / floor_rate  # the floor's time for this many bytes, at its rate in this run
    rows: Result = {"files": FILES, "bytes": total, "generator_records": records}
    for jobs in (1, JOBS):
        out = workdir / f"many-j{jobs}.jsonl"
        argv = [sys.executable, "-m", "faqparse", "parse", "-j", str(jobs), *paths]
        command = f"python -m faqparse parse -j {jobs} FILE x{FILES} -o OUT.jsonl"
        argv += ["-o", str(out)]
        rows[f"j{jobs}"] = _cli_runs(argv, out, total, repeat, floor, command=command)
    one, many = (workdir / f"many-j{jobs}.jsonl" for jobs in (1, JOBS))
    with one.open("rb") as first, many.open("rb") as second:
        rows["same_bytes"] = first.read() == second.read()
    rows["speedup"] = rows["j1"]["seconds"] / rows[f"j{JOBS}"]["seconds"]
    return rows


def _dateutil_parse(text: str) -> int:
    """The naive parser: the floor's anchors, each date handed to dateutil."""
    read = dateutil_parser.parse
    rows = 0
    for match in FLOOR.finditer(text):
        published, updated, views = match.groups()
        row = (
            read(published),
            None if updated is None else read(updated),
            None if views is None else int(views.replace(",", "")),
        )
        rows += row is not None
    return rows


def bench_dateutil(text: str, size: int, repeat: int, floor: float) -> Result:
    seconds, times, rows = _measure(lambda: _dateutil_parse(text), repeat)
    return _rates(seconds, times, size, rows, floor)


def merge_child(total: int, seed: int, repeat: int) -> Result:
    """In a child process: parse a series of snapshots, then time ``faqparse.merge`` on them."""
    merge: Callable[[list[faqparse.Dump]], list[faqparse.Article]] | None = getattr(
        faqparse, "merge", None
    )
    if merge is None:
        return {"status": SKIPPED}
    start = time.perf_counter()
    dumps: list[faqparse.Dump] = []
    shown: set[int] = set()
    for snapshot in generate_snapshots(total, seed):
        dumps.append(
            faqparse.parse(snapshot.text, source=snapshot.source, captured=snapshot.captured)
        )
        shown.update(snapshot.articles)
    built = time.perf_counter() - start
    before = _maxrss_mib()
    seconds, times, articles = _measure(lambda: merge(dumps), repeat)
    records = sum(len(dump.records) for dump in dumps)
    return {
        "status": "ok",
        "records": records,
        "dumps": len(dumps),
        "articles": len(articles),
        "generator_articles": len(shown),
        "seconds": seconds,
        "times": times,
        "records_per_s": records / seconds,
        "build_seconds": built,
        "dumps_rss_mib": before,
        "merge_rss_mib": _maxrss_mib() - before,
    }


def bench_merge(sizes: Sequence[int], seed: int, repeat: int) -> Result:
    if getattr(faqparse, "merge", None) is None:
        return {"status": SKIPPED}
    runs = []
    for total in sizes:
        argv = [sys.executable, "-m", "benchmarks.run", "--merge-child", str(total)]
        argv += ["--seed", str(seed), "--repeat", str(min(repeat, MERGE_REPEAT_LIMIT))]
        _, peak, _, out = _child(argv, cwd=ROOT)
        run: Result = json.loads(out.splitlines()[-1])
        if run["status"] != "ok":
            return {"status": run["status"]}
        runs.append({**run, "peak_rss_mib": peak})
    return {
        "status": "ok",
        "runs": runs,
        "growth_ratio": runs[-1]["seconds"] / runs[0]["seconds"],
        "records_ratio": runs[-1]["records"] / runs[0]["records"],
    }


def bench_adversarial(sizes: tuple[int, int], repeat: int, workdir: Path) -> Result:
    cases: Result = {}
    for name, (what, build) in ADVERSARIAL.items():
        case: Result = {"what": what, "bytes": [], "parse_seconds": [], "stream_seconds": []}
        for size in sizes:
            slow = max(case["parse_seconds"] + case["stream_seconds"], default=0.0)
            if slow > SLOW_CASE:
                case["skipped"] = f"over {SLOW_CASE:.0f} s at the small size: not run larger"
                break
            times = 1 if slow > 1 else repeat  # a super-linear case: once is enough to see it
            text = build(size)
            path = workdir / f"{name}.txt"
            path.write_bytes(text.encode())
            case["bytes"].append(len(text))
            actions: dict[str, Callable[[], object]] = {
                "parse": functools.partial(faqparse.parse, text),
                "stream": functools.partial(_stream, str(path)),
            }
            for way, action in actions.items():
                if f"{way}_error" in case:
                    continue
                try:
                    seconds, _, result = _measure(action, times)
                except Exception as error:  # bad input must never raise: say so, go on
                    case[f"{way}_error"] = f"{type(error).__name__}: {error}"
                    continue
                case[f"{way}_seconds"].append(seconds)
                if isinstance(result, faqparse.Dump):
                    case["records"], case["diagnostics"] = (
                        len(result.records),
                        len(result.diagnostics),
                    )
        for way in ("parse", "stream"):
            seconds = case[f"{way}_seconds"]
            case[f"{way}_growth"] = seconds[1] / seconds[0] if len(seconds) == 2 else None
        case["size_ratio"] = sizes[1] / sizes[0]
        cases[name] = case
    return {"sizes": list(sizes), "cases": cases}


# -- the whole run ----------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(size: int, *, repeat: int, seed: int, smoke: bool, sections: Sequence[str]) -> Result:
    """Every section on one generated text; sections not asked for are left out."""
    scale = SMOKE if smoke else FULL
    results: Result = {
        "machine": machine(),
        "settings": {
            "size": size,
            "repeat": repeat,
            "seed": seed,
            "smoke": smoke,
            **scale._asdict(),
        },
    }
    _say(f"generating {size / MB:.1f} MB (seed {seed})")
    generated = generate_dump(size, seed)
    text, n_bytes = generated.text, generated.size_bytes
    results["input"] = {
        "bytes": n_bytes,
        "records": generated.records,
        "expected_diagnostics": generated.expected_diagnostics,
        "variants": generated.variants,
    }
    with tempfile.TemporaryDirectory(prefix="faqparse-bench-") as tmp:
        workdir = Path(tmp)
        path = workdir / f"generated-seed{seed}.txt"
        path.write_bytes(text.encode())
        faqparse.parse(text[:WARM_UP])
        _dateutil_parse(text[:WARM_UP])
        _say("floor: re.finditer")
        floor = results["floor"] = bench_floor(text, n_bytes, repeat)
        base = floor["seconds"]
        benches: dict[str, Callable[[], Result]] = {
            "parse": lambda: bench_parse(text, n_bytes, repeat, base, path.name),
            "iter_records": lambda: bench_stream(str(path), n_bytes, repeat, base),
            "cli": lambda: bench_cli(str(path), n_bytes, repeat, base, workdir),
            "cli_stdlib": lambda: bench_cli_stdlib(str(path), n_bytes, repeat, base, workdir),
            "cli_files": lambda: bench_cli_files(n_bytes, seed, repeat, n_bytes / base, workdir),
            "dateutil": lambda: bench_dateutil(text, n_bytes, repeat, base),
            "merge": lambda: bench_merge(scale.merge_sizes, seed, repeat),
            "adversarial": lambda: bench_adversarial(
                scale.adversarial_sizes, max(repeat, 3), workdir
            ),
        }
        for name, bench in benches.items():
            if name in sections:
                _say(name)
                results[name] = bench()
    results["targets"] = targets(results)
    return results


def targets(results: Result) -> list[Result]:
    """The speed and memory targets, checked on this run (stated for a dump of 50 MB or more)."""
    checks: list[Result] = []

    def check(what: str, measured: float | None, limit: float, *, at_most: bool = True) -> None:
        met = None if measured is None else measured <= limit if at_most else measured >= limit
        checks.append({"target": what, "measured": measured, "met": met})

    if "parse" in results:
        check("parse -> Dump at most 6x the floor", results["parse"]["ratio_to_floor"], 6)
    if "iter_records" in results:
        stream = results["iter_records"]
        check(
            "iter_records at most 3x read + decode + bare scan (fresh processes)",
            stream["ratio_to_read_scan"],
            3,
        )
        check("iter_records peak RSS under 64 MiB", stream["peak_rss_mib"], 64)
    if "cli" in results:
        check("CLI at least 55 MB/s of input", results["cli"]["mb_per_s"], 55, at_most=False)
    if "cli_files" in results:
        many = results["cli_files"][f"j{JOBS}"]["mb_per_s"]
        check(f"CLI -j {JOBS} over {FILES} files at least 80 MB/s", many, 80, at_most=False)
    merge = results.get("merge", {})
    if merge.get("status") == "ok":
        linear = merge["records_ratio"] * 1.5
        check(
            f"merge time grows linearly (ratio at most {linear:.1f})", merge["growth_ratio"], linear
        )
    for name, case in results.get("adversarial", {}).get("cases", {}).items():
        limit = case["size_ratio"] * 1.5
        for way in ("parse", "stream"):
            if f"{way}_error" in case:
                checks.append({"target": f"adversarial {name}: {way} never raises", "met": False,
                               "measured": None})  # fmt: skip
            else:
                check(f"adversarial {name}: {way} grows linearly", case[f"{way}_growth"], limit)
    return checks


# -- the table --------------------------------------------------------------------------------

ROWS: Final = (
    ("floor", "floor: bare re.finditer over anchors"),
    ("parse", "faqparse.parse(text) -> Dump"),
    ("iter_records", "faqparse.iter_records(path) (process)"),
    ("cli", "faqparse parse FILE -o OUT (process)"),
    ("cli_stdlib", "the same, standard-library JSON"),
    ("dateutil", "naive: anchors + dateutil per date"),
)


def _row(label: str, row: Result) -> str:
    peak = row.get("peak_rss_mib")
    return (
        f"{label:<40}{row['seconds']:>9.3f} s{row['mb_per_s']:>9.1f}{row['records_per_s']:>13,.0f}"
        f"{'-' if peak is None else f'{peak:.1f} MiB':>12}{row['ratio_to_floor']:>9.2f}"
    )


def render(results: Result) -> str:
    """The human-readable report of ``run``'s results."""
    settings, source, computer = results["settings"], results["input"], results["machine"]
    lines = [
        f"faqparse benchmark: generated dump of {source['bytes'] / MB:.1f} MB, "
        f"{source['records']:,} records (seed {settings['seed']}), "
        f"median of {settings['repeat']} run(s){' [smoke]' if settings['smoke'] else ''}",
        f"machine: {computer['cpu']}, {computer['cores']} cores"
        f" ({computer['usable_cores']} usable), {computer['implementation']} {computer['python']},"
        f" {computer['platform']}",
        "",
        f"{'':<40}{'time':>11}{'MB/s':>9}{'records/s':>13}{'peak RSS':>12}{'x floor':>9}",
    ]
    lines += [_row(label, results[key]) for key, label in ROWS if key in results]
    if "iter_records" in results:
        lines.append(
            _row("read + decode + bare scan (process)", results["iter_records"]["read_scan"])
        )
    if "cli_files" in results:
        many = results["cli_files"]
        for jobs in (1, JOBS):
            label = f"parse -j {jobs}, {FILES} files of {many['bytes'] / FILES / MB:.1f} MB"
            lines.append(_row(label, many[f"j{jobs}"]))
    lines += ["", f"floor pattern (Python re): {results['floor']['pattern']}"]
    if "parse" in results:
        lines.append(
            f"records: floor matched {results['floor']['records']:,}, parse read "
            f"{results['parse']['records']:,}, the generator wrote {source['records']:,}; "
            f"diagnostics {results['parse']['diagnostics'] or 'none'}, "
            f"expected {source['expected_diagnostics'] or 'none'}"
        )
    if "iter_records" in results:
        stream = results["iter_records"]
        lines.append(
            f"iter_records peak RSS {stream['peak_rss_mib']:.1f} MiB in a child that imports"
            f" faqparse and streams the file (importing alone: {stream['import_only_rss_mib']:.1f}"
            " MiB)"
        )
        lines.append(
            f"iter_records in a fresh process: {stream['ratio_to_read_scan']:.2f}x reading,"
            " decoding and bare-scanning the file in a fresh process (both timed after start-up)"
        )
    if "cli" in results:
        lines.append(f"CLI exit status {results['cli']['exit_status']}; time includes start-up")
    cpu = [
        f"{label} {row['cpu_seconds']:.2f} s"
        for label, row in (
            ("one file", results.get("cli")),
            ("stdlib JSON", results.get("cli_stdlib")),
            ("-j 1", results.get("cli_files", {}).get("j1")),
            (f"-j {JOBS}", results.get("cli_files", {}).get(f"j{JOBS}")),
        )
        if row is not None
    ]
    if cpu:
        lines.append(
            "CPU time of the command rows (user + system, workers included): " + ", ".join(cpu)
        )
    if "cli_stdlib" in results:
        same = "the same bytes" if results["cli_stdlib"]["same_bytes"] else "DIFFERENT BYTES"
        lines.append(f"msgspec and the standard library's encoder wrote {same}")
    if "cli_files" in results:
        many = results["cli_files"]
        same = "the same bytes" if many["same_bytes"] else "DIFFERENT BYTES"
        lines.append(
            f"-j {JOBS} against -j 1: {many['speedup']:.2f}x as fast, {same}; the x floor of"
            " the many-files rows is against the floor's time for their bytes"
        )
    lines += _render_merge(results.get("merge"))
    lines += _render_adversarial(results.get("adversarial"))
    if results["targets"]:
        lines += ["", "targets (docs/performance.md):"]
        for item in results["targets"]:
            mark = {True: "met   ", False: "MISSED", None: "n/a   "}[item["met"]]
            measured = "-" if item["measured"] is None else f"{item['measured']:.2f}"
            lines.append(f"  {mark} {item['target']}: {measured}")
    return "\n".join(lines)


def _short(count: int) -> str:
    return f"{count / 10**6:g}M" if count >= 10**6 else f"{count / 1000:g}k"


def _render_merge(merge: Result | None) -> list[str]:
    if merge is None:
        return []
    if merge["status"] != "ok":
        return ["", f"merge: {merge['status']}"]
    lines = [
        "",
        f"{'merge':<10}{'records':>11}{'dumps':>8}{'articles':>10}{'(generator)':>12}"
        f"{'time':>11}{'records/s':>12}{'peak RSS':>12}{'dumps alone':>13}",
    ]
    for run in merge["runs"]:
        lines.append(
            f"{_short(run['records']):>10}{run['records']:>11,}{run['dumps']:>8,}"
            f"{run['articles']:>10,}{run['generator_articles']:>12,}{run['seconds']:>9.2f} s"
            f"{run['records_per_s']:>12,.0f}{run['peak_rss_mib']:>8.0f} MiB"
            f"{run['dumps_rss_mib']:>9.0f} MiB"
        )
    lines.append(
        f"growth: {merge['growth_ratio']:.2f}x the time for {merge['records_ratio']:.1f}x the"
        " records (linear: the same)"
    )
    return lines


def _render_adversarial(adversarial: Result | None) -> list[str]:
    if adversarial is None:
        return []
    small, large = (f"{size / MB:g} MB" for size in adversarial["sizes"])
    lines = [
        "",
        f"{'adversarial input':<24}{'parse ' + small:>14}{'parse ' + large:>14}{'growth':>9}"
        f"{'stream ' + small:>16}{'stream ' + large:>15}{'growth':>9}",
    ]
    errors = []
    for name, case in adversarial["cases"].items():
        cells = []
        for way, width in (("parse", 14), ("stream", 16)):
            seconds = [f"{value:.4f} s" for value in case[f"{way}_seconds"]]
            seconds += ["raised" if f"{way}_error" in case else "skipped"] * (2 - len(seconds))
            growth = case[f"{way}_growth"]
            growth_text = "-" if growth is None else f"{growth:.2f}"
            cells.append(f"{seconds[0]:>{width}}{seconds[1]:>15}{growth_text:>9}")
            if f"{way}_error" in case:
                errors.append(f"  {name}: {way} raised {case[f'{way}_error'][:160]}")
        lines.append(f"{name:<24}{''.join(cells)}")
        if "skipped" in case:
            errors.append(f"  {name}: {case['skipped']}")
    small_size, large_size = adversarial["sizes"]
    ratio = large_size / small_size
    lines.append(f"(sizes differ {ratio:.1f}x: linear growth is a ratio near {ratio:.1f})")
    return lines + errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--size", type=parse_size, help="generated dump size (default 50MB)")
    parser.add_argument("--repeat", type=int, help="repetitions, median reported (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON here")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition (CI)")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only this section (repeatable)"
    )
    parser.add_argument("--merge-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeat = args.repeat if args.repeat is not None else 1 if args.smoke else 5
    if args.merge_child is not None:
        print(json.dumps(merge_child(args.merge_child, args.seed, repeat)))
        return 0
    size = args.size if args.size is not None else SMOKE_SIZE if args.smoke else 50 * MB
    results = run(
        size, repeat=repeat, seed=args.seed, smoke=args.smoke, sections=args.only or SECTIONS
    )
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
