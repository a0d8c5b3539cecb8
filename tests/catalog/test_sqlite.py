"""The SQLite catalog: the same articles as ``faqparse.merge``, one transaction per run."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import faqparse
from conftest import FIXTURES, SEEDS
from faqparse._catalog import schema as _schema
from faqparse._catalog import sqlite as _store
from faqparse._merge.changes import change_since

THREE = sorted((FIXTURES / "merge" / "three_snapshots").glob("*.txt"))
TWINS = sorted((FIXTURES / "merge" / "twins_snippet_decides").glob("*.txt"))


def _parse(paths: list[Path]) -> list[faqparse.Dump]:
    return [faqparse.parse_file(path, source=path.name) for path in paths]


def _add(path: Path, dumps: list[faqparse.Dump]) -> None:
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)


def _articles(path: Path) -> list[faqparse.Article]:
    with faqparse.Catalog.open(path, create=False) as catalog:
        return list(catalog.articles)


def test_runs_one_dump_at_a_time_give_the_articles_of_merging_them_all(tmp_path: Path) -> None:
    dumps = _parse(SEEDS + THREE + TWINS)
    path = tmp_path / "catalog.sqlite"
    for dump in reversed(dumps):
        _add(path, [dump])
    assert _articles(path) == faqparse.merge(dumps)
    assert len(faqparse.merge(dumps)) > 28


def test_adding_a_known_dump_changes_nothing(tmp_path: Path) -> None:
    dumps = _parse(THREE)
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    before = path.read_bytes()
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.add(faqparse.parse_file(THREE[0], source="renamed.txt")) is False
        assert list(catalog.touched()) == []
    assert _articles(path) == faqparse.merge(dumps)
    assert path.read_bytes() == before


def test_touched_lists_only_the_articles_of_this_runs_dumps(tmp_path: Path) -> None:
    seeds = _parse(SEEDS)
    path = tmp_path / "catalog.sqlite"
    _add(path, seeds[:1])
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(seeds[1])
        touched = list(catalog.touched())
    everything = faqparse.merge(seeds)
    expected = [a for a in everything if any(o.digest == seeds[1].digest for o in a.observations)]
    assert touched == expected
    assert len(touched) == 15
    assert len(everything) == 28


def test_article_and_history_read_one_article(tmp_path: Path) -> None:
    dumps = _parse(THREE)
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    merged = faqparse.merge(dumps)
    with faqparse.Catalog.open(path) as catalog:
        for article in merged:
            assert catalog.article(article.id) == article
            assert catalog.history(article.id) == article.observations
        assert catalog.article("no-such-id") is None
        assert catalog.history("no-such-id") == ()
        found = catalog.find(merged[0].title.upper())
    assert found == [a for a in merged if a.title == merged[0].title]


def test_an_exception_in_the_run_rolls_everything_back(tmp_path: Path) -> None:
    dumps = _parse(SEEDS)
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps[:1])

    def interrupted_run() -> None:
        with faqparse.Catalog.open(path) as catalog:
            catalog.add(dumps[1])
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        interrupted_run()
    assert _articles(path) == faqparse.merge(dumps[:1])


def test_the_diagnostics_are_those_of_the_records_added_in_the_run(tmp_path: Path) -> None:
    dumps = _parse(TWINS)
    memory = faqparse.Catalog()
    for dump in dumps:
        memory.add(dump)
    path = tmp_path / "catalog.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)
        assert catalog.diagnostics == memory.diagnostics
        assert len(catalog.diagnostics) == 2
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.diagnostics == ()


def test_the_file_is_marked_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    _add(path, _parse(THREE))
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x46515043
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_titles_and_snippets_are_stored_once(tmp_path: Path) -> None:
    dumps = _parse(THREE)
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    texts = {o.title for a in faqparse.merge(dumps) for o in a.observations}
    texts |= {o.snippet for a in faqparse.merge(dumps) for o in a.observations}
    connection = sqlite3.connect(path)
    stored = [body for (body,) in connection.execute("SELECT body FROM texts")]
    connection.close()
    assert sorted(stored) == sorted(texts)


def _untouched(path: Path, content: bytes) -> None:
    assert path.read_bytes() == content
    assert sorted(os.listdir(path.parent)) == [path.name]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, world\n", "not a faqparse catalog \\(not an SQLite database\\)"),
        (b'{"id": "x"}\n', "a JSON Lines catalog; convert it once with 'faqparse convert"),
    ],
)
def test_a_file_that_is_not_a_catalog_is_refused_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(faqparse.CatalogError, match=message):
        faqparse.Catalog.open(path)
    _untouched(path, content)


def _sqlite_file(path: Path, *statements: str) -> bytes:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path.read_bytes()


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    content = _sqlite_file(path, "CREATE TABLE people (name TEXT)")
    with pytest.raises(faqparse.CatalogError, match="an SQLite database of another kind"):
        faqparse.Catalog.open(path)
    _untouched(path, content)


def test_a_catalog_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    _add(path, _parse(THREE))
    content = _sqlite_file(path, "PRAGMA user_version=7", "PRAGMA journal_mode=DELETE")
    with pytest.raises(faqparse.CatalogError, match="schema version 7; this one reads up to 3"):
        faqparse.Catalog.open(path)
    _untouched(path, content)


def test_an_older_catalog_is_migrated_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalog.sqlite"
    _add(path, _parse(THREE))
    marker = "CREATE TABLE added_later (note TEXT)"
    migrations = (*_schema.MIGRATIONS, lambda c: _schema._script(c, marker))
    monkeypatch.setattr(_schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(_schema, "SCHEMA_VERSION", len(migrations))
    assert _articles(path) == faqparse.merge(_parse(THREE))
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(migrations)
    assert connection.execute("SELECT count(*) FROM added_later").fetchone()[0] == 0
    connection.close()


def test_a_missing_catalog_is_created_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(faqparse.CatalogError, match="no such catalog"):
        faqparse.Catalog.open(tmp_path / "missing.sqlite", create=False)
    assert os.listdir(tmp_path) == []
    with pytest.raises(faqparse.CatalogError, match=r"faqparse convert OLD\.jsonl NEW\.sqlite"):
        faqparse.Catalog.open(tmp_path / "catalog.jsonl")
    assert os.listdir(tmp_path) == []


def test_a_catalog_through_a_symlink_stays_behind_the_link(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "catalog.sqlite"
    link = tmp_path / "link.sqlite"
    link.symlink_to(target)
    _add(link, _parse(THREE))
    assert link.is_symlink()
    assert _articles(target) == faqparse.merge(_parse(THREE))


def test_changes_lists_new_updated_and_grown_articles(tmp_path: Path) -> None:
    a, b, c = _parse(THREE)
    path = tmp_path / "catalog.sqlite"
    _add(path, [a, b, c])
    with faqparse.Catalog.open(path) as catalog:
        latest = max(d.captured for d in (a, b, c) if d.captured is not None)
        day = latest.date() if isinstance(latest, datetime) else latest
        found = catalog.changes(day)
        everything = catalog.changes(date(2000, 1, 1))
        assert catalog.changes(date(2100, 1, 1)) == []
    merged = faqparse.merge([a, b, c])
    assert {change.id for change in everything} == {article.id for article in merged}
    assert all(change.new for change in everything)
    for change in found:
        article = next(x for x in merged if x.id == change.id)
        assert change.views == article.views
        assert change.kinds


def test_changes_refuses_a_string(tmp_path: Path) -> None:
    with faqparse.Catalog.open(tmp_path / "c.sqlite") as catalog:
        with pytest.raises(TypeError, match="since must be a date"):
            catalog.changes("2026-01-01")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="dump must be a Dump"):
            catalog.add("a.txt")  # type: ignore[arg-type]


def _seen(day: int, views: int | None, updated: date | None) -> faqparse.Observation:
    return faqparse.Observation(
        source=f"d{day}.txt", digest=f"{day:064x}", index=0, captured=date(2026, 6, day),
        title="How do I reset 2FA?", snippet="Steps.", updated=updated, views=views,
    )  # fmt: skip


def _article(*observations: faqparse.Observation) -> faqparse.Article:
    last = observations[-1]
    return faqparse.Article(
        id="a1", title=last.title, published=date(2025, 1, 1), updated=last.updated,
        views=last.views, snippets=("Steps.",), observations=observations,
    )  # fmt: skip


def test_a_change_counts_views_from_the_last_snapshot_before_the_date() -> None:
    article = _article(
        _seen(1, 100, date(2025, 1, 1)), _seen(3, 160, date(2025, 1, 1)),
        _seen(5, None, date(2026, 6, 4)), _seen(6, 400, date(2026, 6, 4)),
    )  # fmt: skip
    change = change_since(article, date(2026, 6, 4))
    assert change is not None
    assert (change.new, change.views_before, change.views, change.gained) == (False, 160, 400, 240)
    assert change.updated == date(2026, 6, 4)
    assert change.kinds == ("updated", "views")
    assert change_since(article, date(2026, 6, 7)) is None
    fresh = change_since(article, date(2026, 6, 1))
    assert fresh is not None
    assert (fresh.new, fresh.first_seen, fresh.views_before, fresh.gained) == (
        True, date(2026, 6, 1), None, None,
    )  # fmt: skip
    same = _article(_seen(1, 100, None), _seen(3, 100, None))
    assert change_since(same, date(2026, 6, 2)) is None


def test_adding_while_a_read_is_open_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    seeds = _parse(SEEDS)
    _add(path, seeds[:1])
    with faqparse.Catalog.open(path) as catalog:
        reading = catalog.articles
        next(reading)
        with pytest.raises(faqparse.CatalogError, match="a read is still going on"):
            catalog.add(seeds[1])
        reading.close()
        assert catalog.add(seeds[1])
    assert _articles(path) == faqparse.merge(seeds)


def test_a_records_category_is_kept_on_its_observation(tmp_path: Path) -> None:
    record = faqparse.Record(
        title="Passkey FAQ", snippet="Passkeys.", published=date(2025, 3, 19), updated=None,
        views=130, source="a.txt", index=0, span=(0, 40), category="FAQ",
    )  # fmt: skip
    dump = faqparse.Dump(
        source="a.txt", records=(record,), header=(), diagnostics=(), digest="ab" * 32,
        captured=date(2026, 6, 1), captured_from=faqparse.CapturedFrom.EXPLICIT,
    )  # fmt: skip
    [article] = faqparse.merge([dump])
    assert article.observations[0].category == "FAQ"
    path = tmp_path / "catalog.sqlite"
    _add(path, [dump])
    assert _articles(path) == [article]


def test_a_run_waits_for_another_and_gives_up_after_its_timeout(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    seeds = _parse(SEEDS)
    _add(path, seeds[:1])
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    busy = pytest.raises(faqparse.CatalogError, match="busy: another run held the catalog")
    with faqparse.Catalog.open(path, timeout=0.5) as catalog, busy:
        catalog.add(seeds[1])
    assert time.monotonic() - started >= 0.5
    releaser = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    releaser.start()
    with faqparse.Catalog.open(path, timeout=30) as catalog:
        assert catalog.add(seeds[1])
    releaser.join()
    holder.close()
    assert _articles(path) == faqparse.merge(seeds)


def test_a_dump_with_two_records_of_one_index_is_refused(tmp_path: Path) -> None:
    dump = _parse(SEEDS[:1])[0]
    bad = attrs.evolve(dump, records=(dump.records[0], dump.records[0]))
    with faqparse.Catalog.open(tmp_path / "c.sqlite") as catalog:
        with pytest.raises(ValueError, match="two records of the dump have one index"):
            catalog.add(bad)
        assert list(catalog.articles) == []


@pytest.mark.parametrize("field", ["index", "views", "line", "column"])
@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_a_number_past_64_bits_is_refused_at_the_add_that_brings_it(
    tmp_path: Path, field: str, number: int
) -> None:
    """Python's integers have no limit: a record built by hand past SQLite's is refused by
    name when it is added, and the run goes on (the file would find out only when the run
    is written, and fail the whole run)."""
    first, second = _parse(SEEDS[:2])
    changed: dict[str, Any] = {field: number}
    odd = attrs.evolve(second.records[3], **changed)
    bad = attrs.evolve(second, records=(*second.records[:3], odd))
    path = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.add(first)
        with pytest.raises(ValueError, match=f"record 3 of the dump: {field} {number} does not"):
            catalog.add(bad)
    assert _articles(path) == faqparse.merge([first])


@pytest.mark.parametrize("kept", [10_000, 3])
def test_touched_is_the_same_from_memory_or_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    monkeypatch.setattr(_store, "_KEEP", kept)
    seeds = _parse(SEEDS + TWINS)
    path = tmp_path / "catalog.sqlite"
    _add(path, seeds[:1])
    with faqparse.Catalog.open(path) as catalog:
        for dump in seeds[1:]:
            catalog.add(dump)
        touched = list(catalog.touched())
    added = {dump.digest for dump in seeds[1:]}
    everything = faqparse.merge(seeds)
    assert touched == [a for a in everything if any(o.digest in added for o in a.observations)]
    assert len(touched) > 3


def test_only_a_run_over_many_blocks_takes_a_larger_page_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_store, "_BULK", 20)
    seeds = _parse(SEEDS)
    with faqparse.Catalog.open(tmp_path / "c.sqlite") as catalog:
        catalog.add(seeds[0])  # 15 blocks
        assert catalog._connection.execute("PRAGMA cache_size").fetchone()[0] == -2000
        catalog.add(seeds[1])
        assert catalog._connection.execute("PRAGMA cache_size").fetchone()[0] == -65536
