"""What both catalogs share: a block merged, where records are, and the order of results.

The in-memory ``Catalog`` and the SQLite ``CatalogFile`` keep the same state (observations
grouped by block key) and must give the same articles and the same diagnostics. Everything
that decides those is here, once: which block a record goes in, the observation kept of it,
where a record is in its dump (by digest, never by source name: two dumps may share a name),
the merge of one block, and the order articles and diagnostics are listed in.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Final

from .._merge.chain import Chain
from .._merge.keys import BlockKey
from .._merge.keys import block_key as key_of
from .._merge.merge import merge_block
from .._model import Article, Diagnostic, Dump, Observation, Record, Span

__all__ = [
    "BLOCK_ORDER",
    "Note",
    "Place",
    "Positions",
    "block_key",
    "block_order",
    "by_id",
    "diagnostic_order",
    "merged",
    "observe",
    "saved_key",
    "sorted_diagnostics",
]

Place = tuple[Span, int, int]
"""Where a record is in its dump: span, line, column."""
PlaceOf = Callable[[Observation], Place | None]


def block_key(dump: Dump, record: Record) -> BlockKey:
    """The block a record of a dump goes in: the one place a catalog computes it."""
    return key_of(record.title, record.published, dump.locale)


def saved_key(article: Article, observation: Observation) -> BlockKey:
    """The block of an observation read back from a saved article."""
    return key_of(observation.title, article.published, article.locale)


def block_order(key: BlockKey) -> tuple[date, str, str]:
    """Blocks are listed by published date, then normalized title, then locale; the
    articles of a block by id (``merged`` sorts them)."""
    return key[1], key[0], key[2]


BLOCK_ORDER: Final = "published, title, locale"
"""``block_order`` as SQL, over the stored blocks (SQLite compares text as UTF-8 bytes,
which order as the code points Python compares; the day is stored as its ordinal)."""


def by_id(articles: list[Article]) -> list[Article]:
    """The articles of one block in the order they are listed."""
    if len(articles) > 1:
        articles.sort(key=_by_id)
    return articles


def diagnostic_order(diagnostic: Diagnostic) -> tuple[str, Span, str]:
    """Diagnostics are listed by source, then place in it, then message."""
    return diagnostic.source, diagnostic.span, diagnostic.message


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(diagnostics, key=diagnostic_order))


_by_id = attrgetter("id")


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


def place_of_record(record: Record) -> Place:
    """Where a record is, as diagnostics about it point (line and column 1 when unknown)."""
    return record.span, record.line or 1, record.column or 1


class Positions:
    """Where the records of the dumps a catalog was given are, by digest and index.

    Kept as one flat array per dump, (index, start, end, line, column) per record: a
    catalog of millions of records holds no tuple per record. A dump whose indexes are not
    its positions (built by hand) is looked up by index instead.
    """

    def __init__(self) -> None:
        self._spans: dict[str, array[int]] = {}
        self._odd: dict[str, dict[int, Place]] = {}

    def add(self, dump: Dump) -> None:
        spans = array("q")
        try:
            for record in dump.records:
                (start, end), line, column = place_of_record(record)
                spans.extend((record.index, start, end, line, column))
        except OverflowError:  # an index or a place past 2**63, in a dump built by hand
            spans = array("q")
        self._spans[dump.digest] = spans
        if any(record.index != number for number, record in enumerate(dump.records)):
            self._odd[dump.digest] = {r.index: place_of_record(r) for r in dump.records}

    def discard(self, digest: str) -> None:
        self._spans.pop(digest, None)
        self._odd.pop(digest, None)

    def place(self, observation: Observation) -> Place | None:
        """Where the observation's record is; ``None`` for a dump never given (loaded)."""
        odd = self._odd.get(observation.digest)
        if odd is not None:
            return odd.get(observation.index)
        spans = self._spans.get(observation.digest)
        at = 5 * observation.index
        if spans is None or not 0 <= at < len(spans):
            return None
        return (spans[at + 1], spans[at + 2]), spans[at + 3], spans[at + 4]


Note = tuple[str, Diagnostic]
"""A diagnostic about a record, with the digest of the record's dump."""


def merged(
    key: BlockKey,
    observations: Sequence[Observation],
    place_of: PlaceOf,
    walked: list[tuple[str, Chain]] | None = None,
) -> tuple[list[Article], list[Note]]:
    """The articles of one block, by id, and the diagnostics about how they were told apart,
    each at its record's place (line 1, column 1 when not known) and tied to its dump's digest.
    Into ``walked``, when given: each article's id and ``Chain``, in the walk's order.
    """
    seen: list[Observation] = []

    def place(observation: Observation) -> Place | None:
        seen.append(observation)
        return place_of(observation)

    chains: list[Chain] | None = None if walked is None else []
    articles, diagnostics = merge_block(key, observations, place, chains)
    if walked is not None and chains is not None:
        walked[:] = [(article.id, chain) for article, chain in zip(articles, chains, strict=True)]
    by_id(articles)
    # merge_block asks once for the place of each diagnostic's record, in the order of its
    # diagnostics: that is how each is tied to its dump. A diagnostic's source is only a
    # name, which two dumps may share. (strict: a change to that order fails loudly.)
    notes = [(o.digest, d) for o, d in zip(seen, diagnostics, strict=True)]
    return articles, notes
