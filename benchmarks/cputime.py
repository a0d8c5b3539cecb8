"""CPU time of ``parse`` and ``iter_records``, against another source tree in the same run.

Wall-clock ratios swing twofold on a shared machine; the processor time a process spends
in a call swings far less. Each measurement runs in a fresh child process that imports
faqparse from the tree it is given, parses a generated dump once to warm the caches, then
reports the least ``time.process_time()`` of ``--repeat`` calls. Trees alternate round by
round, so a change in load falls on both::

    python -m benchmarks.cputime                               # this tree only
    python -m benchmarks.cputime --against /tmp/old/src        # a tree of an older commit
    git archive 3717c0b src | tar -x -C /tmp/old               # how to make one
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.generate import generate, parse_size

HERE = Path(__file__).resolve().parent.parent / "src"

_CHILD = """
import io, json, sys, time
sys.path.insert(0, sys.argv[1])
import faqparse
data = open(sys.argv[2], "rb").read()
repeat = int(sys.argv[3])
faqparse.parse(data)
def least(call):
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best
parse = least(lambda: faqparse.parse(data))
stream = least(lambda: sum(1 for _ in faqparse.iter_records(io.BytesIO(data))))
print(json.dumps({"parse": parse, "iter_records": stream}))
"""


def measure(tree: Path, dump: Path, repeat: int) -> dict[str, float]:
    """The least CPU seconds of each call, in a child importing faqparse from ``tree``."""
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(dump), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cputime", description=__doc__)
    parser.add_argument("--size", default="2MB", help="the generated dump's size (2MB)")
    parser.add_argument("--repeat", type=int, default=15, help="calls per measurement (15)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (3)")
    parser.add_argument("--against", type=Path, help="another tree's src folder to compare")
    args = parser.parse_args(argv)
    trees = {"this tree": HERE} | ({} if args.against is None else {"against": args.against})
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "dump.txt"
        dump.write_text(generate(parse_size(args.size), seed=1), encoding="utf-8")
        best: dict[str, dict[str, float]] = {}
        for number in range(1, args.rounds + 1):
            for name, tree in trees.items():
                figures = measure(tree, dump, args.repeat)
                print(
                    f"round {number} {name:9}  parse {figures['parse'] * 1000:8.2f} ms"
                    f"  iter_records {figures['iter_records'] * 1000:8.2f} ms"
                )
                kept = best.setdefault(name, figures)
                best[name] = {key: min(kept[key], value) for key, value in figures.items()}
    for name, figures in best.items():
        print(
            f"least    {name:9}  parse {figures['parse'] * 1000:8.2f} ms"
            f"  iter_records {figures['iter_records'] * 1000:8.2f} ms"
        )
    if "against" in best:
        for key in ("parse", "iter_records"):
            print(
                f"{key}: this tree / against = {best['this tree'][key] / best['against'][key]:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
