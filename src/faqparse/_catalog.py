"""The catalog: observations grouped by block, the articles of each block, saved as JSON Lines.

The catalog's state is the set of observations grouped by block key (normalized title,
published date), and the dumps it has seen, by digest. Articles and diagnostics are a pure
function of a block, recomputed, when next asked for, for the blocks that an ``add`` touched.
That is why the order dumps arrive in does not matter, why adding dumps one at a time gives
what merging them at once gives, and why a saved catalog (articles with their observations)
is all the state needed to continue.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from ._jsonshape import from_json, to_json
from ._merge import merge_block
from ._model import Article, Diagnostic, Dump, Observation, Span
from ._normalize import BlockKey, block_key, moment
from ._output import atomic_output
from ._parse import _gc_paused

__all__ = ["Catalog", "merge"]


def merge(dumps: Iterable[Dump]) -> list[Article]:
    """Merge dumps into articles; the result does not depend on the order of ``dumps``.

    Dumps with the same digest are one dump: the one kept is the earliest snapshot, then the
    first by source name, so that even then the order does not matter. (Adding in snapshot
    order also leaves little for each block to sort.) ``Catalog`` gives the diagnostics too.
    """
    catalog = Catalog()
    with _gc_paused():
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
        # Record spans by dump, as (index, start, end) triples: for the diagnostics only.
        self._spans: dict[str, array[int]] = {}
        self._merged: dict[BlockKey, tuple[list[Article], list[Diagnostic]]] = {}
        self._stale: set[BlockKey] = set()
        self._keys: list[BlockKey] = []
        self._view: tuple[tuple[Article, ...], tuple[Diagnostic, ...]] | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Catalog:
        """Read a catalog saved by ``save``.

        ``OSError`` if the file cannot be read; ``ValueError`` naming ``file:line`` if a line
        is not JSON or not an article. Only the observations are read back: the articles
        are recomputed from them, so a catalog written by hand or by an older version is
        merged by the rules of this one.
        """
        catalog = cls()
        name = os.fspath(path)
        with open(path, "rb") as file:
            for number, raw in enumerate(file, 1):
                where = f"{name}:{number}"
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as error:
                    raise ValueError(f"{where}: not UTF-8 ({error.reason})") from None
                if line.strip():
                    catalog._restore(_read_article(line, where), where)
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
        with _gc_paused():
            for record in dump.records:
                block = self._block(block_key(record.title, record.published, dump.locale))
                title, snippet = record.title, record.snippet
                if block:  # an article seen again: share its text rather than keep copies
                    latest = block[-1]
                    title = latest.title if latest.title == title else title
                    snippet = latest.snippet if latest.snippet == snippet else snippet
                block.append(
                    Observation(
                        dump.source,
                        dump.digest,
                        record.index,
                        dump.captured,
                        title,
                        snippet,
                        record.updated,
                        record.views,
                    )
                )
                start, end = record.span
                spans.extend((record.index, start, end))
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

    def _restore(self, article: Article, where: str) -> None:
        digests = {o.digest for o in article.observations}
        if len(digests) != len(article.observations):
            raise ValueError(f"{where}: an article holds two observations from one dump")
        for observation in article.observations:
            key = block_key(observation.title, article.published, article.locale)
            self._block(key).append(observation)
        self._digests |= digests

    def _span_of(self, observation: Observation) -> Span | None:
        spans = self._spans.get(observation.digest)
        at = 3 * observation.index
        if spans is None or not 0 <= at < len(spans) or spans[at] != observation.index:
            return None  # loaded from a file, or a dump whose indexes are not its positions
        return (spans[at + 1], spans[at + 2])

    def _refresh(self) -> tuple[tuple[Article, ...], tuple[Diagnostic, ...]]:
        if self._view is not None:
            return self._view
        with _gc_paused():
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


def _block_order(key: BlockKey) -> tuple[date, str]:
    return key[1], key[0]


def _read_article(line: str, where: str) -> Article:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"{where}: not JSON: {error.msg} (column {error.colno})") from None
    try:
        return from_json(Article, data)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
