"""The catalogs' API under misuse and contention: all or nothing, clear errors, bounded log."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import faqparse
from conftest import SEEDS

API: Any = faqparse  # called with arguments of the wrong types on purpose
CHILD = Path(__file__).parent / "catalog_child.py"


def _seed() -> faqparse.Dump:
    return faqparse.parse_file(SEEDS[0])


def test_an_add_that_fails_partway_in_memory_changes_nothing() -> None:
    dump = _seed()
    records = list(dump.records)
    records[5] = "not a record"  # type: ignore[call-overload]
    bad = attrs.evolve(dump, records=tuple(records))
    catalog = faqparse.Catalog()
    with pytest.raises(TypeError, match="record 5 of the dump must be a Record, not str"):
        catalog.add(bad)
    assert catalog.articles == ()
    assert catalog.digests == frozenset()
    assert catalog.add(dump) is True  # the same digest, now whole
    assert list(catalog.articles) == faqparse.merge([dump])


def test_a_dump_with_two_records_of_one_index_is_refused_by_both_catalogs(
    tmp_path: Path,
) -> None:
    dump = _seed()
    bad = attrs.evolve(dump, records=(dump.records[0], dump.records[0]))
    with pytest.raises(ValueError, match="two records of the dump have one index"):
        faqparse.merge([bad])
    with pytest.raises(ValueError, match="two records of the dump have one index"):
        faqparse.Catalog().add(bad)


@pytest.mark.parametrize(
    ("call", "kind", "words"),
    [
        (lambda: API.Catalog.open(b"p"), TypeError, "path must be a str or os.PathLike"),
        (lambda: API.Catalog.open(""), ValueError, "path must not be empty"),
        (lambda: API.Catalog.open("c.sqlite", timeout="x"), TypeError, "timeout must be"),
        (lambda: API.Catalog.open("c.sqlite", timeout=-1), ValueError, "timeout must be"),
        (lambda: API.Catalog().add("x"), TypeError, "dump must be a Dump, not str"),
        (lambda: API.merge("abc"), TypeError, "'dumps' must be an iterable"),
        (lambda: API.merge([None]), TypeError, "'dumps' item 0 must be a Dump, not NoneType"),
    ],
)
def test_a_wrong_argument_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: object, kind: type, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(kind, match=words):
        call()  # type: ignore[operator]
    assert list(tmp_path.iterdir()) == []  # nothing made for a call refused


def test_a_closed_catalog_gives_one_faqparse_error(tmp_path: Path) -> None:
    catalog = faqparse.Catalog.open(tmp_path / "c.sqlite")
    catalog.close()
    for use in (
        lambda: catalog.add(_seed()),
        lambda: list(catalog.articles),
        lambda: catalog.article("x"),
        lambda: catalog.changes(SEED_DAY),
        catalog.commit,
        catalog.dump_count,
    ):
        with pytest.raises(faqparse.CatalogError, match="the catalog is closed"):
            use()
    catalog.close()  # closing again, or leaving a with block, is harmless


SEED_DAY = _seed().records[0].published


def test_runs_creating_one_new_catalog_at_once_all_land(tmp_path: Path) -> None:
    said: list[str] = []
    for attempt in range(12):
        path = tmp_path / f"new{attempt}.sqlite"
        start = time.time() + 1.0  # every process has started and parsed by then
        children = [
            subprocess.Popen(
                [sys.executable, str(CHILD), "create", str(path), str(start)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        said += [child.communicate(timeout=60)[0].strip() for child in children]
        with faqparse.Catalog.open(path, create=False) as catalog:
            assert catalog.dump_count() == 3
    assert set(said) == {"ok"}


def _wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_the_log_is_emptied_after_each_run_a_reader_does_not_need(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    dumps = [faqparse.parse_file(seed) for seed in SEEDS]
    holder = faqparse.Catalog.open(path)  # stays open: the log is not removed at close
    reader = faqparse.Catalog.open(path)
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dumps[0])
    assert _wal_size(path) == 0
    articles = reader.articles
    next(articles)  # a reader in the state after the first run, through the second
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dumps[1])
    assert _wal_size(path) > 0  # the reader's state is still needed
    articles.close()
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(attrs.evolve(dumps[1], digest="0" * 64))
    assert _wal_size(path) == 0
    reader.close()
    holder.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
