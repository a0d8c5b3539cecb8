"""The rows a catalog file shares between records: texts and blocks, stored once, and the
articles of a block, written where they changed.

`CatalogFile` (in `sqlite`) runs the transaction; these keep its row ids and caches.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import Final, NamedTuple

from .._model import Article, Diagnostic, Dump, Observation
from .schema import CatalogError

__all__ = [
    "ArticleRow",
    "BlockIds",
    "StoredDump",
    "TextIds",
    "article_rows",
    "checked_numbers",
    "dump_of",
    "insert_dump",
    "iso",
    "known_texts",
    "ordinal",
    "store_articles",
]

ArticleRow = tuple[int, str, int, int | None, int | None, str, str | None, str]
"""An article as stored, less its block: number, id, title, updated, views, locale,
category, snippets."""

_TEXT_CACHE: Final = 1 << 16
"""Texts whose ids are kept in memory; past it the cache starts again (titles repeat a lot,
snippets less: a bounded cache keeps a run's memory flat)."""
BULK_TEXTS: Final = 1 << 20
"""The cache of a run over many blocks (``grow``). Such a run holds its new blocks'
observations, and so their texts, anyway; a cache that starts again every 65,536 texts
looked up every recurring title again (10^6 records: 45 s of 60 s of adding)."""


class StoredDump(NamedTuple):
    """A dump as the catalog holds it."""

    digest: str
    source: str
    captured: str | None
    """ISO date or date-time, as stored."""
    locale: str
    records: int


_INSERT: Final = "INSERT INTO texts (hash, body) VALUES (?, ?)"


class TextIds:
    """The id of each title and snippet body, stored once however often it is seen."""

    def __init__(self, connection: sqlite3.Connection, name: str) -> None:
        self._connection = connection
        self._name = name
        self._ids: dict[str, int] = {}
        self._new = False
        self._limit = _TEXT_CACHE

    def grow(self) -> None:
        """Keep up to ``BULK_TEXTS`` ids from now on (a run over many blocks)."""
        self._limit = BULK_TEXTS

    def begin(self) -> None:
        """A run begins: in a catalog without texts yet, a text is inserted before it is
        looked for; in any other, looked for first (most are known)."""
        self._new = self._connection.execute("SELECT 1 FROM texts LIMIT 1").fetchone() is None

    def __call__(self, body: str) -> int:
        found = self._ids.get(body)
        if found is not None:
            return found
        digest = hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        execute = self._connection.execute
        hit = None
        if self._new:  # most texts are new: one statement for each, not two
            hit = execute(_INSERT + " ON CONFLICT (hash) DO NOTHING RETURNING id, body",
                          (digest, body)).fetchone()  # fmt: skip
        if hit is None:
            hit = execute("SELECT id, body FROM texts WHERE hash = ?", (digest,)).fetchone()
        if hit is None:
            hit = execute(_INSERT + " RETURNING id, body", (digest, body)).fetchone()
        if hit[1] != body:
            raise CatalogError(f"{self._name}: two texts with one hash: the catalog is damaged")
        if len(self._ids) >= self._limit:
            self._ids.clear()
        self._ids[body] = hit[0]
        return int(hit[0])

    def clear(self) -> None:
        """Forget the cached ids (a rolled-back run may have made some of them)."""
        self._ids.clear()


_NEW_BLOCK: Final = "INSERT INTO blocks (title, published, locale) VALUES (?, ?, ?)"


class BlockIds:
    """The id of each block key row ``(title, published, locale)``, made when first seen.

    ``fresh``: the blocks it made that nothing is stored of yet (``bulk``); the catalog
    forgets them once it stores their observations.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._ids: dict[tuple[str, int, str], int] = {}
        self._rows: dict[int, tuple[str, int, str]] = {}
        self.fresh: set[int] = set()
        self._new = False

    def begin(self) -> None:
        """A run begins: in a catalog without blocks yet, a block is inserted before it is
        looked for (every one is new); in any other, looked for first."""
        self._new = self._connection.execute("SELECT 1 FROM blocks LIMIT 1").fetchone() is None

    def __call__(self, row: tuple[str, int, str]) -> int:
        found = self._ids.get(row)
        if found is None:
            title, published, locale = row
            execute = self._connection.execute
            hit = None
            if self._new:  # one statement for each block, not two
                hit = execute(_NEW_BLOCK + " ON CONFLICT DO NOTHING RETURNING id", row).fetchone()
                if hit is not None:
                    self.fresh.add(hit[0])
            if hit is None:
                hit = execute(
                    "SELECT id FROM blocks WHERE published = ? AND title = ? AND locale = ?",
                    (published, title, locale),
                ).fetchone()
            if hit is None:
                hit = execute(_NEW_BLOCK + " RETURNING id", row).fetchone()
                self.fresh.add(hit[0])
            found = self._ids[row] = hit[0]
            self._rows[found] = row
        return found

    def row(self, block: int) -> tuple[str, int, str]:
        """The key row of a block id, from memory when this run saw it."""
        found = self._rows.get(block)
        if found is None:
            found = self._connection.execute(
                "SELECT title, published, locale FROM blocks WHERE id = ?", (block,)
            ).fetchone()
        return found

    def clear(self) -> None:
        """Forget the cached ids (a rolled-back run may have made some of them)."""
        self._ids.clear()
        self._rows.clear()
        self.fresh.clear()


def article_rows(
    articles: Sequence[Article], stored: Callable[[str], int]
) -> tuple[list[ArticleRow], dict[tuple[str, int], tuple[int, int]]]:
    """A block's articles (by id) as rows, numbered as listed, and where each observation
    went in them: (digest, index) -> (article number, place in its observations)."""
    rows: list[ArticleRow] = []
    place: dict[tuple[str, int], tuple[int, int]] = {}
    for number, article in enumerate(articles):
        rows.append(
            (number, article.id, stored(article.title), ordinal(article.updated),
             article.views, article.locale, article.category,
             " ".join(str(stored(snippet)) for snippet in article.snippets))
        )  # fmt: skip
        for seq, observation in enumerate(article.observations):
            place[(observation.digest, observation.index)] = (number, seq)
    return rows, place


def known_texts(texts: dict[str, int], text_id: Callable[[str], int]) -> Callable[[str], int]:
    """The text id of a body: from ``texts`` (a block's, known), else looked up."""

    def stored(body: str) -> int:
        found = texts.get(body)
        return text_id(body) if found is None else found

    return stored


def store_articles(connection: sqlite3.Connection, block: int, fresh: list[ArticleRow]) -> None:
    """Write a block's articles where they changed: most runs change a view count or two,
    and an unchanged id leaves the index of ids (random by nature) untouched."""
    stored = connection.execute(
        "SELECT number, id, title, updated, views, locale, category, snippets FROM articles"
        " WHERE block = ? ORDER BY number",
        (block,),
    ).fetchall()
    if [row[1] for row in stored] != [row[1] for row in fresh][: len(stored)]:
        # Twins whose ids changed places: rewrite the block, or ids would clash midway.
        connection.execute("DELETE FROM articles WHERE block = ?", (block,))
        stored = []
    for row in fresh[len(stored) :]:
        connection.execute(
            "INSERT INTO articles (block, number, id, title, updated, views, locale,"
            " category, snippets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (block, *row),
        )
    for old, row in zip(stored, fresh, strict=False):
        if old != row:
            connection.execute(
                "UPDATE articles SET title = ?, updated = ?, views = ?, locale = ?,"
                " category = ?, snippets = ? WHERE block = ? AND number = ?",
                (*row[2:], block, row[0]),
            )
    if len(stored) > len(fresh):
        connection.execute(
            "DELETE FROM articles WHERE block = ? AND number >= ?", (block, len(fresh))
        )


def ordinal(day: date | None) -> int | None:
    """A day as stored (its ordinal)."""
    return None if day is None else day.toordinal()


def iso(value: date | None) -> str | None:
    """A snapshot time as stored (ISO text)."""
    return None if value is None else value.isoformat()


def insert_dump(
    connection: sqlite3.Connection,
    dump: Dump,
    records: int,
    diagnostics: Sequence[Diagnostic] | None,
) -> int:
    """Store a dump and how many diagnostics of each code reading it raised; its row id.

    ``diagnostics`` is ``None`` when they are not known (a dump rebuilt from a JSON Lines
    catalog): the dump then has no counts, rather than counts of zero.
    """
    cursor = connection.execute(
        "INSERT INTO dumps (digest, source, captured, locale, kind, records, added, diagnostics)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (dump.digest, dump.source, iso(dump.captured), dump.locale, dump.kind, records,
         datetime.now().astimezone().isoformat(timespec="seconds"),
         None if diagnostics is None else len(diagnostics)),
    )  # fmt: skip
    dump_id = cursor.lastrowid
    assert dump_id is not None
    if diagnostics:
        counts = Counter((str(d.code), d.severity.value) for d in diagnostics)
        connection.executemany(
            "INSERT INTO dump_diagnostics (dump, code, severity, count) VALUES (?, ?, ?, ?)",
            [(dump_id, code, severity, n) for (code, severity), n in sorted(counts.items())],
        )
    return dump_id


def dump_of(observation: Observation, locale: str) -> Dump:
    """The dump an observation read from elsewhere (a JSON Lines catalog) came from."""
    return Dump(
        source=observation.source,
        records=(),
        header=(),
        diagnostics=(),
        digest=observation.digest,
        captured=observation.captured,
        captured_from=None,
        locale=locale,
    )


_NUMBERS: Final = ("index", "views", "line", "column")
_numbers_of: Final = attrgetter(*_NUMBERS)


def checked_numbers(dump: Dump) -> Dump:
    """The dump, if every number the catalog stores of its records fits SQLite's 64-bit
    integers; ``ValueError`` naming the record and the field otherwise.

    Python's integers have no limit, and a record built by hand may use that: the file
    cannot hold it, and finding out when the run is written would fail the whole run.
    """
    numbers = [n for values in map(_numbers_of, dump.records) for n in values if n is not None]
    try:
        array("q", numbers)  # one pass to gather, the range check itself in C
    except OverflowError:
        for position, record in enumerate(dump.records):
            for field, number in zip(_NUMBERS, _numbers_of(record), strict=True):
                if number is not None and not -(2**63) <= number < 2**63:
                    raise ValueError(
                        f"{dump.source}: record {position} of the dump: {field} {number} does"
                        " not fit the catalog's 64-bit integers"
                    ) from None
    return dump
