"""How the merge scales with the records of one block in one dump: a ratio, not a time.

A dump that lists one title and date many times is merged at N, 2N, 4N and 8N records, in
four shapes (each record with its count; every other one a copy without a count; distinct
snippets; one record listed again and again). The processor time per record at 8N over the
time per record at N is about 1 for a linear merge and about 8 for a quadratic one, on any
machine, loaded or not::

    python -m benchmarks.same_key                # N = 2000: a few seconds
    python -m benchmarks.same_key --records 500  # smaller
    python -m benchmarks.same_key --check 3      # exit 1 if a ratio exceeds 3

With ``--dumps``, the same shapes over many dumps instead: D daily snapshots of the same N
records, so that every dump after the first has its records assigned against the articles of
the dumps before it (past eight records of one block in one dump, greedily). The processor
time per record of those dumps (the first, which only starts articles, taken off) at the
largest D over the smallest is about 1 for a merge linear in dumps x records. A merge that
scores every record against every article costs about N per record instead, whatever D:
compare the figures at two values of ``--records``::

    python -m benchmarks.same_key --dumps 2 4 8 16 --records 1000

One more shape runs with ``--dumps``: counts that fall every day, so that every record of
every dump starts an article and the block's articles grow with the dumps. Its ratio is
about 1 for a merge linear in the records, and grows with D for one that reads every
article of the block for every record (D x N articles by the last dump)::

    python -m benchmarks.same_key --dumps 50 200 800 --records 1
    python -m benchmarks.same_key --dumps 50 200 800 --records 9
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date

import attrs

import faqparse

HEADER = "All\nFAQ\nAnnouncements\nProduct documents\n"
DATES = "Published on 5 Sept 2023Updated on 29 May 2026"
SHAPES: dict[str, tuple[Callable[[int], str], Callable[[int], str]]] = {
    "counts": (lambda n: f"{n + 1:,}", lambda n: "same snippet"),
    "copies": (lambda n: "5" if n % 2 == 0 else "", lambda n: f"snippet {n // 2}"),
    "distinct": (lambda n: str(n + 1), lambda n: f"snippet {n}"),
    "repeated": (lambda n: "7" if n == 0 else "", lambda n: "same"),
}


def dump_text(records: int, shape: str) -> str:
    views, snippet = SHAPES[shape]
    return HEADER + "".join(f"Same title\n{snippet(n)}{DATES}{views(n)}" for n in range(records))


def per_record(records: int, shape: str, repeat: int) -> float:
    """The least processor time of ``repeat`` merges of the dump, per record."""
    dump = faqparse.parse(dump_text(records, shape), "same-key.txt")
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        faqparse.merge([dump])
        best = min(best, time.process_time() - start)
    return best / records


FALLING = "falling"
"""A shape for ``--dumps`` only: counts that fall every day, so that no record fits an article
of the days before and every record of every dump starts one."""


def falling_text(records: int, day: int) -> str:
    counts = (10**9 - (day * records + n) for n in range(records))
    return HEADER + "".join(f"Same title\nsnippet {n}{DATES}{c:,}" for n, c in enumerate(counts))


def snapshots(records: int, shape: str, dumps: int) -> list[faqparse.Dump]:
    """``dumps`` daily snapshots of one dump of the shape: the same records every day (each
    snapshot its own dump, by its digest), so that each record's own article stays its
    nearest and every dump after the first is assigned against all the articles. The
    ``FALLING`` shape lists records whose counts fall every day instead: each starts one."""
    first = date(2026, 6, 1).toordinal()
    if shape != FALLING:
        dump = faqparse.parse(dump_text(records, shape), "same-key.txt")
    taken = []
    for day in range(dumps):
        if shape == FALLING:
            dump = faqparse.parse(falling_text(records, day), "same-key.txt")
        taken.append(
            attrs.evolve(dump, captured=date.fromordinal(first + day), digest=f"{day:064x}")
        )
    return taken


def per_record_over_dumps(records: int, shape: str, dumps: int, repeat: int) -> float:
    """The processor time per record of the dumps after the first, assigned against the
    articles before them: the least of ``repeat`` merges of ``dumps`` snapshots, less the
    least of ``repeat`` merges of the first alone (which only starts articles)."""
    taken = snapshots(records, shape, dumps)
    first = every = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        faqparse.merge(taken[:1])
        middle = time.process_time()
        faqparse.merge(taken)
        first, every = min(first, middle - start), min(every, time.process_time() - middle)
    return max(0.0, every - first) / (records * (dumps - 1))


def over_dumps(records: int, counts: list[int], repeat: int) -> float:
    """Print the time per assigned record at each number of dumps (at least 2); the worst
    ratio, most dumps over fewest."""
    print("shape      N         " + "".join(f"{f'us/rec D={d}':>14}" for d in counts) + "    ratio")
    worst = 0.0
    for shape in [*SHAPES, FALLING]:
        times = [per_record_over_dumps(records, shape, d, repeat) for d in counts]
        ratio = times[-1] / times[0]
        worst = max(worst, ratio)
        figures = "".join(f"{t * 1e6:14.1f}" for t in times)
        print(f"{shape:10} {records:<9,} {figures} {ratio:8.2f}")
    return worst


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=2000, help="N (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="merges per figure (least kept)")
    parser.add_argument("--check", type=float, metavar="RATIO", help="fail above this ratio")
    parser.add_argument(
        "--dumps", type=int, nargs="+", metavar="D", help="merge D snapshots of N records each"
    )
    args = parser.parse_args(argv)
    worst = 0.0
    per_record(100, "counts", 1)  # the first merge pays for imports and caches
    if args.dumps:
        if min(args.dumps) < 2:
            parser.error("--dumps: at least 2 each")
        worst = over_dumps(args.records, sorted(args.dumps), args.repeat)
        if args.check is not None and worst > args.check:
            print(f"a ratio of {worst:.2f} exceeds {args.check}", file=sys.stderr)
            return 1
        return 0
    print("shape      N         us/record at N   at 8N    ratio")
    for shape in SHAPES:
        small = per_record(args.records, shape, args.repeat)
        large = per_record(8 * args.records, shape, args.repeat)
        ratio = large / small
        worst = max(worst, ratio)
        print(f"{shape:10} {args.records:<9,} {small * 1e6:14.1f} {large * 1e6:8.1f} {ratio:8.2f}")
    if args.check is not None and worst > args.check:
        print(f"a ratio of {worst:.2f} exceeds {args.check}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
