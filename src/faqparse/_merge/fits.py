"""Which of a block's articles a record fits, found without reading every article: the
nearest ``CANDIDATES`` of them by count, in time that grows with the number found.

A record fits an article when no observation of it known to come earlier has more views or
a later 'Updated on' date (``Chain.fits``): the article's *bound* at the record's snapshot
(``Chain.bounds``). A bound changes only when the article gains an observation, or when the
walk reaches a snapshot that one of its observations is now known to come before: the next
day, or a later time of the same day (a date-only snapshot has no order with the times of
its own day). So ``Fits`` keeps every article's bound at the walk's snapshot and moves it on
with the walk, each observation raising a bound at most once a day (and lowering it back at
most once, for a date-only snapshot walked after the times of its day).

The articles are kept in two orderings, each with its 'Updated on' bounds in a segment tree
(``index.Index``): those whose count bounds a record, by that bound, and those that no count
bounds (counts seen only at moments with no order to this one, or none), which fit any count,
by their highest count. Each ordering is a few static indexes of doubling sizes, an article
whose bound changes being taken out of its index and put in the smallest (merged upwards as
they fill): a change costs a few logarithms, amortized, and a search visits each index once.

Past ``CANDIDATES`` articles a record fits, the walk weighs only the nearest: by the distance
from the record's count (none: no views) to the article's *order*, its bound, or its highest
count when no count bounds it (none: below every count), then the older article. ``nearest``
finds them in that order; ``by_scan`` is the same rule over a list, for blocks small enough
to read whole. ``countless`` finds the first article that never showed a count and that a
copy without a count fits (a twin whose zero is hidden) the same way: such articles are the
lowest of those no count bounds.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterator, Sequence
from datetime import date
from typing import Final

from .._model import Observation
from .chain import Chain, within
from .index import ANY, NONE, TAKEN, Index
from .keys import Moment

__all__ = ["CANDIDATES", "Fits", "by_scan", "order"]

CANDIDATES: Final = 32
"""The most articles a record is weighed against: the nearest it fits by count."""

Bound = tuple[int | None, date | None]


def order(bound: Bound, views: int | None) -> tuple[bool, int]:
    """Whether an article's count bounds a record, and the count its nearness is measured
    from: its bound, or its highest count (``views``) when no count bounds it."""
    if bound[0] is not None:
        return True, bound[0]
    return False, NONE if views is None else views


def by_scan(
    record: Observation,
    chains: Sequence[Chain],
    when: Moment,
    aside: Container[int] = (),
    *,
    ranked: bool = False,
) -> list[int]:
    """The articles a record fits, reading them all, but for those ``aside``: in column
    order, or past ``CANDIDATES`` of them (or when ``ranked``) the nearest first, at most
    ``CANDIDATES``."""
    found = [
        column
        for column, chain in enumerate(chains)
        if column not in aside and chain.fits(record, when)
    ]
    if len(found) <= 1 or (len(found) <= CANDIDATES and not ranked):
        return found
    count = NONE if record.views is None else record.views
    ranked_found = sorted(
        found,
        key=lambda c: (abs(count - order(chains[c].bounds(when), chains[c].views)[1]), c),
    )
    return ranked_found[:CANDIDATES]


class _Levels:
    """Entries (order, column, update bound) in static indexes of doubling sizes."""

    def __init__(self) -> None:
        self.levels: list[Index | None] = []
        self.home: dict[int, Index] = {}

    def load(self, entries: list[tuple[int, int, int]]) -> None:
        """Start over with these entries, in one index."""
        self.home.clear()
        self.levels = [None] * max(0, len(entries) - 1).bit_length()
        if entries:
            self._place(entries, len(self.levels))

    def put(self, entries: list[tuple[int, int, int]]) -> None:
        """Add entries whose columns are in none of the indexes: with those of the smallest
        indexes, into the first free one that holds them all."""
        level, levels = 0, self.levels
        while level < len(levels) and (
            (full := levels[level]) is not None or len(entries) > 1 << level
        ):
            if full is not None:
                entries += full.live()
                levels[level] = None
            level += 1
        self._place(entries, level)

    def _place(self, entries: list[tuple[int, int, int]], level: int) -> None:
        levels = self.levels
        levels.extend([None] * (level + 1 - len(levels)))
        index = levels[level] = Index(entries)
        for column in index.columns:
            self.home[column] = index

    def drop(self, column: int) -> None:
        index = self.home.pop(column, None)
        if index is not None:
            index.take(column)


class _Up:
    """An index read upwards from a position: orders ascending, then columns."""

    __slots__ = ("index", "position")

    def __init__(self, index: Index, position: int) -> None:
        self.index, self.position = index, position

    def next(self, updated: int) -> int:
        found = self.index.after(self.position, updated)
        self.position = len(self.index.keys) if found < 0 else found + 1
        return found


class _Down:
    """An index read downwards from a position: orders descending, and within one order the
    columns ascending (so that every reading agrees on ties: the older article first)."""

    __slots__ = ("end", "index", "position", "start")

    def __init__(self, index: Index, position: int) -> None:
        self.index, self.start, self.position, self.end = index, position, 0, 0

    def next(self, updated: int) -> int:
        index = self.index
        if self.position < self.end:  # the rest of the order being read
            found = index.after(self.position, updated)
            if 0 <= found < self.end:
                self.position = found + 1
                return found
        last = index.before(self.start, updated)
        if last < 0:
            self.start = self.position = self.end = 0
            return -1
        first = bisect_left(index.keys, index.keys[last], 0, last)
        found = index.after(first, updated)  # `last` itself fits: found <= last
        self.start, self.position, self.end = first, found + 1, last + 1
        return found


class Fits:
    """Every article's bound at the walk's snapshot, and the articles a record fits."""

    def __init__(self, chains: Sequence[Chain], when: Moment) -> None:
        self.chains = chains
        self.bounded, self.free = _Levels(), _Levels()
        self._aside: list[tuple[_Levels, Index, int, int]] = []  # with their bounds
        self._pending: dict[int, tuple[bool, int, int]] = {}  # out of the indexes, to put back
        self._load(when)

    def _load(self, when: Moment) -> None:
        """Every bound read afresh from the articles (at the start, or after a move that the
        walk never makes)."""
        self.when = when
        chains = self.chains
        self._pending.clear()
        self.bounds: list[Bound] = [chain.bounds(when) for chain in chains]
        self.keys: list[tuple[bool, int, int]] = [self._key(c) for c in range(len(chains))]
        for levels, bounded in ((self.bounded, True), (self.free, False)):
            levels.load([(key, c, up) for c, (b, key, up) in enumerate(self.keys) if b is bounded])
        # The articles seen on the walk's day, and that day's timed observations in time
        # order, the first `applied` of which come before the walk's snapshot.
        self.touched: dict[int, None] = {}
        self.timed: list[tuple[int, int, int | None, date | None]] = []
        self.applied = 0
        if when[0]:
            return
        for column, chain in enumerate(chains):
            if chain.day == when[1]:
                self.touched[column] = None
                self.timed += [(at[3], column, v, u) for at, v, u in chain.today if at[2]]
        self.timed.sort(key=lambda entry: entry[:2])
        if when[2]:
            self.applied = bisect_left([entry[0] for entry in self.timed], when[3])

    def _key(self, column: int) -> tuple[bool, int, int]:
        if self.when[0]:  # an unknown time: every article fits, by its highest count
            views = self.chains[column].views
            return False, NONE if views is None else views, NONE
        bounded, key = order(self.bounds[column], self.chains[column].views)
        updated = self.bounds[column][1]
        return bounded, key, NONE if updated is None else updated.toordinal()

    def _update(self, column: int) -> None:
        """Take the article's entry out of its index, if its key changed: it waits to be put
        back with the others changed since (``_flush``), in one index."""
        key = self._key(column)
        if key != self.keys[column]:
            if column not in self._pending:
                (self.bounded if self.keys[column][0] else self.free).drop(column)
            self.keys[column] = self._pending[column] = key

    def _flush(self) -> None:
        if self._pending:
            for levels, bounded in ((self.bounded, True), (self.free, False)):
                entries = [(k, c, up) for c, (b, k, up) in self._pending.items() if b is bounded]
                if entries:
                    levels.put(entries)
            self._pending.clear()

    def move(self, when: Moment) -> None:
        """Bring every bound to ``when``, a snapshot the walk comes to next."""
        now = self.when
        if when[0] or now[0] or when[1] < now[1]:
            if when[0] != now[0] or when[1] < now[1]:
                self._load(when)
            return
        chains, bounds = self.chains, self.bounds
        self.when = when
        if when[1] > now[1]:  # a new day: every observation so far comes before it
            for column in self.touched:
                bounds[column] = chains[column].views, chains[column].updated
                self._update(column)
            self.touched.clear()
            self.timed.clear()
            self.applied = 0
        elif when[2]:  # a later time of the day: the times before it now bound
            timed = self.timed
            if self.applied and timed[self.applied - 1][0] >= when[3]:
                self._load(when)  # back in time: never, in a walk
                return
            while self.applied < len(timed) and timed[self.applied][0] < when[3]:
                _, column, views, updated = timed[self.applied]
                seen, later = bounds[column]
                if views is not None and (seen is None or views > seen):
                    seen = views
                if updated is not None and (later is None or updated > later):
                    later = updated
                bounds[column] = seen, later
                self._update(column)
                self.applied += 1
        elif self.applied:  # a date-only snapshot after the times of its day: none bounds
            for column in dict.fromkeys(entry[1] for entry in self.timed[: self.applied]):
                bounds[column] = chains[column].settled
                self._update(column)
            self.applied = 0

    def appended(self, column: int, record: Observation, when: Moment) -> None:
        """Take in an observation just appended to the article at ``column`` (a new one when
        ``column`` is past the last): at ``when`` itself its bound is unchanged, but its
        highest count may be the order it is read by, and a later time of the day may find
        the observation before it."""
        if column == len(self.bounds):
            self.bounds.append((None, None))
            self.keys.append((False, -2, NONE))  # nowhere yet
        if not when[0]:
            self.touched[column] = None
            if when[2]:
                self.timed.append((when[3], column, record.views, record.updated))
        self._update(column)

    def bound(self, column: int) -> Bound:
        return self.bounds[column]

    def nearest(self, record: Observation) -> list[int]:
        """The articles the record fits, up to the ``CANDIDATES`` nearest, in column order."""
        found = []
        for _, column in self._fitting(record, record.views, self.free, self.bounded):
            found.append(column)
            if len(found) == CANDIDATES:
                break
        return sorted(found)

    def countless(self, record: Observation) -> int | None:
        """The first article (by column) that has never shown a count and that the record
        fits, but for those set aside."""
        for distance, column in self._fitting(record, None, self.free, None):
            return column if distance == 0 else None
        return None

    def first(self, record: Observation) -> int | None:
        """The nearest article the record fits, but for those set aside."""
        for _, column in self._fitting(record, record.views, self.free, self.bounded):
            return column
        return None

    def fits(self, column: int, record: Observation) -> bool:
        """``Chain.fits`` at the walk's snapshot, from the bound kept."""
        return bool(self.when[0]) or within(record, *self.bounds[column])

    def set_aside(self, column: int) -> None:
        """Leave an article out of every search until ``restore``."""
        self._flush()
        for levels in (self.free, self.bounded):
            index = levels.home.get(column)
            if index is not None and index.bound(column) != TAKEN:
                self._aside.append((levels, index, column, index.bound(column)))
                index.take(column)

    def restore(self) -> None:
        """Put the articles set aside back."""
        for levels, index, column, bound in self._aside:
            if levels.home.get(column) is index:  # not moved since, with a bound of its own
                index.put(column, bound)
        self._aside.clear()

    def _fitting(
        self,
        record: Observation,
        views: int | None,
        free: _Levels,
        bounded: _Levels | None,
    ) -> Iterator[tuple[int, int]]:
        """(distance, column) of each article the record fits, nearest first."""
        self._flush()
        count = NONE if views is None else views
        updated = ANY if record.updated is None else record.updated.toordinal()
        readers: list[_Up | _Down] = []
        for levels, unbounded in ((bounded, False), (free, True)):
            for index in () if levels is None else levels.levels:
                if index is None or index.tree[1] > updated:
                    continue  # empty, or every 'Updated on' bound in it is too late
                if views is None:
                    readers.append(_Up(index, 0))  # no views: the lowest first
                    continue
                at = bisect_right(index.keys, count)
                if at:
                    readers.append(_Down(index, at))
                if unbounded and at < len(index.keys):  # any count fits: nearest on each side
                    readers.append(_Up(index, at))
        heap = []
        for n, reader in enumerate(readers):
            position = reader.next(updated)
            if position >= 0:
                index = reader.index
                heap.append((abs(count - index.keys[position]), index.columns[position], n))
        heapq.heapify(heap)
        while heap:
            distance, column, n = heap[0]
            yield distance, column
            reader = readers[n]
            position = reader.next(updated)
            if position < 0:
                heapq.heappop(heap)
            else:
                index = reader.index
                entry = (abs(count - index.keys[position]), index.columns[position], n)
                heapq.heapreplace(heap, entry)
