"""The SQL views of a catalog file, read as a person or a data tool would: from Python's
``sqlite3`` and from DuckDB's SQLite reader."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import faqparse
from conftest import SEEDS

THREE = sorted(
    (Path(__file__).parent.parent / "fixtures" / "merge" / "three_snapshots").glob("*.txt")
)


def _catalog(path: Path, dumps: list[faqparse.Dump]) -> Path:
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)
    return path


def _rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _iso(day: object) -> str | None:
    return None if day is None else day.isoformat()  # type: ignore[attr-defined]


def _seen(article: faqparse.Article, pick: Any) -> str | None:
    """The earliest or latest known snapshot time, as SQL's min and max (NULLs left out)."""
    known = [_iso(o.captured) for o in article.observations if o.captured is not None]
    return pick(known) if known else None


def _expected(dumps: list[faqparse.Dump]) -> dict[str, list[tuple[Any, ...]]]:
    """What each view must hold, from the articles the merge gives and the dumps' records."""
    where = {(d.digest, r.index): (r.line, r.column) for d in dumps for r in d.records}
    articles = faqparse.merge(dumps)
    return {
        "v_articles": sorted(
            (
                a.id,
                a.title,
                a.published.isoformat(),
                _iso(a.updated),
                a.views,
                a.category,
                a.locale,
                _seen(a, min),
                _seen(a, max),
                len(a.observations),
            )
            for a in articles
        ),
        "v_observations": sorted(
            (
                a.id,
                o.digest,
                o.source,
                _iso(o.captured),
                o.title,
                o.snippet,
                a.published.isoformat(),
                _iso(o.updated),
                o.views,
                o.category,
                *where[(o.digest, o.index)],
            )
            for a in articles
            for o in a.observations
        ),
        "v_dumps": sorted(
            (d.digest, d.source, _iso(d.captured), d.locale, len(d.records)) for d in dumps
        ),
    }


def test_the_views_say_in_plain_values_what_the_catalog_holds(tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(path) for path in [*THREE, *SEEDS]]
    path = _catalog(tmp_path / "c.sqlite", dumps)
    for view, rows in _expected(dumps).items():
        assert sorted(_rows(path, f"SELECT * FROM {view}")) == rows, view
    # Titles with their views, no joins, no day arithmetic: what the views are for.
    articles = faqparse.merge(dumps)
    since = sorted(a.published for a in articles)[len(articles) // 2]
    query = f"SELECT title, views FROM v_articles WHERE published >= '{since.isoformat()}'"
    wanted = [(a.title, a.views) for a in articles if a.published >= since]
    assert sorted(_rows(path, query), key=str) == sorted(wanted, key=str)
    assert 0 < len(wanted) < len(articles)


def _version_1(path: Path) -> None:
    """The catalog as schema version 1 wrote it: no views, no line and column, no counts of
    diagnostics."""
    connection = sqlite3.connect(path, isolation_level=None)
    for view in ("v_articles", "v_observations", "v_dumps", "v_dump_diagnostics"):
        connection.execute(f"DROP VIEW {view}")
    connection.execute("DROP TABLE dump_diagnostics")
    connection.execute("DROP TABLE walks")
    connection.execute("ALTER TABLE dumps DROP COLUMN diagnostics")
    connection.execute("ALTER TABLE observations DROP COLUMN line")
    connection.execute("ALTER TABLE observations DROP COLUMN col")
    connection.execute("PRAGMA user_version=1")
    connection.close()


def test_an_older_catalog_gets_the_views_when_opened_for_writing(tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(path) for path in SEEDS]
    path = _catalog(tmp_path / "old.sqlite", dumps[:1])
    _version_1(path)
    tables = "SELECT name FROM sqlite_schema WHERE type = 'view'"
    with faqparse.Catalog.open(path, read_only=True) as catalog:  # read: left as it was
        assert list(catalog.articles) == faqparse.merge(dumps[:1])
    assert _rows(path, tables) == []
    _catalog(path, dumps[1:])
    assert sorted(_rows(path, tables)) == [
        ("v_articles",),
        ("v_dump_diagnostics",),
        ("v_dumps",),
        ("v_observations",),
    ]
    places = _rows(path, 'SELECT source, line, "column" FROM v_observations')
    assert {(s, line is None) for s, line, _ in places} == {
        (str(SEEDS[0]), True),  # stored before its records' places were
        (str(SEEDS[1]), False),
    }


def test_duckdb_reads_the_views_as_sqlite_does(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    extension = pytest.importorskip("duckdb_extension_sqlite_scanner")
    dumps = [faqparse.parse_file(path) for path in [*THREE, *SEEDS]]
    path = _catalog(tmp_path / "c.sqlite", dumps)
    # The extension ships in a package, for the engine of the same version: no download.
    binary = (
        Path(extension.__file__).parent / "extensions" / f"v{duckdb.__version__}"
        / "sqlite_scanner.duckdb_extension"
    )  # fmt: skip
    connection = duckdb.connect()
    connection.execute(f"LOAD '{binary}'")
    connection.execute(f"ATTACH '{path}' AS catalog (TYPE sqlite, READ_ONLY)")
    for view, rows in _expected(dumps).items():
        found = connection.execute(f"SELECT * FROM catalog.{view}").fetchall()
        # DuckDB hands these views to SQLite and reads their columns as text.
        assert sorted(_text(row) for row in found) == sorted(_text(row) for row in rows), view
    connection.close()


def _text(row: tuple[Any, ...]) -> tuple[str | None, ...]:
    return tuple(None if value is None else str(value) for value in row)
