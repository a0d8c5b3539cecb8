"""Articles in order of a count, with a segment tree of their 'Updated on' bounds: the next
article a record fits, in either direction, found in logarithmic time however many between
do not fit. The greedy assignment builds one per dump; ``fits`` keeps a few across dumps."""

from __future__ import annotations

from typing import Final

__all__ = ["ANY", "NONE", "TAKEN", "Index"]

TAKEN: Final = 1 << 62
"""The update bound of an article that is taken (or a padding leaf): no record fits it."""
ANY: Final = TAKEN - 1
"""The update of a record without an 'Updated on' date: every update bound lets it fit."""
NONE: Final = -1
"""A missing count or update as a bound or an order: below every real one."""


class Index:
    """Articles in order, and a segment tree of their update bounds (the least in each range,
    ``TAKEN`` once an article is taken): the next article a record fits, in either direction,
    is found in logarithmic time however many between do not fit or are taken."""

    def __init__(self, entries: list[tuple[int, int, int]]) -> None:
        entries.sort()  # (order, column, update bound)
        self.keys = [order for order, _, _ in entries]
        self.columns = [column for _, column, _ in entries]
        size = 1
        while size < len(entries):
            size *= 2
        tree = [TAKEN] * (2 * size)
        tree[size : size + len(entries)] = [bound for _, _, bound in entries]
        for node in range(size - 1, 0, -1):
            tree[node] = min(tree[2 * node], tree[2 * node + 1])
        self.size, self.tree = size, tree
        self.where = {column: position for position, column in enumerate(self.columns)}

    def take(self, column: int) -> None:
        self.put(column, TAKEN)

    def put(self, column: int, bound: int) -> None:
        """Set an article's update bound (``TAKEN``: out of every search)."""
        tree = self.tree
        node = self.size + self.where[column]
        tree[node] = bound
        node //= 2
        while node:
            tree[node] = min(tree[2 * node], tree[2 * node + 1])
            node //= 2

    def bound(self, column: int) -> int:
        return self.tree[self.size + self.where[column]]

    def live(self) -> list[tuple[int, int, int]]:
        """The entries not taken, as given: (order, column, update bound)."""
        leaves = self.tree[self.size : self.size + len(self.keys)]
        return [
            (order, column, bound)
            for order, column, bound in zip(self.keys, self.columns, leaves, strict=True)
            if bound != TAKEN
        ]

    def before(self, end: int, updated: int) -> int:
        """The last position before ``end`` with an update bound at most ``updated``, or -1."""
        if end > 0 and self.tree[self.size + end - 1] <= updated:
            return end - 1  # the next one fits: the common case, without the tree
        return self._last(1, 0, self.size, end, updated)

    def after(self, start: int, updated: int) -> int:
        """The first position from ``start`` with an update bound at most ``updated``, or -1."""
        if start < self.size and self.tree[self.size + start] <= updated:
            return start
        return self._first(1, 0, self.size, start, updated)

    def _last(self, node: int, low: int, high: int, end: int, updated: int) -> int:
        if low >= end or self.tree[node] > updated:
            return -1
        if high - low == 1:
            return low
        middle = (low + high) // 2
        found = self._last(2 * node + 1, middle, high, end, updated)
        return found if found >= 0 else self._last(2 * node, low, middle, end, updated)

    def _first(self, node: int, low: int, high: int, start: int, updated: int) -> int:
        if high <= start or self.tree[node] > updated:
            return -1
        if high - low == 1:
            return low
        middle = (low + high) // 2
        found = self._first(2 * node, low, middle, start, updated)
        return found if found >= 0 else self._first(2 * node + 1, middle, high, start, updated)
