"""The catalog: observations grouped by block, the articles of each block, saved as JSON Lines.

The catalog's state is the set of observations grouped by block key (normalized title,
published date, locale), and the dumps it has seen, by digest. Articles and diagnostics are a pure
function of a block, recomputed, when next asked for, for the blocks that an ``add`` touched.
That is why the order dumps arrive in does not matter, why adding dumps one at a time gives
what merging them at once gives, and why a saved catalog (articles with their observations)
is all the state needed to continue.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Iterable, Iterator
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, BinaryIO

import attrs

from .._gcpause import paused_gc
from .._merge.arguments import checked_dumps
from .._merge.keys import BlockKey, moment
from .._merge.keys import block_key as key_of
from .._merge.merge import is_repeat, merge_block
from .._model import Article, Diagnostic, Dump, Observation, Record, Span
from .._output.formats import atomic_output
from .._rows import from_json, to_json

if TYPE_CHECKING:
    from .sqlite import CatalogFile

__all__ = ["Catalog", "block_key", "merge", "observe", "read_article", "saved_key"]


def merge(dumps: Iterable[Dump]) -> list[Article]:
    """Merge dumps into articles; the result does not depend on the order of ``dumps``.

    Dumps with the same digest are one dump: the one kept is the earliest snapshot, then the
    first by source name, so that even then the order does not matter. (Adding in snapshot
    order also leaves little for each block to sort.) ``Catalog`` gives the diagnostics too.
    """
    dumps = checked_dumps("merge", dumps)
    catalog = Catalog()
    with paused_gc():
        for dump in sorted(dumps, key=lambda d: (moment(d.captured), d.digest, d.source)):
            catalog.add(dump)
        return list(catalog.articles)


class Catalog:
    """Articles merged from dumps added one at a time, in any order; saved as JSON Lines.

    ``add`` a dump, read ``articles`` and ``diagnostics``, ``save`` to a file, ``load`` it
    back and go on adding: the articles are always those that merging every dump at once
    would give.
    """

    def __init__(self) -> None:
        self._blocks: dict[BlockKey, list[Observation]] = {}
        self._digests: set[str] = set()
        # Where records are, by dump, as (index, start, end, line, column): for diagnostics only.
        self._spans: dict[str, array[int]] = {}
        self._merged: dict[BlockKey, tuple[list[Article], list[Diagnostic]]] = {}
        self._stale: set[BlockKey] = set()
        self._keys: list[BlockKey] = []
        self._view: tuple[tuple[Article, ...], tuple[Diagnostic, ...]] | None = None

    @staticmethod
    def open(
        path: str | os.PathLike[str], *, create: bool = True, timeout: float = 600.0
    ) -> CatalogFile:
        """The catalog in an SQLite file (``docs/catalog.md``), as a context manager.

        ``with Catalog.open("catalog.sqlite") as catalog: catalog.add(dump)``: the block is
        one transaction. ``create=False`` refuses a missing file; ``timeout`` is how long to
        wait, in seconds, for another run to finish with the file.
        """
        from .sqlite import CatalogFile  # noqa: PLC0415 (the store imports this module)

        return CatalogFile.open(path, create=create, timeout=timeout)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Catalog:
        """Read a catalog saved by ``save``.

        ``OSError`` if the file cannot be read; ``ValueError`` naming ``file:line`` if a line
        is not JSON or not an article. Only the observations are read back: the articles
        are recomputed from them, so a catalog written by hand or by an older version is
        merged by the rules of this one.
        """
        catalog = cls()
        seen: set[tuple[str, int]] = set()
        with open(path, "rb") as file:
            for _, article in saved_articles(file, os.fspath(path)):
                # An observation already read (a line repeated) would make a phantom twin.
                fresh = [o for o in article.observations if (o.digest, o.index) not in seen]
                seen.update((o.digest, o.index) for o in fresh)
                catalog._restore(attrs.evolve(article, observations=tuple(fresh)))
        return catalog

    def add(self, dump: Dump) -> bool:
        """Add the records of a dump; ``False`` (and nothing changes) if its digest is known.

        Only the records are kept, as observations: the dump's own diagnostics are the
        caller's to report.
        """
        if dump.digest in self._digests:
            return False
        self._digests.add(dump.digest)
        spans = self._spans[dump.digest] = array("q")
        with paused_gc():
            for record in dump.records:
                block = self._block(block_key(dump, record))
                title, snippet = record.title, record.snippet
                if block:  # an article seen again: share its text rather than keep copies
                    latest = block[-1]
                    title = latest.title if latest.title == title else title
                    snippet = latest.snippet if latest.snippet == snippet else snippet
                observation = observe(dump, record, title=title, snippet=snippet)
                block.append(observation)
                start, end = record.span
                spans.extend((record.index, start, end, record.line or 1, record.column or 1))
        return True

    @property
    def digests(self) -> frozenset[str]:
        """The digests of the dumps in the catalog (of those with records, after ``load``)."""
        return frozenset(self._digests)

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article, by published date, then normalized title, then id."""
        return self._refresh()[0]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """How the merge went where the evidence was weak (``weak-match``, ``unmatched-record``).

        Like the articles, they describe the whole catalog as it stands, not one ``add``.
        """
        return self._refresh()[1]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the articles as JSON Lines, atomically: the file is whole, old or new."""
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        with atomic_output(path) as out:
            for article in self.articles:
                out.write(encode(to_json(article)) + "\n")

    def _block(self, key: BlockKey) -> list[Observation]:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = []
            self._keys.append(key)
        self._stale.add(key)
        self._view = None
        return block

    def _restore(self, article: Article) -> None:
        digests = {o.digest for o in article.observations}
        for observation in article.observations:
            self._block(saved_key(article, observation)).append(observation)
        self._digests |= digests

    def _span_of(self, observation: Observation) -> tuple[Span, int, int] | None:
        spans = self._spans.get(observation.digest)
        at = 5 * observation.index
        if spans is None or not 0 <= at < len(spans) or spans[at] != observation.index:
            return None  # loaded from a file, or a dump whose indexes are not its positions
        return (spans[at + 1], spans[at + 2]), spans[at + 3], spans[at + 4]

    def _refresh(self) -> tuple[tuple[Article, ...], tuple[Diagnostic, ...]]:
        if self._view is not None:
            return self._view
        with paused_gc():
            for key in self._stale:
                self._merged[key] = merge_block(key, self._blocks[key], self._span_of)
            self._stale.clear()
            self._keys.sort(key=_block_order)  # nearly sorted after the first time: cheap
            articles: list[Article] = []
            diagnostics: list[Diagnostic] = []
            for key in self._keys:
                found, notes = self._merged[key]
                articles.extend(found if len(found) == 1 else sorted(found, key=_by_id))
                diagnostics.extend(notes)
            diagnostics.sort(key=lambda d: (d.source, d.span, d.message))
            self._view = (tuple(articles), tuple(diagnostics))
        return self._view


_by_id = attrgetter("id")


def saved_articles(file: BinaryIO, name: str) -> Iterator[tuple[str, Article]]:
    """The articles of a JSON Lines catalog, each with where it stands (``name:line``).

    ``ValueError`` naming ``name:line`` for a line that is not UTF-8, not JSON or not an
    article, or an article holding two observations of one dump that are not a record and
    its repeat.
    """
    for number, raw in enumerate(file, 1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{where}: not UTF-8 ({error.reason})") from None
        if not line.strip():
            continue
        article = read_article(line, where)
        observations = article.observations
        # The same observation twice (a line written twice over) is a duplicate, not a second
        # record: the caller decides what to do with it.
        distinct = {(o.digest, o.index): o for o in observations}.values()
        firsts = [o for o in distinct if not _repeats_one_of(o, observations)]
        if len({o.digest for o in distinct}) != len(firsts):
            raise ValueError(f"{where}: an article holds two observations from one dump")
        yield where, article


def _repeats_one_of(observation: Observation, others: tuple[Observation, ...]) -> bool:
    """Whether the observation repeats another record of its dump (the merge keeps both)."""
    return any(is_repeat(other, observation) for other in others)


def block_key(dump: Dump, record: Record) -> BlockKey:
    """The block a record of a dump goes in: the one place a catalog computes it."""
    return key_of(record.title, record.published, dump.locale)


def saved_key(article: Article, observation: Observation) -> BlockKey:
    """The block of an observation read back from a saved article."""
    return key_of(observation.title, article.published, article.locale)


def observe(
    dump: Dump, record: Record, *, title: str | None = None, snippet: str | None = None
) -> Observation:
    """A record of a dump as the catalog keeps it; ``title`` and ``snippet`` may be equal
    strings already held elsewhere, shared to save memory."""
    return Observation(
        source=dump.source,
        digest=dump.digest,
        index=record.index,
        captured=dump.captured,
        title=record.title if title is None else title,
        snippet=record.snippet if snippet is None else snippet,
        updated=record.updated,
        views=record.views,
        category=record.category,
    )


def _block_order(key: BlockKey) -> tuple[date, str, str]:
    return key[1], key[0], key[2]


def read_article(line: str, where: str) -> Article:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"{where}: not JSON: {error.msg} (column {error.colno})") from None
    try:
        return from_json(Article, data)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
