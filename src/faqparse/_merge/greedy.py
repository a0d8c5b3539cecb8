"""The greedy assignment: one dump's records of a block against the block's articles, when the
dump holds more records of the block than the exact assignment is worth (``walk.EXACT``; never
seen in a real dump). Near-linear in records and articles, whatever the input.

It takes pairs best first by the exact assignment's rank (``assign.rank``: the 'Updated on'
agreement, then the nearness of the count to the article's expected one, then snippet
similarity), each record and each article at most once; but it scores only a few candidate
articles per record, found through an index, rather than every article:

- The articles are ordered by their *bound*, the fewest views the time rule lets a record of
  this snapshot have (``Chain.bounds``: the article's highest count, or, on a day it was
  already seen, the highest known to come before), those that have shown an 'Updated on'
  date apart from those that have not. An article with no such bound (a snapshot of unknown
  time, which every article fits; counts seen only at moments with no order to this one, or
  none at all) fits any count: those are apart again, ordered by their highest count.
- A record with a count considers, of each of those orderings, the ``NEAREST`` articles it
  fits with the highest bounds not above its count (none above fits it), and of the
  unbounded ones the ``NEAREST`` on each side of its count; a record without a count (read
  as no views) the ``NEAREST`` it fits with the lowest. Likewise among the articles that have
  shown the record's very snippet, whatever their counts: the best evidence a snippet gives.
- Every pair considered is scored in full, and the best one left is taken (ties: the earlier
  record, then the older article). When every article a record considers has gone to other
  records, it considers the next ``NEAREST`` it fits of each kind: a record starts an article
  only when every article it fits went to others, as with the exact assignment.

So a record is scored against a few times ``NEAREST`` articles (more only as those are taken),
and a dump of R records against A articles costs about (R + A) log A and R x ``NEAREST``
scores, not R x A scores. The walk gives it only the articles its records may be weighed
against (``fits``: those they fit, the ``CANDIDATES`` nearest past that many, and those that
showed their snippets), so A is at most a few dozen times R. What it gives up: the best
pair is found among the pairs considered, so an article further from a record's count by its
bound, though nearer by its growth, or tied on the count and more alike in snippet, is seen
only once the nearer ones are taken.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import islice
from typing import Final

from .._model import Observation
from .chain import Chain
from .index import ANY, NONE, Index

__all__ = ["NEAREST", "Snippets", "greedy"]

NEAREST: Final = 4
"""How many articles a record considers at a time from each side of each ordering."""


class Snippets:
    """Which articles have shown each snippet, kept up with a walk's articles, which only grow
    (in number, and each in its snippets) and only by appending."""

    def __init__(self) -> None:
        self.having: dict[str, list[int]] = {}
        self._known: list[int] = []  # how many snippets of each article are in `having`

    def update(self, chains: Sequence[Chain], columns: Iterable[int] | None = None) -> None:
        """Take in the snippets new since the last update of the articles at ``columns`` (by
        default every article): those appended to since, and the new ones."""
        known = self._known
        known.extend([0] * (len(chains) - len(known)))
        for column in range(len(chains)) if columns is None else columns:
            chain = chains[column]
            if len(chain.snippets) > known[column]:
                for snippet in islice(chain.snippets, known[column], None):
                    self.having.setdefault(snippet, []).append(column)
                known[column] = len(chain.snippets)


class _Cursor:
    """Where a record stands in one ordering: the next position to look from, and which way."""

    __slots__ = ("index", "position", "step")

    def __init__(self, index: Index, position: int, step: int) -> None:
        self.index, self.position, self.step = index, position, step

    def next(self, updated: int) -> int | None:
        """The next article the record fits in this ordering and not taken, or ``None``."""
        index = self.index
        if self.step < 0:
            found = index.before(self.position, updated)
            self.position = max(found, 0)
        else:
            found = index.after(self.position, updated)
            self.position = len(index.columns) if found < 0 else found + 1
        return None if found < 0 else index.columns[found]


def greedy(
    records: Sequence[Observation],
    chains: Sequence[Chain],
    bounds: Sequence[tuple[int | None, date | None]],
    having: dict[str, list[int]],
    score: Callable[[Observation, int], int],
) -> tuple[list[int | None], list[list[int]]]:
    """Each record's article (``None``: every article it fits went to other records), and the
    articles each record was scored against, all of which it fits, in the order considered.

    ``bounds`` are the articles' bounds at the dump's snapshot (``Chain.bounds``), ``having``
    the articles that have shown each snippet (``Snippets``), ``score`` the rank of a record
    against an article (``assign.rank``)."""
    # An article whose count bounds a record of this snapshot is ordered by that bound, so
    # that the ones a record fits come before its count; one that no count bounds (a snapshot
    # of unknown time, or counts seen only at moments with no order to this one) fits any
    # count, and is ordered by its highest, the count nearness is measured from.
    free = [views is None for views, _ in bounds]
    entries = [
        (
            _order(chain.views if free[column] else views),
            column,
            NONE if updated is None else updated.toordinal(),
        )
        for column, (chain, (views, updated)) in enumerate(zip(chains, bounds, strict=True))
    ]
    groups: dict[tuple[object, bool], list[int]] = {}
    for column, chain in enumerate(chains):
        groups.setdefault((chain.updated is not None, free[column]), []).append(column)
    for snippet in dict.fromkeys(record.snippet for record in records):
        for column in having.get(snippet, ()):
            groups.setdefault((snippet, free[column]), []).append(column)
    indexes = {
        group: Index([entries[column] for column in columns]) for group, columns in groups.items()
    }
    containing: list[list[Index]] = [[] for _ in chains]
    for group, columns in groups.items():
        for column in columns:
            containing[column].append(indexes[group])

    def cursors(record: Observation) -> list[_Cursor]:
        found = []
        for kind in (False, True, record.snippet):
            for unbounded in (False, True):
                index = indexes.get((kind, unbounded))
                if index is None:
                    continue
                if record.views is None:
                    found.append(_Cursor(index, 0, 1))  # no views: the lowest first
                    continue
                at = bisect_right(index.keys, record.views)
                found.append(_Cursor(index, at, -1))
                if unbounded:  # the nearest on each side
                    found.append(_Cursor(index, at, 1))
        return found

    walks = [cursors(record) for record in records]
    updates = [ANY if r.updated is None else r.updated.toordinal() for r in records]
    considered: list[list[int]] = [[] for _ in records]
    seen: list[set[int]] = [set() for _ in records]
    queues: list[list[tuple[int, int]]] = [[] for _ in records]
    heap: list[tuple[int, int, int]] = []

    def refill(row: int) -> None:
        """Offer the record's best pair left, considering more articles when none is left."""
        queue = queues[row]
        while not queue:
            new = []
            for cursor in walks[row]:
                opened = 0
                while opened < NEAREST:
                    column = cursor.next(updates[row])
                    if column is None:
                        break
                    if column not in seen[row]:
                        seen[row].add(column)
                        new.append(column)
                        opened += 1
            if not new:
                return
            considered[row].extend(new)
            queue.extend((-score(records[row], column), column) for column in new)
            queue.sort(reverse=True)  # the best last, to be popped
        negative, column = queue[-1]
        heapq.heappush(heap, (negative, row, column))

    for row in range(len(records)):
        refill(row)  # every record's first candidates, before any is taken
    picks: list[int | None] = [None] * len(records)
    taken: set[int] = set()
    while heap:
        _, row, column = heapq.heappop(heap)
        queues[row].pop()
        if column in taken:
            refill(row)
            continue
        picks[row] = column
        taken.add(column)
        for index in containing[column]:
            index.take(column)
    return picks, considered


def _order(views: int | None) -> int:
    return NONE if views is None else views
