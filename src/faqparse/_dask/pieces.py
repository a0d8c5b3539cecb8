"""The merge's pieces: the records of a partition's dumps that belong to one bucket.

A worker cuts the dumps it parsed into one ``Piece`` per bucket; Dask's shuffle brings every
piece of a bucket to one worker, which merges its blocks with the merge's own per-block code
(``faqparse._catalog.blocks.merged``, what ``faqparse.merge`` runs on every block).

A piece holds only what the merge reads of a record, column by column: each distinct title,
snippet, category and date once, with an array of each record's position among them, and the
indexes and counts as lists of numbers. No record is an object of its own: a list of
strings or numbers pickles in C, and neither holds references, so while a piece waits on a
worker for the shuffle, the worker's cycle collector walks a dozen lists rather than a
million records. Repeated texts (an article's title and, mostly, its snippet, dump after dump) are
sent and kept once. The cut runs Python code per record only to find its bucket; every
column is then built in C (``map`` over an attribute getter, ``dict.fromkeys``), so that
cutting costs a fraction of parsing. The task that merges a bucket builds the observations of
each block straight from the columns, with the collector paused as it is for a parse, and
never builds a record again.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any, Final

from .._catalog.blocks import block_order, merged
from .._gcpause import paused_gc
from .._merge.arguments import checked_dump
from .._merge.keys import BlockKey, Moment, moment, normalize_title
from .._model import Article, Dump, Observation, Record

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
"""How a missing date is written in a table of day numbers (day numbers start at 1)."""

Columns = tuple[Any, ...]
"""A piece's tables and columns (``Piece``)."""

_PLAIN_DATES: Final = frozenset({date, type(None)})


def _coded(values: list[Any]) -> tuple[list[Any], array[int]]:
    """A column as its distinct values, in the order they first come, and the position of
    each value among them. Every step that visits each value runs in C (``dict.fromkeys``,
    ``map``): a Python loop over the records would cost more than the rest of the cut."""
    table = {value: position for position, value in enumerate(dict.fromkeys(values))}
    return list(table), array("q", map(table.__getitem__, values))


def _dates(values: list[Any]) -> tuple[array[int] | tuple[Any, ...], array[int]]:
    """A column of dates (or ``None``) as a table of distinct day numbers and positions in
    it; when a value is of a subclass of ``date`` (a ``datetime`` in a record built by
    hand, whose day number would lose its time), the values themselves, one entry each."""
    if set(map(type, values)) <= _PLAIN_DATES:
        table, positions = _coded(values)
        return array("q", [_NONE if day is None else day.toordinal() for day in table]), positions
    return tuple(values), array("q", range(len(values)))


def _read_dates(table: array[int] | tuple[Any, ...]) -> list[Any]:
    if isinstance(table, tuple):
        return list(table)
    return [None if day == _NONE else date.fromordinal(day) for day in table]


class Piece:
    """The records of one bucket, dump after dump: ``counts[n]`` of them are of ``dumps[n]``.

    ``columns``, in order:

    - the titles: their distinct texts, the normalized form of each (the block key's), and
      each record's position among them;
    - the snippets: their distinct texts, and each record's position among them;
    - the published and the updated dates: a table of distinct day numbers (or, when one is
      a ``datetime``, the values themselves) and each record's position in it;
    - the categories: their distinct values, and each record's position among them;
    - each record's index in its dump, and its count, as lists of ``int`` (or ``None``).
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
        titles, title_at = _coded(cutting.title)
        snippets, snippet_at = _coded(cutting.snippet)
        categories, category_at = _coded(cutting.category)
        columns = (
            (titles, _normals(titles), title_at),
            (snippets, snippet_at),
            _dates(cutting.published),
            _dates(cutting.updated),
            (categories, category_at),
            cutting.index,
            cutting.views,
        )
        text = sum(map(len, titles)) + sum(map(len, snippets))
        size = text + _RECORD_BYTES * len(cutting.title)
        return cls(bucket, cutting.dumps, cutting.counts, columns, size)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Piece, (self.bucket, self.dumps, self.counts, self.columns, self.nbytes))

    def __sizeof__(self) -> int:
        return self.nbytes

    def observe(self, keep: Winners, blocks: dict[BlockKey, list[Observation]]) -> None:
        """Add the observation of each record to its block in ``blocks``, less the records
        of the dump copies ``faqparse.merge`` drops (``keep``).

        Call it with the collector paused: it builds an observation per record.
        """
        title_column, snippet_column, published_column, updated_column = self.columns[:4]
        (categories, category_at), indexes, views = self.columns[4:]
        titles, normals, title_at = title_column
        snippets, snippet_at = snippet_column
        published_table = _read_dates(published_column[0])
        # Every field of every record as a list, each made in C; and a block is found by its
        # title's and date's positions as one number, cheaper than a key per record.
        title_of = list(map(titles.__getitem__, title_at))
        snippet_of = list(map(snippets.__getitem__, snippet_at))
        updated_of = list(map(_read_dates(updated_column[0]).__getitem__, updated_column[1]))
        category_of = list(map(categories.__getitem__, category_at))
        width = len(published_table)
        block_of = [
            title * width + day for title, day in zip(title_at, published_column[1], strict=True)
        ]
        places: dict[str, dict[int, list[Observation]]] = {}
        at = 0
        for identity, count in zip(self.dumps, self.counts, strict=True):
            source, digest, captured, locale = identity
            end = at + count
            if keep[digest] == (moment(captured), source):
                # The observations of the dump's records, built by map(): the loop below
                # only puts each in its block.
                made = map(
                    Observation, repeat(source, count), repeat(digest, count), indexes[at:end],
                    repeat(captured, count), title_of[at:end], snippet_of[at:end],
                    updated_of[at:end], views[at:end], category_of[at:end],
                )  # fmt: skip
                found = places.setdefault(locale, {})
                for block, observation in zip(block_of[at:end], made, strict=True):
                    place = found.get(block)
                    if place is None:
                        title, day = divmod(block, width)
                        key = (normals[title], published_table[day], locale)
                        place = found[block] = blocks.setdefault(key, [])
                    place.append(observation)
            at = end


def _normals(titles: list[str]) -> list[str]:
    """The normalized form of each title, from the worker's cache, where the cut put them."""
    try:
        return list(map(_FORM, map(_TITLES.__getitem__, titles)))
    except KeyError:  # the cache was emptied meanwhile, by a cut in another thread
        return list(map(normalize_title, titles))


_FORM: Final = itemgetter(0)


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


class _Cutting:
    """What the cut has taken so far for one bucket: the dumps, how many of their records
    fell in it, and what the merge reads of those records, a list per field."""

    __slots__ = (
        "category", "counts", "dumps", "index", "published", "snippet", "title", "updated",
        "views",
    )  # fmt: skip

    def __init__(self) -> None:
        self.dumps: list[Identity] = []
        self.counts: list[int] = []
        self.title: list[str] = []
        self.snippet: list[str] = []
        self.published: list[date] = []
        self.updated: list[date | None] = []
        self.category: list[str | None] = []
        self.index: list[int] = []
        self.views: list[int | None] = []

    def take(self, identity: Identity, records: list[Record]) -> None:
        """Take the fields of ``records``, all of the dump ``identity`` names; ``map`` over
        an attribute getter reads a field of every record in C."""
        self.dumps.append(identity)
        self.counts.append(len(records))
        self.title.extend(map(_TITLE, records))
        self.snippet.extend(map(_SNIPPET, records))
        self.published.extend(map(_PUBLISHED, records))
        self.updated.extend(map(_UPDATED, records))
        self.category.extend(map(_CATEGORY, records))
        self.index.extend(map(_INDEX, records))
        self.views.extend(map(_VIEWS, records))


_TITLE: Final = attrgetter("title")
_SNIPPET: Final = attrgetter("snippet")
_PUBLISHED: Final = attrgetter("published")
_UPDATED: Final = attrgetter("updated")
_CATEGORY: Final = attrgetter("category")
_INDEX: Final = attrgetter("index")
_VIEWS: Final = attrgetter("views")


def cut(dumps: Iterable[Dump], buckets: int, *, parsed: bool = False) -> list[Piece]:
    """The records of ``dumps`` by bucket: at most one piece per bucket, for all the dumps.

    What a piece keeps of a record is taken from it while the dump is at hand: given a lazy
    iterable (a partition's files parsed one at a time), no record outlives its dump, and
    each is read while the parse has just left it in the processor's cache (a third cheaper
    than reading the records of 64 MiB of dumps after parsing them all, measured). The only
    Python code run per record finds its bucket; the fields are then taken a bucket at a
    time, in C. Each dump is checked as ``faqparse.merge`` checks it (``TypeError`` or
    ``ValueError`` naming it), unless ``parsed`` says the parser has just made it: a parse
    gives records numbered from 0, which the check would read through for nothing. A dump
    with no records is in no piece: ``faqparse.merge`` never records one, so it takes no
    part in the choice among dumps with one digest (``winners``) either.
    """
    found: dict[int, _Cutting] = {}
    titles = _TITLES
    if len(titles) > _TITLES_KEPT:
        titles.clear()
    with paused_gc():
        for position, given in enumerate(dumps):
            if parsed:
                dump = given
            else:
                dump = checked_dump(given, f"merge() dump {position} of its partition")
            locale = dump.locale
            locale_hash = _text_hash(locale)
            groups: dict[int, list[Record]] = {}
            for record in dump.records:
                title = record.title
                normal = titles.get(title)
                if normal is None:
                    form = normalize_title(title)
                    normal = titles[title] = (form, _text_hash(form))
                day = record.published.toordinal()
                bucket = (normal[1] + _DAY_FACTOR * day + locale_hash) % buckets  # _bucket
                group = groups.get(bucket)
                if group is None:
                    groups[bucket] = [record]
                else:
                    group.append(record)
            identity: Identity = (dump.source, dump.digest, dump.captured, locale)
            for bucket, group in groups.items():
                cutting = found.get(bucket)
                if cutting is None:
                    cutting = found[bucket] = _Cutting()
                cutting.take(identity, group)
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
