"""A later snapshot extends each block's kept walk instead of merging its history again, and
gives exactly what merging everything again gives: articles, ids, observations, diagnostics."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import faqparse
from faqparse._catalog.blocks import merged, observe
from faqparse._catalog.bulk import BulkLoad
from faqparse._catalog.sqlite import CatalogFile
from faqparse._catalog.walks import save
from faqparse._merge.chain import Chain
from faqparse._merge.keys import BlockKey, block_key
from faqparse._model import Observation
from faqparse.testing import render

from .test_contract import Row, _shown, dumps

# Mostly days in order, some with a time, one unknown: later-than-all snapshots are common,
# and so are snapshots inside a block's history and of its last day.
CAPTURED = (
    *(date(2026, 6, day) for day in range(1, 7)),
    datetime(2026, 6, 3, 9, 30),
    datetime(2026, 6, 3, 18, 0),
    None,
)


def _time(dump: faqparse.Dump) -> tuple[int, str]:
    captured = dump.captured
    if captured is None:
        return (2, "")
    return (0, captured.isoformat()) if isinstance(captured, datetime) else (0, str(captured))


@settings(max_examples=80, deadline=None)
@given(st.lists(dumps(("a.txt", "b.txt"), CAPTURED), min_size=1, max_size=6), st.data())
def test_runs_in_time_order_or_not_give_the_merge_of_all_dumps(
    drawn: list[faqparse.Dump], data: st.DataObject
) -> None:
    in_order: bool = data.draw(st.booleans())
    order = sorted(drawn, key=_time) if in_order else data.draw(st.permutations(drawn))
    together: bool = data.draw(st.booleans())  # two dumps in one run now and then
    memory = faqparse.Catalog()
    kept = []  # a dump of a digest already held is not added (its text, another time)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.sqlite"
        step = 2 if together else 1
        for start in range(0, len(order), step):
            added = set()
            with faqparse.Catalog.open(path) as catalog:
                for dump in order[start : start + step]:
                    fresh = catalog.add(dump)
                    assert memory.add(dump) is fresh
                    if fresh:
                        added.add(dump.digest)
                        kept.append(dump)
                assert _shown(catalog.diagnostics) == _shown(memory.diagnostics_of(added))
                touched = list(catalog.touched())
            assert touched == [
                a for a in memory.articles if any(o.digest in added for o in a.observations)
            ]
        with faqparse.Catalog.open(path, create=False) as catalog:
            found = list(catalog.articles)
            again = [catalog.article(article.id) for article in found]
    expected = faqparse.merge(kept)
    assert found == expected
    assert again == expected


def _daily(days: int, twins: bool = False) -> list[faqparse.Dump]:
    """The same articles scraped once a day, each gaining views."""
    found = []
    for day in range(days):
        records = [
            Row(f"Article {n}", f"About {n}.", date(2025, 1, 1), None, 100 * n + day * (n + 1))
            for n in range(5)
        ]
        if twins:  # two articles of one title and date, growing apart
            records.append(Row("Twin", "One twin.", date(2025, 2, 2), None, 1_000 + 10 * day))
            records.append(Row("Twin", "Other twin.", date(2025, 2, 2), None, 1_005 + 30 * day))
        captured = datetime(2026, 1, 1, 8) + timedelta(days=day)
        found.append(faqparse.parse(render(records), f"day-{day}.txt", captured=captured))
    return found


def _count_rewalks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The blocks merged again from their history from now on (``CatalogFile._rewrite``)."""
    rewalked: list[int] = []
    rewrite = CatalogFile._rewrite

    def counted(self: CatalogFile, block: int) -> None:
        rewalked.append(block)
        rewrite(self, block)

    monkeypatch.setattr(CatalogFile, "_rewrite", counted)
    return rewalked


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The blocks new to the catalog merged once and loaded (``BulkLoad._write_block``)."""
    loaded: list[int] = []
    write = BulkLoad._write_block

    def counted(self: BulkLoad, block: int, *rest: Any, **named: Any) -> Any:
        loaded.append(block)
        return write(self, block, *rest, **named)

    monkeypatch.setattr(BulkLoad, "_write_block", counted)
    return loaded


@pytest.mark.parametrize("twins", [False, True])
def test_a_later_snapshot_walks_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, twins: bool
) -> None:
    dumps = _daily(6, twins=twins)
    path = tmp_path / "catalog.sqlite"
    rewalked = _count_rewalks(monkeypatch)
    loaded = _count_loads(monkeypatch)
    for number, dump in enumerate(dumps):
        with faqparse.Catalog.open(path) as catalog:
            assert catalog.add(dump)
        if number == 0:
            assert len(loaded) == 5 + twins  # new blocks are merged once, and loaded
            loaded.clear()
    assert rewalked == []  # every later day extended the kept walks
    assert loaded == []
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge(dumps)


def test_a_snapshot_inside_the_history_walks_the_block_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumps = _daily(4)
    path = tmp_path / "catalog.sqlite"
    for dump in [*dumps[:1], *dumps[2:]]:
        with faqparse.Catalog.open(path) as catalog:
            catalog.add(dump)
    rewalked = _count_rewalks(monkeypatch)
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dumps[1])  # a day the catalog had missed
    assert len(rewalked) == 5
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge(dumps)


def test_several_later_days_in_one_run_extend_the_walks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumps = _daily(5, twins=True)
    path = tmp_path / "catalog.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dumps[0])
    rewalked = _count_rewalks(monkeypatch)
    with faqparse.Catalog.open(path) as catalog:
        for dump in reversed(dumps[1:]):  # any order within the run: walked in time order
            catalog.add(dump)
    assert rewalked == []
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge(dumps)


@settings(max_examples=80, deadline=None)
@given(st.lists(dumps(("a.txt", "b.txt"), CAPTURED), min_size=1, max_size=6))
def test_the_walk_kept_is_the_one_the_merge_left(given: list[faqparse.Dump]) -> None:
    """A block's kept walk is taken from the merge that made its articles: it is what
    making every article's chain again from its observations gives, row for row."""
    blocks: dict[BlockKey, list[Observation]] = {}
    kept = {dump.digest: dump for dump in reversed(given)}  # a digest counts once
    for dump in kept.values():
        for record in dump.records:
            key = block_key(record.title, record.published, dump.locale)
            blocks.setdefault(key, []).append(observe(dump, record))
    texts: dict[str, int] = {}
    for key, observations in blocks.items():
        walked: list[tuple[str, Chain]] = []
        articles, _ = merged(key, observations, lambda _: None, walked)
        assert sorted(identity for identity, _ in walked) == [a.id for a in articles]
        saved = []
        for chains in (walked, None):
            connection = sqlite3.connect(":memory:")
            connection.execute("CREATE TABLE walks (block INTEGER PRIMARY KEY, last_day, chains)")
            save(connection, 1, articles, lambda body: texts.setdefault(body, len(texts)), chains)
            saved.append(connection.execute("SELECT * FROM walks").fetchall())
            connection.close()
        assert saved[0] == saved[1]
        known = all(o.captured is not None for o in observations)
        assert len(saved[0]) == (1 if known else 0)
