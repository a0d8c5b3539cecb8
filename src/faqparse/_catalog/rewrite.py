"""A stored block merged again: its observations read back, merged, and stored where changed.

The incremental path has two halves: a later snapshot extends a block's kept walk
(``walks.extend``); anything else merges the block again from its history, here. Blocks new
to the catalog take neither (``bulk``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .._merge.chain import Chain
from .._merge.keys import BlockKey
from .._model import Article, Observation
from .blocks import Note, PlaceOf, merged
from .queries import OBSERVATIONS, ObservationRow
from .rows import article_rows, known_texts, store_articles
from .walks import save

__all__ = ["rewrite"]


def rewrite(
    connection: sqlite3.Connection,
    block: int,
    key: BlockKey,
    *,
    observation_of: Callable[[ObservationRow], Observation],
    place_of: PlaceOf,
    text_id: Callable[[str], int],
) -> tuple[list[Article], list[Note]]:
    """Merge a stored block again; store its articles, its observations' places in them
    (only those that moved) and its walk. Its articles (by id) and the merge's diagnostics."""
    rows: list[ObservationRow] = connection.execute(OBSERVATIONS, (block,)).fetchall()
    observations = [observation_of(row) for row in rows]
    walked: list[tuple[str, Chain]] = []
    articles, notes = merged(key, observations, place_of, walked)
    texts = {body: text for row in rows for text, body in ((row[3], row[4]), (row[5], row[6]))}
    stored = known_texts(texts, text_id)
    fresh, place = article_rows(articles, stored)
    store_articles(connection, block, fresh)
    moved = []
    for row, observation in zip(rows, observations, strict=True):
        number, seq = place[(observation.digest, observation.index)]
        if (number, seq) != (row[0], row[10]):
            moved.append((number, seq, block, row[1], row[2]))
    connection.executemany(
        "UPDATE observations SET article = ?, seq = ? WHERE block = ? AND dump = ?"
        " AND position = ?",
        moved,
    )
    save(connection, block, articles, stored, walked)
    return articles, notes
