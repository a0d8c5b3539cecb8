"""A bulk build: many dumps into a new catalog in one run, merged once per block in memory.

It must leave the file exactly as adding the dumps one run at a time leaves it (every table,
row ids included), give what ``faqparse.merge`` gives, and survive a SIGKILL at any point.
"""

from __future__ import annotations

import gc
import random
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import faqparse
from faqparse._catalog import sqlite as _store

from .catalog_child import snapshots
from .test_contract import _shown, dumps
from .test_processes import _integrity, _start

# Every table a catalog keeps, in a fixed order; a dump's ``added`` is the clock's.
TABLES = {
    "dumps": "SELECT id, digest, source, captured, locale, kind, records, diagnostics"
    " FROM dumps ORDER BY id",
    "dump_diagnostics": "SELECT * FROM dump_diagnostics ORDER BY dump, code, severity",
    "texts": "SELECT * FROM texts ORDER BY id",
    "blocks": "SELECT * FROM blocks ORDER BY id",
    "articles": "SELECT * FROM articles ORDER BY block, number",
    "observations": "SELECT * FROM observations ORDER BY block, dump, position",
    "walks": "SELECT * FROM walks ORDER BY block",
}
SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {name: connection.execute(query).fetchall() for name, query in TABLES.items()}
    finally:
        connection.close()


def _schema(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(SCHEMA).fetchall()
    finally:
        connection.close()


def _one_run(path: Path, dumps: list[faqparse.Dump]) -> tuple[list[faqparse.Article], list[object]]:
    """Add the dumps in one run: the articles it touched and its diagnostics."""
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)
        diagnostics = _shown(catalog.diagnostics)
        catalog.commit()
        touched = list(catalog.touched())
    return touched, list(diagnostics)


def _run_per_dump(path: Path, dumps: list[faqparse.Dump]) -> None:
    for dump in dumps:
        with faqparse.Catalog.open(path) as catalog:
            catalog.add(dump)


def _expected(dumps: list[faqparse.Dump]) -> tuple[list[faqparse.Article], list[object]]:
    memory = faqparse.Catalog()
    for dump in dumps:
        memory.add(dump)
    return list(memory.articles), list(_shown(memory.diagnostics_of(d.digest for d in dumps)))


@pytest.mark.parametrize("held", [2_000_000, 700])
def test_a_bulk_build_equals_runs_one_dump_at_a_time_and_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    # 700 observations held at most: the load is written several times during the run, and
    # blocks it wrote get more observations later in the same run (merged again then).
    monkeypatch.setattr(_store, "_HELD", held)
    series = snapshots(5, 6000)
    bulk, slow = tmp_path / "bulk.sqlite", tmp_path / "slow.sqlite"
    touched, diagnostics = _one_run(bulk, series)
    _run_per_dump(slow, series)
    assert _tables(bulk) == _tables(slow)
    # A load into an empty table builds the index by dump afterwards: the same index.
    with faqparse.Catalog.open(tmp_path / "new.sqlite"):
        pass
    assert _schema(bulk) == _schema(tmp_path / "new.sqlite")
    articles, notes = _expected(series)
    assert touched == articles == faqparse.merge(series)
    assert diagnostics == notes
    assert notes  # the series holds weak matches: the comparison is not of empty lists
    with faqparse.Catalog.open(bulk, read_only=True) as catalog:
        assert list(catalog.articles) == articles


def test_a_run_over_blocks_old_and_new_equals_the_merge(tmp_path: Path) -> None:
    earlier, later = snapshots(6, 2400), snapshots(7, 2400)
    path, slow = tmp_path / "catalog.sqlite", tmp_path / "slow.sqlite"
    _one_run(path, earlier[::2])
    # Older and newer snapshots of blocks it holds, and blocks it does not hold.
    touched, diagnostics = _one_run(path, earlier[1::2] + later)
    _run_per_dump(slow, earlier[::2] + earlier[1::2] + later)
    assert _tables(path) == _tables(slow)
    everything = faqparse.merge(earlier + later)
    added = {dump.digest for dump in earlier[1::2] + later}
    assert touched == [a for a in everything if any(o.digest in added for o in a.observations)]
    memory = faqparse.Catalog()
    for dump in earlier + later:
        memory.add(dump)
    assert diagnostics == list(_shown(memory.diagnostics_of(added)))


def test_removing_a_dump_whose_records_are_still_held_equals_never_adding_it(
    tmp_path: Path,
) -> None:
    series = snapshots(8, 2000)
    path = tmp_path / "catalog.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        for dump in series:
            catalog.add(dump)
        assert catalog.remove(series[2].digest)
        catalog.add(series[2])  # and back, in the same run
        assert catalog.remove(series[3].digest)
    kept = series[:3] + series[4:]
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge(kept)
        assert {dump.digest for dump in catalog.dumps()} == {dump.digest for dump in kept}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(dumps(), min_size=1, max_size=4), min_size=1, max_size=3), st.booleans())
def test_runs_of_small_dumps_written_in_one_load_or_many_give_the_merge(
    runs: list[list[faqparse.Dump]], small: bool
) -> None:
    with tempfile.TemporaryDirectory() as directory, pytest.MonkeyPatch.context() as patch:
        if small:
            patch.setattr(_store, "_HELD", 2)
        path = Path(directory) / "catalog.sqlite"
        memory = faqparse.Catalog()
        for run in runs:
            with faqparse.Catalog.open(path) as catalog:
                added = {dump.digest for dump in run if catalog.add(dump)}
                for dump in run:
                    memory.add(dump)
                assert _shown(catalog.diagnostics) == _shown(memory.diagnostics_of(added))
                catalog.commit()
                touched = list(catalog.touched())
            assert touched == [
                a for a in memory.articles if any(o.digest in added for o in a.observations)
            ]
        with faqparse.Catalog.open(path, read_only=True) as catalog:
            assert list(catalog.articles) == list(memory.articles)


def test_a_bulk_build_killed_at_random_points_leaves_the_new_catalog_empty(
    tmp_path: Path,
) -> None:
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    after: list[faqparse.Article] | None = None
    for attempt in range(6):
        path = tmp_path / f"new{attempt}.sqlite"
        child = _start("add", str(path), "9", "24000")  # 60 dumps, one run
        assert child.stdout is not None
        # Kill after some adds, or after the last, while the load is written and committed.
        lines = rng.randint(1, 62)
        said = "".join(child.stdout.readline() for _ in range(lines))
        time.sleep(rng.uniform(0, 0.02) if lines < 60 else rng.uniform(0, 1.5))
        child.kill()
        said += child.communicate()[0]
        where = f"random seed {seed}, kill {attempt} after {said.split()[-1:]}"
        if not path.exists():  # killed before it made the file
            continue
        assert _integrity(path) == "ok", where
        with faqparse.Catalog.open(path) as catalog:
            found = list(catalog.articles)
        if "committing" not in said:
            assert found == [], where
            continue
        if after is None:
            after = faqparse.merge(snapshots(9, 24000))
        assert found in ([], after), where
        if "committed" in said:
            assert found == after, where


def test_held_observations_are_plain_values_the_collector_stops_walking(tmp_path: Path) -> None:
    """A bulk build through the API keeps the collector running between adds: what it holds
    is tuples of plain values, which a collection leaves untracked, so that later full
    collections do not walk every held observation again."""
    dumps = [faqparse.parse_file(path) for path in faqparse.sample_paths()]
    with faqparse.Catalog.open(tmp_path / "catalog.sqlite") as catalog:
        for dump in dumps:
            catalog.add(dump)
        held = [entry for entries in catalog._load._blocks.values() for entry in entries]
        assert len(held) == sum(len(dump.records) for dump in dumps)
        gc.collect()
        assert not any(gc.is_tracked(entry) for entry in held)
        catalog.commit()
    with faqparse.Catalog.open(tmp_path / "catalog.sqlite", read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge(dumps)
