"""The merge's pieces: the records of a partition's dumps that belong to one bucket.

A worker cuts the dumps it parsed into one ``Piece`` per bucket; Dask's shuffle brings every
piece of a bucket to one worker, which merges its blocks with the merge's own per-block code
(``faqparse._catalog.blocks.merged``, what ``faqparse.merge`` runs on every block).

A piece holds only what the merge reads of a record, as a handful of flat values: each text
column (titles, snippets) as one string with the end of every record's text in an array,
numbers and day numbers as arrays of machine integers, the block keys and categories as
small tables that records point into. It pickles as a few large strings and byte buffers,
which pickle and load as fast as memory copies, where a million small objects (or a million
short strings) would each be described and rebuilt; and while it waits on a worker for the
shuffle, it gives that worker's cycle collector a dozen objects to walk rather than a million.
The block key of each record is computed once, by the cut, and travels in the key table: the
task that merges a bucket builds the observations of each block straight from the columns,
with the collector paused as it is for a parse, and never builds a record again.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import accumulate, chain
from operator import attrgetter
from typing import Any, Final

from .._catalog.blocks import block_order, merged
from .._gcpause import paused_gc
from .._merge.arguments import checked_dump
from .._merge.keys import BlockKey, Moment, moment, normalize_title
from .._model import Article, Dump, Observation

__all__ = [
    "Identity",
    "Piece",
    "Winners",
    "bucket_of",
    "cut",
    "merge_bucket",
    "winners",
    "winners_of",
]

Identity = tuple[str, str, date | None, str]
"""What the merge needs of a dump besides its records: source, digest, snapshot, locale."""

Winners = dict[str, tuple[Moment, str]]
"""For each digest, the (snapshot, source) of the dump that ``faqparse.merge`` keeps."""

_RECORD_BYTES: Final = 200
"""Memory of a record besides its text once its observation is built (the object, the
lists holding it): what ``sys.getsizeof`` tells Dask of a piece, so that Dask's memory
accounting sees the records a piece stands for."""

_DAY_FACTOR: Final = 40_503
"""Spreads the days of one title over the buckets (a prime, so no period of days lines up)."""

_TITLES: Final[dict[str, tuple[str, int]]] = {}
"""Each title's normalized form and its hash, kept by the worker process from task to task:
the same articles come back in dump after dump, and the merge's own cache of normalized
titles is smaller than the titles of a large series."""
_TITLES_KEPT: Final = 1 << 18
"""Past this many titles (tens of megabytes), the cache starts again from empty."""

_NONE: Final = -1
"""How a missing count or date is written in an integer column (counts are never negative,
day numbers start at 1): a column that holds a negative count keeps its values as they are."""

Columns = tuple[Any, ...]
"""A piece's tables and columns (``Piece``)."""

Key = tuple[str, int | date, str]
"""A block key as it travels: normalized title, day number of the published date (or the
date itself, when it is of a subclass of ``date``), locale."""


def _day(published: int | date) -> date:
    return date.fromordinal(published) if isinstance(published, int) else published


def _ints(values: list[int | None]) -> array[int] | tuple[int | None, ...]:
    """A column of integers as 8-byte machine integers, ``None`` as ``_NONE``; as a tuple
    when a value does not fit or is negative (a record built by hand may hold anything)."""
    try:
        column = array("q", [_NONE if value is None else value for value in values])
    except OverflowError:
        return tuple(values)
    if column and (min(column) < _NONE or column.count(_NONE) != values.count(None)):
        return tuple(values)  # a negative value, which would read back as another
    return column


def _indexes(values: list[int]) -> array[int] | tuple[int, ...]:
    """Record indexes as 8-byte machine integers, or as a tuple when one does not fit."""
    try:
        return array("q", values)
    except OverflowError:
        return tuple(values)


def _days(values: list[date | None]) -> array[int] | tuple[date | None, ...]:
    """A column of dates as day numbers; as a tuple when one is of a subclass of ``date``
    (a ``datetime`` in a record built by hand: its day number would lose its time)."""
    if set(map(type, values)) <= _PLAIN_DATES:
        return array("q", [_NONE if day is None else day.toordinal() for day in values])
    return tuple(values)


def _read_days(column: array[int] | tuple[date | None, ...]) -> list[date | None]:
    if isinstance(column, tuple):
        return list(column)
    return [None if day == _NONE else date.fromordinal(day) for day in column]


_PLAIN_DATES: Final = frozenset({date, type(None)})


def _read_ints(column: array[int] | tuple[int | None, ...]) -> list[int | None]:
    if isinstance(column, tuple):
        return list(column)
    return [None if value == _NONE else value for value in column]


def _text(values: list[str]) -> tuple[str, array[int]]:
    """A text column as one string and the end of each value in it."""
    return "".join(values), array("q", accumulate(map(len, values)))


def _read_text(text: str, ends: array[int]) -> list[str]:
    return [text[start:end] for start, end in zip(chain((0,), ends), ends, strict=False)]


class Piece:
    """The records of one bucket, dump after dump: ``counts[n]`` of them are of ``dumps[n]``.

    ``columns`` are two tables, the block keys and the categories of the piece, then one
    value per record: the position of its block key, its index in its dump, its title and
    its snippet (each as a position in a table of the piece's distinct texts, held as one
    string and the end of each text), its updated date (a day number), its count, and the
    position of its category.
    """

    __slots__ = ("bucket", "columns", "counts", "dumps", "nbytes")

    def __init__(
        self, bucket: int, dumps: list[Identity], counts: list[int], columns: Columns, nbytes: int
    ) -> None:
        self.bucket = bucket
        self.dumps = dumps
        self.counts = counts
        self.columns = columns
        self.nbytes = nbytes

    @classmethod
    def of(cls, bucket: int, cutting: _Cutting) -> Piece:
        """The piece of ``bucket`` holding what ``cutting`` took of its records."""
        fields = zip(*cutting.values, strict=True) if cutting.values else [()] * len(_VALUES)
        title_of, snippet_of, category_of, index, updated, views = fields
        keys: dict[Key, int] = {}
        titles: dict[str, int] = {}
        snippets: dict[str, int] = {}
        categories: dict[str | None, int] = {}
        columns = (
            array("q", [keys.setdefault(key, len(keys)) for key in cutting.keys]),
            _indexes(list(index)),
            array("q", [titles.setdefault(title, len(titles)) for title in title_of]),
            *_text(list(titles)),
            array("q", [snippets.setdefault(text, len(snippets)) for text in snippet_of]),
            *_text(list(snippets)),
            _days(list(updated)),
            _ints(list(views)),
            array("q", [categories.setdefault(c, len(categories)) for c in category_of]),
        )
        text = sum(map(len, titles)) + sum(map(len, snippets))
        return cls(
            bucket,
            cutting.dumps,
            cutting.counts,
            (list(keys), list(categories), *columns),
            text + _RECORD_BYTES * len(cutting.keys),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (Piece, (self.bucket, self.dumps, self.counts, self.columns, self.nbytes))

    def __sizeof__(self) -> int:
        return self.nbytes

    def observe(self, keep: Winners, blocks: dict[BlockKey, list[Observation]]) -> None:
        """Add the observation of each record to its block in ``blocks``, less the records
        of the dump copies ``faqparse.merge`` drops (``keep``).

        Call it with the collector paused: it builds an observation per record.
        """
        keys, categories, block, index, title, titles, title_ends = self.columns[:7]
        snippet, snippets, snippet_ends, updated, views, category = self.columns[7:]
        lists = [
            blocks.setdefault((normal, _day(published), locale), [])
            for normal, published, locale in keys
        ]
        indexes = list(index)
        title_of = _read_text(titles, title_ends)
        snippet_of = _read_text(snippets, snippet_ends)
        updated_of = _read_days(updated)
        views_of = _read_ints(views)
        at = 0
        for identity, count in zip(self.dumps, self.counts, strict=True):
            source, digest, captured, _ = identity
            if keep[digest] == (moment(captured), source):
                for n in range(at, at + count):
                    lists[block[n]].append(
                        Observation(
                            source, digest, indexes[n], captured, title_of[title[n]],
                            snippet_of[snippet[n]],
                            updated_of[n], views_of[n], categories[category[n]],
                        )
                    )  # fmt: skip
            at += count


def bucket_of(title: str, published: date, locale: str, buckets: int) -> int:
    """The bucket of the block key of a record, the same in every process.

    ``hash()`` of a str differs between processes; CRC-32, fast in C, does not. Any
    function of the block key (``faqparse._merge.keys.block_key``) keeps a block's records
    together: this one hashes the normalized title, and adds the date and the locale.
    """
    return _bucket(_text_hash(normalize_title(title)), published, _text_hash(locale), buckets)


def _text_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _bucket(title_hash: int, published: date, locale_hash: int, buckets: int) -> int:
    return (title_hash + _DAY_FACTOR * published.toordinal() + locale_hash) % buckets


_VALUES: Final = ("title", "snippet", "category", "index", "updated", "views")
_values_of: Final = attrgetter(*_VALUES)
"""What a piece keeps of a record besides its block key (``Piece.of`` reads them in order)."""


class _Cutting:
    """What the cut has taken so far for one bucket: the dumps, how many of their records
    fell in it, each record's block key and values."""

    __slots__ = ("counts", "dumps", "keys", "values")

    def __init__(self) -> None:
        self.dumps: list[Identity] = []
        self.counts: list[int] = []
        self.keys: list[Key] = []
        self.values: list[tuple[Any, ...]] = []


def cut(dumps: Iterable[Dump], buckets: int) -> list[Piece]:
    """The records of ``dumps`` by bucket: at most one piece per bucket, for all the dumps.

    What a piece keeps of a record is taken from it while the dump is at hand, in one visit
    to each record: given a lazy iterable (a partition's files parsed one at a time), no
    record outlives its dump, and each is read while the parse has just left it in the
    processor's cache (a third cheaper than reading the records of 64 MiB of dumps after
    parsing them all, measured). Each dump is checked as ``faqparse.merge`` checks it
    (``TypeError`` or ``ValueError`` naming it). A dump with no records is in no piece:
    ``faqparse.merge`` never records one, so it takes no part in the choice among dumps with
    one digest (``winners``) either.
    """
    found: dict[int, _Cutting] = {}
    titles = _TITLES
    if len(titles) > _TITLES_KEPT:
        titles.clear()
    with paused_gc():
        for position, given in enumerate(dumps):
            dump = checked_dump(given, f"merge() dump {position} of its partition")
            locale = dump.locale
            locale_hash = _text_hash(locale)
            counts: dict[int, int] = {}
            for record in dump.records:
                title = record.title
                normal = titles.get(title)
                if normal is None:
                    form = normalize_title(title)
                    normal = titles[title] = (form, _text_hash(form))
                published = record.published
                day = published.toordinal()
                bucket = (normal[1] + _DAY_FACTOR * day + locale_hash) % buckets  # _bucket
                cutting = found.get(bucket)
                if cutting is None:
                    cutting = found[bucket] = _Cutting()
                # A datetime (in a record built by hand) travels whole: its day would lose
                # its time, and the merge keys its block by the value it was given.
                key = (normal[0], day if type(published) is date else published, locale)
                cutting.keys.append(key)
                cutting.values.append(_values_of(record))
                counts[bucket] = counts.get(bucket, 0) + 1
            identity: Identity = (dump.source, dump.digest, dump.captured, locale)
            for bucket, count in counts.items():
                found[bucket].dumps.append(identity)
                found[bucket].counts.append(count)
        return [Piece.of(bucket, found[bucket]) for bucket in sorted(found)]


def winners_of(pieces: Iterable[Piece]) -> Winners:
    """Among the dumps named in ``pieces``, the one kept for each digest."""
    found: Winners = {}
    for piece in pieces:
        for source, digest, captured, _ in piece.dumps:
            here = (moment(captured), source)
            if digest not in found or here < found[digest]:
                found[digest] = here
    return found


def winners(parts: Iterable[Winners]) -> Winners:
    """For each digest, the earliest snapshot, then the first source name, as in the merge."""
    found: Winners = {}
    for part in parts:
        for digest, here in part.items():
            if digest not in found or here < found[digest]:
                found[digest] = here
    return found


def _nowhere(_: Observation) -> None:
    """Where a record is, for the merge's diagnostics: the Bag of articles has none."""
    return None


def merge_bucket(group: tuple[int, Sequence[Piece]], keep: Winners) -> list[Article]:
    """The articles ``faqparse.merge`` gives for the blocks of a bucket: each block's
    observations, from every piece, merged by the code that merges a block in one process
    (the same walk, the same ids), in the merge's order of blocks."""
    _, pieces = group
    # One pause for the observations and the merge: the collector's pass after it (on the
    # articles, which outlive the task) comes once rather than after each.
    with paused_gc():
        blocks: dict[BlockKey, list[Observation]] = {}
        for piece in pieces:
            piece.observe(keep, blocks)
        articles: list[Article] = []
        for key in sorted(blocks, key=block_order):
            if blocks[key]:
                articles.extend(merged(key, blocks[key], _nowhere)[0])
        return articles
