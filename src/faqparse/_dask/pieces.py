"""The merge's pieces: the records of a partition's dumps that belong to one bucket.

A worker cuts the dumps it parsed into one ``Piece`` per bucket; Dask's shuffle brings every
piece of a bucket to one worker, which merges them with ``faqparse.merge``. A piece holds its
records as plain columns, one tuple per field of ``Record`` (strings, numbers, day numbers),
never as ``Record`` objects: it pickles as a dozen large tuples, loaded back by loops in C,
where a million small objects would each be described and rebuilt; and while it waits on a
worker for the shuffle, it gives that worker's cycle collector a dozen objects to walk
rather than a million (strings and numbers are not tracked by the collector, records are).
The records are built again by the task that merges the bucket, with the collector paused
as it is for a parse, and dropped when that task ends.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final

import attrs

from .._catalog.memory import merge as merge_dumps
from .._gcpause import paused_gc
from .._merge.keys import Moment, moment, normalize_title
from .._model import Article, Dump, Record

__all__ = ["Identity", "Piece", "Winners", "cut", "merge_bucket", "winners", "winners_of"]

Identity = tuple[str, str, date | None, str]
"""What the merge needs of a dump besides its records: source, digest, snapshot, locale."""

Winners = dict[str, tuple[Moment, str]]
"""For each digest, the (snapshot, source) of the dump that ``faqparse.merge`` keeps."""

_RECORD_BYTES: Final = 200
"""Memory of a record besides its text (the object, its span, the lists holding it): what
``sys.getsizeof`` tells Dask of a piece, so that Dask's memory accounting sees the records."""

_DAY_FACTOR: Final = 40_503
"""Spreads the days of one title over the buckets (a prime, so no period of days lines up)."""

_TITLE_HASHES: Final[dict[str, int]] = {}
"""The hash of each title's normalized form, kept by the worker process from task to task:
the same articles come back in dump after dump, and the merge's own cache of normalized
titles is smaller than the titles of a large series and meets them in an order that keeps
it missing (kept here, the cut of half a million records of 100,000 articles took 15% less)."""
_TITLES_KEPT: Final = 1 << 18
"""Past this many titles (tens of megabytes), the cache starts again from empty."""

_FIELDS: Final = tuple(field.name for field in attrs.fields(Record))
_values: Final = attrgetter(*_FIELDS)
"""A record's field values in the order ``Record`` takes them: a record is ``Record(*values)``."""
_DATES: Final = tuple(_FIELDS.index(name) for name in ("published", "updated"))
_SPAN: Final = _FIELDS.index("span")

Columns = tuple[tuple[Any, ...], ...]
"""One tuple per field of ``Record`` (the span as two: its starts, then its ends)."""


class Piece:
    """The records of one bucket, dump after dump: ``counts[n]`` of them are of ``dumps[n]``."""

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
    def of(cls, bucket: int, found: list[tuple[Identity, list[Record]]]) -> Piece:
        """The piece of ``bucket`` holding each dump's records (``found``)."""
        with paused_gc():  # a row per record, dropped at once: nothing for the collector
            rows = [_values(record) for _, records in found for record in records]
            columns: list[tuple[Any, ...]] = (
                list(zip(*rows, strict=True)) if rows else [()] * len(_FIELDS)
            )
            # Dates as day numbers: a date pickles as a call that rebuilds it, an int as bytes.
            for at in _DATES:
                columns[at] = tuple(_ordinal(day) for day in columns[at])
            # Spans as two columns of numbers: tuples would be tracked by the collector.
            spans = columns[_SPAN]
            columns[_SPAN : _SPAN + 1] = [tuple(s[0] for s in spans), tuple(s[1] for s in spans)]
            text = sum(len(row[0]) + len(row[1]) for row in rows)
        return cls(
            bucket,
            [identity for identity, _ in found],
            [len(records) for _, records in found],
            tuple(columns),
            text + _RECORD_BYTES * len(rows),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (Piece, (self.bucket, self.dumps, self.counts, self.columns, self.nbytes))

    def __sizeof__(self) -> int:
        return self.nbytes

    def to_dumps(self, keep: Winners) -> list[Dump]:
        """The piece's dumps with their records, less the copies ``faqparse.merge`` drops.

        Call it with the collector paused: it builds every record of the piece.
        """
        columns = list(self.columns)
        starts, ends = columns.pop(_SPAN), columns.pop(_SPAN)
        columns.insert(_SPAN, tuple(zip(starts, ends, strict=True)))
        for at in _DATES:
            columns[at] = tuple(_day(number) for number in columns[at])
        records = list(map(Record, *columns))
        dumps, at = [], 0
        for identity, count in zip(self.dumps, self.counts, strict=True):
            source, digest, captured, locale = identity
            if keep[digest] == (moment(captured), source):
                found = tuple(records[at : at + count])
                dumps.append(
                    Dump(
                        source=source,
                        records=found,
                        header=(),
                        diagnostics=(),
                        digest=digest,
                        captured=captured,
                        captured_from=None,
                        locale=locale,
                    )
                )
            at += count
        return dumps


def _ordinal(day: date | None) -> int:
    return 0 if day is None else day.toordinal()


def _day(number: int) -> date | None:
    return None if number == 0 else date.fromordinal(number)


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

    A dump with no records is in no piece: ``faqparse.merge`` never records one, so it takes
    no part in the choice among dumps with one digest (``winners``) either.
    """
    found: dict[int, list[tuple[Identity, list[Record]]]] = {}
    title_hashes = _TITLE_HASHES
    if len(title_hashes) > _TITLES_KEPT:
        title_hashes.clear()
    with paused_gc():
        for dump in dumps:
            identity: Identity = (dump.source, dump.digest, dump.captured, dump.locale)
            locale_hash = _text_hash(dump.locale)
            by_bucket: dict[int, list[Record]] = {}
            for record in dump.records:
                title = record.title
                title_hash = title_hashes.get(title)
                if title_hash is None:
                    title_hash = title_hashes[title] = _text_hash(normalize_title(title))
                bucket = _bucket(title_hash, record.published, locale_hash, buckets)
                records = by_bucket.get(bucket)
                if records is None:
                    by_bucket[bucket] = [record]
                else:
                    records.append(record)
            for bucket, records in by_bucket.items():
                found.setdefault(bucket, []).append((identity, records))
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


def merge_bucket(group: tuple[int, Sequence[Piece]], keep: Winners) -> list[Article]:
    """``faqparse.merge`` of the dumps a bucket's pieces hold (their records of the bucket)."""
    _, pieces = group
    # One pause for the records and the merge: the collector's pass after it (on the
    # articles, which outlive the task) comes once rather than after each.
    with paused_gc():
        return merge_dumps([dump for piece in pieces for dump in piece.to_dumps(keep)])
