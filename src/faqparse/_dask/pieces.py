"""The merge's pieces: the records of a partition's dumps that belong to one bucket.

A worker cuts the dumps it parsed into one ``Piece`` per bucket; Dask's shuffle brings every
piece of a bucket to one worker, which merges its blocks with the merge's own per-block code
(``faqparse._catalog.blocks.merged``, what ``faqparse.merge`` runs on every block).

A piece holds only what the merge reads of a record: its block key, computed once by the
cut, and a plain tuple of six values (title, snippet, category, index, updated date, count),
taken from the record in one call in C while the parse has just left it in the processor's
cache. No record, dump or observation travels: a piece pickles as tuples of strings, numbers
and dates, and the task that merges a bucket builds the observations of each block straight
from them, never a record again.

Why tuples rather than columns packed into a few large strings and arrays (which pickle as
memory copies): Dask moves a piece between processes only when its bucket is merged on
another worker (about half of them on two workers), while the packing is paid for every
record; measured in one process on 200,000 records, the cut, the pickling of half the pieces
and the merge took 6.2 to 6.7 CPU seconds with tuples against 7.1 to 7.2 with packed columns.
A tuple holding only strings, numbers and dates is untracked by the cycle collector at its
first pass, so pieces waiting on a worker for the shuffle cost its collector next to nothing.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import date
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

Key = tuple[str, int | date, str]
"""A block key as it travels: normalized title, day number of the published date (or the
date itself, when it is of a subclass of ``date``), locale."""

Values = tuple[str, str, str | None, int, date | None, int | None]
"""What a piece keeps of a record besides its block key, in ``_VALUES`` order."""

_VALUES: Final = ("title", "snippet", "category", "index", "updated", "views")
_values_of: Final = attrgetter(*_VALUES)

_RECORD_BYTES: Final = 300
"""Memory of a record besides its text (its tuples, its key, the lists holding them, its
observation once built): what ``sys.getsizeof`` tells Dask of a piece, so that Dask's memory
accounting sees the records a piece stands for."""

_DAY_FACTOR: Final = 40_503
"""Spreads the days of one title over the buckets (a prime, so no period of days lines up)."""

_TITLES: Final[dict[str, tuple[str, int]]] = {}
"""Each title's normalized form and its hash, kept by the worker process from task to task:
the same articles come back in dump after dump, and the merge's own cache of normalized
titles is smaller than the titles of a large series. One normalized string per title also
lets pickle write each block's title once per piece."""
_TITLES_KEPT: Final = 1 << 18
"""Past this many titles (tens of megabytes), the cache starts again from empty."""


def _day(published: int | date) -> date:
    return date.fromordinal(published) if isinstance(published, int) else published


class Piece:
    """The records of one bucket, dump after dump: ``counts[n]`` of them are of ``dumps[n]``,
    each as its block key (``keys``) and its ``Values`` (``values``)."""

    __slots__ = ("bucket", "counts", "dumps", "keys", "nbytes", "values")

    def __init__(
        self,
        bucket: int,
        dumps: list[Identity],
        counts: list[int],
        records: tuple[list[Key], list[Values]],
        nbytes: int,
    ) -> None:
        self.bucket = bucket
        self.dumps = dumps
        self.counts = counts
        self.keys, self.values = records
        self.nbytes = nbytes

    def __reduce__(self) -> tuple[Any, ...]:
        records = (self.keys, self.values)
        return (Piece, (self.bucket, self.dumps, self.counts, records, self.nbytes))

    def __sizeof__(self) -> int:
        return self.nbytes

    def observe(self, keep: Winners, blocks: dict[BlockKey, list[Observation]]) -> None:
        """Add the observation of each record to its block in ``blocks``, less the records
        of the dump copies ``faqparse.merge`` drops (``keep``).

        Call it with the collector paused: it builds an observation per record.
        """
        keys, values = self.keys, self.values
        found: dict[Key, list[Observation]] = {}
        at = 0
        for identity, count in zip(self.dumps, self.counts, strict=True):
            source, digest, captured, _ = identity
            if keep[digest] == (moment(captured), source):
                for n in range(at, at + count):
                    key = keys[n]
                    block = found.get(key)
                    if block is None:
                        title, published, locale = key
                        block = blocks.setdefault((title, _day(published), locale), [])
                        found[key] = block
                    title, snippet, category, index, updated, views = values[n]
                    block.append(
                        Observation(
                            source, digest, index, captured, title, snippet, updated, views,
                            category,
                        )
                    )  # fmt: skip
            at += count


class _Cutting:
    """What the cut has taken so far for one bucket: the dumps, how many of their records
    fell in it, each record's block key and values, and the length of their text."""

    __slots__ = ("counts", "dumps", "keys", "text", "values")

    def __init__(self) -> None:
        self.dumps: list[Identity] = []
        self.counts: list[int] = []
        self.keys: list[Key] = []
        self.values: list[Values] = []
        self.text = 0

    def piece(self, bucket: int) -> Piece:
        nbytes = self.text + _RECORD_BYTES * len(self.keys)
        return Piece(bucket, self.dumps, self.counts, (self.keys, self.values), nbytes)


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


def cut(dumps: Iterable[Dump], buckets: int) -> list[Piece]:
    """The records of ``dumps`` by bucket: at most one piece per bucket, for all the dumps.

    What a piece keeps of a record is taken from it while the dump is at hand, in one visit
    to each record: given a lazy iterable (a partition's files parsed one at a time), no
    record outlives its dump, and each is read while the parse has just left it in the
    processor's cache. Each dump is checked as ``faqparse.merge`` checks it (``TypeError``
    or ``ValueError`` naming it). A dump with no records is in no piece: ``faqparse.merge``
    never records one, so it takes no part in the choice among dumps with one digest
    (``winners``) either.
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
                cutting.text += len(title) + len(record.snippet)
                counts[bucket] = counts.get(bucket, 0) + 1
            identity: Identity = (dump.source, dump.digest, dump.captured, locale)
            for bucket, count in counts.items():
                found[bucket].dumps.append(identity)
                found[bucket].counts.append(count)
        return [found[bucket].piece(bucket) for bucket in sorted(found)]


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
