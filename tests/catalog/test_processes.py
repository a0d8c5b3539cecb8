"""The SQLite catalog under real processes: killed mid-run, two runs at once, a reader."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import faqparse

from .catalog_child import snapshots

CHILD = Path(__file__).parent / "catalog_child.py"


def _start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *arguments], stdout=subprocess.PIPE, text=True
    )


def _articles(path: Path) -> list[faqparse.Article]:
    with faqparse.Catalog.open(path, create=False) as catalog:
        return list(catalog.articles)


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def _base(path: Path, seed: int, records: int) -> list[faqparse.Article]:
    with faqparse.Catalog.open(path) as catalog:
        for dump in snapshots(seed, records):
            catalog.add(dump)
    return _articles(path)


def test_a_run_killed_at_random_points_leaves_the_previous_state(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    before = _base(base, 1, 4000)
    after: list[faqparse.Article] | None = None
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for attempt in range(6):
        path = tmp_path / f"run{attempt}.sqlite"
        shutil.copyfile(base, path)
        child = _start("add", str(path), "2", "40000")
        # Kill after a random number of the run's 100 adds, or while it commits.
        lines = rng.randint(1, 102)
        assert child.stdout is not None
        said = "".join(child.stdout.readline() for _ in range(lines))
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        said += child.communicate()[0]
        assert _integrity(path) == "ok", f"random seed {seed}"
        found = _articles(path)
        if "committing" not in said:
            assert found == before, f"random seed {seed}, kill {attempt}: {said.split()[-1:]}"
            continue
        if after is None:
            after = faqparse.merge(snapshots(1, 4000) + snapshots(2, 40000))
        assert found in (before, after), f"random seed {seed}, kill {attempt}"
        if "committed" in said:
            assert found == after, f"random seed {seed}, kill {attempt}"


def test_two_runs_at_once_both_land_and_a_reader_sees_before_or_after(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    before = len(_base(path, 1, 400))
    reader = _start("read", str(path), "4")
    writers = [_start("add", str(path), str(seed), "20000") for seed in (2, 3)]
    for writer in writers:
        said, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        assert said.endswith("committed\n")
    counts, _ = reader.communicate(timeout=120)
    expected = faqparse.merge(snapshots(1, 400) + snapshots(2, 20000) + snapshots(3, 20000))
    assert _articles(path) == expected
    assert _integrity(path) == "ok"
    totals = {400, 20400, 40400}  # before, after one run, after both
    seen = {int(line) for line in counts.split()}
    assert seen <= totals
    assert before == len(faqparse.merge(snapshots(1, 400)))
