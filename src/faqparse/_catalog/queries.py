"""Reading a catalog file: articles, one article, its history, what changed.

Every read runs in one read transaction, so it sees one state of the catalog, the one
before or the one after any run that commits meanwhile (write-ahead logging).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Generator, Iterator
from datetime import date, datetime
from typing import Final, NoReturn

from .._merge.changes import Change, change_since
from .._merge.keys import normalize_title
from .._model import Article, Observation
from .._rows import read_moment
from .blocks import BLOCK_ORDER, by_id
from .rows import StoredDump
from .schema import CatalogError, block_key

__all__ = ["OBSERVATIONS", "CatalogReader", "ObservationRow"]

OBSERVATIONS: Final = """
SELECT o.article, o.dump, o.position, o.title, t.body, o.snippet, s.body, o.updated, o.views,
       o.category, o.seq
FROM observations AS o LEFT JOIN texts AS t ON t.id = o.title
LEFT JOIN texts AS s ON s.id = o.snippet
WHERE o.block = ? ORDER BY o.article, o.seq
"""
_ARTICLES: Final = """
SELECT a.number, a.id, t.body, a.updated, a.views, a.locale, a.category, a.snippets
FROM articles AS a LEFT JOIN texts AS t ON t.id = a.title WHERE a.block = ?
"""
ObservationRow = tuple[int, int, int, int, str, int, str, int | None, int | None, str | None, int]


class CatalogReader:
    """The reading half of ``CatalogFile``: its connection and what it reads back."""

    def __init__(self, connection: sqlite3.Connection, name: str) -> None:
        self._connection, self.name = connection, name
        self._dumps: dict[int, tuple[str, str, date | None]] = {}
        self._writing = False
        self._closed = False

    def _check_open(self) -> None:
        """One error for every use of a closed catalog (not SQLite's own)."""
        if self._closed:
            raise CatalogError(f"{self.name}: the catalog is closed; open it again to use it")

    def flush(self) -> None:
        """Bring the stored articles up to date before a read (a run's pending blocks)."""

    def _observation(self, row: ObservationRow) -> Observation:
        _, dump, position, _, title, _, snippet, updated, views, category, _ = row
        source, digest, captured = self._dump(dump)
        return Observation(
            source=source,
            digest=digest,
            index=position,
            captured=captured,
            title=title,
            snippet=snippet,
            updated=None if updated is None else date.fromordinal(updated),
            views=views,
            category=category,
        )

    def _dump(self, dump: int) -> tuple[str, str, date | None]:
        found = self._dumps.get(dump)
        if found is None:
            row = self._connection.execute(
                "SELECT source, digest, captured FROM dumps WHERE id = ?", (dump,)
            ).fetchone()
            if row is None:
                self._damaged(f"an observation names dump {dump}, which it does not hold")
            source, digest, captured = row
            found = self._dumps[dump] = (source, digest, _from_iso(captured))
        return found

    def dumps(self) -> list[StoredDump]:
        """The dumps in the catalog, by snapshot time (unknown last), then source."""
        with self._snapshot():
            rows = self._connection.execute(
                "SELECT digest, source, captured, locale, records FROM dumps"
                " ORDER BY captured IS NULL, captured, source, digest"
            ).fetchall()
        return [StoredDump(*row) for row in rows]

    def dump_count(self) -> int:
        """How many dumps the catalog holds."""
        with self._snapshot():
            return int(self._connection.execute("SELECT count(*) FROM dumps").fetchone()[0])

    @property
    def articles(self) -> Generator[Article, None, None]:
        """Every article, in the order of ``faqparse.merge``, read one block at a time.

        The whole iteration reads one state of the catalog, even while another run commits;
        ``close()`` the generator to end the read early.
        """
        return self._articles(f"SELECT id FROM blocks ORDER BY {BLOCK_ORDER}", ())

    def article(self, identity: str) -> Article | None:
        """The article with this id, or ``None``."""
        with self._snapshot():
            hit = self._connection.execute(
                "SELECT block, number FROM articles WHERE id = ?", (identity,)
            ).fetchone()
            if hit is None:
                return None
            return next(a for a in self._block_articles(hit[0]) if a.id == identity)

    def history(self, identity: str) -> tuple[Observation, ...]:
        """Where and when the article was seen, in snapshot order; empty if the id is unknown."""
        found = self.article(identity)
        return () if found is None else found.observations

    def find(self, title: str) -> list[Article]:
        """The articles whose title normalizes as ``title`` does, by published date."""
        query = f"SELECT id FROM blocks WHERE title = ? ORDER BY {BLOCK_ORDER}"
        return list(self._articles(query, (normalize_title(title),)))

    def find_id(self, prefix: str) -> list[Article]:
        """The articles whose id starts with ``prefix``, by id (a whole id gives its one)."""
        if not isinstance(prefix, str):
            raise TypeError(f"prefix must be a str, not {type(prefix).__name__}")
        with self._snapshot():
            hits = self._connection.execute(
                "SELECT DISTINCT block FROM articles WHERE id >= ? AND id < ?",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()
            found = [
                article
                for (block,) in hits
                for article in self._block_articles(block)
                if article.id.startswith(prefix)
            ]
        return sorted(found, key=lambda article: article.id)

    def find_words(self, words: str) -> list[Article]:
        """The articles whose title holds every word of ``words`` (compared as the merge
        compares titles: any case, any spacing; a word may be part of a longer one), by
        published date."""
        wanted = normalize_title(words).split()
        if not wanted:
            return []
        test = " AND ".join("instr(title, ?) > 0" for _ in wanted)
        query = f"SELECT id FROM blocks WHERE {test} ORDER BY {BLOCK_ORDER}"
        return list(self._articles(query, tuple(wanted)))

    def changes(self, since: date) -> list[Change]:
        """Articles new, updated or grown in views since ``since`` (see ``Change``).

        Listed by views gained, most first, then by id.
        """
        if not isinstance(since, date):
            raise TypeError(f"since must be a date, not {type(since).__name__}")
        found: list[Change] = []
        with self._snapshot():
            dumps = [
                dump for dump, captured in self._connection.execute(
                    "SELECT id, captured FROM dumps WHERE captured IS NOT NULL"
                ) if _on_or_after(captured, since)
            ]  # fmt: skip
            blocks = sorted({
                block for dump in dumps for (block,) in self._connection.execute(
                    "SELECT DISTINCT block FROM observations WHERE dump = ?", (dump,)
                )
            })  # fmt: skip
            for block in blocks:
                for article in self._block_articles(block):
                    change = change_since(article, since)
                    if change is not None:
                        found.append(change)
        found.sort(key=lambda c: (-(c.gained or 0), c.id))
        return found

    def _articles(
        self, query: str, parameters: tuple[object, ...]
    ) -> Generator[Article, None, None]:
        with self._snapshot():
            for (block,) in self._connection.execute(query, parameters):
                yield from self._block_articles(block)

    def _block_articles(self, block: int) -> list[Article]:
        connection = self._connection
        title, published, locale = connection.execute(
            "SELECT title, published, locale FROM blocks WHERE id = ?", (block,)
        ).fetchone()
        day = block_key(title, published, locale)[1]
        members: dict[int, list[Observation]] = {}
        texts: dict[int, str] = {}
        for row in connection.execute(OBSERVATIONS, (block,)):
            if row[4] is None or row[6] is None:  # a text id with no text: never silently
                self._damaged(f"an observation of block {block} names a text that is missing")
            members.setdefault(row[0], []).append(self._observation(row))
            texts[row[5]] = row[6]
        found = []
        for (
            number,
            identity,
            title,
            updated,
            views,
            locale,
            category,
            snippets,
        ) in connection.execute(_ARTICLES, (block,)):
            try:
                kept = tuple(texts[int(text)] for text in snippets.split())
                observations = tuple(members[number])
            except (KeyError, ValueError):
                self._damaged(f"article {identity} names snippets or observations it has not")
            if title is None:
                self._damaged(f"article {identity} names a title that is missing")
            found.append(
                Article(
                    id=identity,
                    title=title,
                    published=day,
                    updated=None if updated is None else date.fromordinal(updated),
                    views=views,
                    snippets=kept,
                    observations=observations,
                    locale=locale,
                    category=category,
                )
            )
        return by_id(found)

    def _damaged(self, what: str) -> NoReturn:
        """A catalog whose rows point at rows it does not hold: edited by hand, or written by
        something else. Said with the file's name, never read around."""
        raise CatalogError(
            f"{self.name}: the catalog is damaged: {what}; it cannot be read as it is"
            " (build it again from its dumps with faqparse merge DUMP... --into NEW.sqlite)"
        )

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction around a read, so that it sees one state of the catalog."""
        self._check_open()
        if self._writing:
            self.flush()
            yield
            return
        if self._connection.in_transaction:  # a read inside a read: the same snapshot
            yield
            return
        self._connection.execute("BEGIN")
        # A dump removed by another run since the last read may have left its row id to a
        # new dump: what was read of the dumps before holds only within one state.
        self._dumps.clear()
        try:
            yield
        finally:
            if self._connection.in_transaction:
                self._connection.execute("COMMIT")


def _on_or_after(captured: str, since: date) -> bool:
    """Whether a dump's snapshot (stored as ISO text) is on or after ``since``."""
    when = _from_iso(captured)
    if when is None:
        return False
    day = when.date() if isinstance(when, datetime) else when
    return day >= (since.date() if isinstance(since, datetime) else since)


def _from_iso(text: str | None) -> date | None:
    return None if text is None else read_moment(text)
