"""The articles a run wrote, kept in memory for ``touched()`` while they are few.

A daily run touches a few hundred blocks and a bulk build every block it loads: listing
their articles from memory saves reading them all back. Past a bound, or once a block's
articles are not all in memory (a kept walk extended), they are read back instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._merge.keys import BlockKey
from .._model import Article
from .blocks import block_order

__all__ = ["Kept"]


class Kept:
    """The articles of the blocks a run wrote, by block, or nothing once too many."""

    def __init__(self) -> None:
        self._blocks: dict[int, tuple[tuple[date, str, str], list[Article]]] | None = {}
        self._observations = 0

    def reset(self) -> None:
        """A new run: nothing kept yet."""
        self._blocks = {}
        self._observations = 0

    def drop(self) -> None:
        """Keep nothing more this run: its articles are read back."""
        self._blocks = None

    def keep(
        self,
        block: int,
        key: BlockKey,
        articles: list[Article],
        *,
        blocks: int | None,
        observations: int,
    ) -> None:
        """Keep a block's articles, unless that makes more than ``blocks`` blocks or
        ``observations`` observations kept."""
        if self._blocks is None:
            return
        self._observations += sum(len(article.observations) for article in articles)
        many = blocks is not None and len(self._blocks) >= blocks
        if many or self._observations > observations:
            self._blocks = None
            return
        self._blocks[block] = (block_order(key), articles)

    def touched(self, digests: set[str]) -> Iterator[Article] | None:
        """The kept articles with an observation of these dumps, in catalog order; ``None``
        when they are not all kept."""
        if self._blocks is None:
            return None
        return _touched(sorted(self._blocks.values(), key=lambda kept: kept[0]), digests)


def _touched(
    kept: list[tuple[tuple[date, str, str], list[Article]]], digests: set[str]
) -> Iterator[Article]:
    for _, articles in kept:
        for article in articles:
            if any(o.digest in digests for o in article.observations):
                yield article
