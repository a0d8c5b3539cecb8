"""A bulk load: the blocks a run makes, merged once in memory and written in sorted batches.

A block the catalog did not hold before the run has nothing stored to read back or extend:
its observations are held in memory as the run adds them, and when the run flushes, each
such block is merged once (``merged``, as every other path merges) and its observations
are inserted already carrying their article and place in it, with its articles and its
walk, in block order and in large batches. Without this, each observation was inserted, read
back, merged and updated in place: a new catalog cost twice the in-memory merge.

A block the catalog held before the run takes the incremental path (``sqlite``); so does a
block this load has written once, when the same run adds to it again (``fresh`` forgets
it). ``docs/catalog.md`` says what a bulk build holds in memory.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Final

from .._merge.chain import Chain
from .._merge.keys import BlockKey
from .._model import Article, Dump, Observation, Record
from .blocks import Note, PlaceOf, merged
from .rows import BlockIds, TextIds, article_rows, known_texts, ordinal
from .schema import block_key
from .tables import BY_DUMP
from .walks import save

__all__ = ["BulkLoad", "Written"]

_FIELDS: Final = 9
"""How many of an entry's values are the fields of its ``Observation``."""
_TITLE: Final = 4
_SNIPPET: Final = 5
"""Where an entry's title and snippet are (``Observation``'s fields)."""

_BATCH: Final = 50_000
"""Rows per ``executemany``: large enough that SQLite's per-call cost vanishes, small
enough that the rows waiting to be inserted stay a few MiB."""

_Entry = tuple[
    str, str, int, date | None, str, str, date | None, int | None, str | None,
    int, int, int, int | None, int | None,
]  # fmt: skip
"""An observation held for a block: its fields (``Observation``'s, in order), then its
dump's row id, its title's and snippet's text ids, and the line and column of its record.
A tuple of plain values rather than an ``Observation``: the cycle collector stops walking
such a tuple after its first pass, where every full pass of a long load would walk each
held observation again (about 7% of a bulk build's CPU through the API at 200,000 records,
whose collector is not paused between adds)."""

Written = tuple[int, BlockKey, list[Article], list[Note]]
"""A block written: its id and key, its articles (by id), the merge's diagnostics about it."""

_OBSERVATIONS: Final = (
    "INSERT INTO observations (block, dump, position, article, seq, title, snippet, updated,"
    " views, category, line, col) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ARTICLES: Final = (
    "INSERT INTO articles (block, number, id, title, updated, views, locale, category,"
    " snippets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class BulkLoad:
    """The observations of the blocks new to the catalog in this run, until they are written.

    The one owner of that state: the catalog hands it observations (``hold``) and asks it to
    ``write`` them; nothing else reads or changes what it holds.
    """

    def __init__(self, connection: sqlite3.Connection, blocks: BlockIds, texts: TextIds) -> None:
        self._connection = connection
        self._block_ids = blocks
        self._text_id = texts
        self._blocks: dict[int, list[_Entry]] = {}
        self._held = 0

    def __len__(self) -> int:
        """How many observations it holds."""
        return self._held

    def blocks(self) -> int:
        """How many blocks it holds."""
        return len(self._blocks)

    def holds(self, block: int) -> bool:
        return block in self._blocks

    def hold(self, block: int, dump: Dump, record: Record, ids: tuple[int, int, int]) -> None:
        """Keep a record of a dump, of a new block; ``ids``: the dump's row id and the text
        ids of the record's title and snippet."""
        found = self._blocks.get(block)
        title, snippet = record.title, record.snippet
        if found is None:
            found = self._blocks[block] = []
        else:  # an article seen again: share its texts rather than keep a copy per dump
            latest = found[-1]
            title = latest[_TITLE] if latest[_TITLE] == title else title
            snippet = latest[_SNIPPET] if latest[_SNIPPET] == snippet else snippet
        found.append(
            (dump.source, dump.digest, record.index, dump.captured, title, snippet,
             record.updated, record.views, record.category, *ids, record.line, record.column)
        )  # fmt: skip
        self._held += 1

    def clear(self) -> None:
        """Forget what it holds (the run was rolled back)."""
        self._blocks.clear()
        self._held = 0

    def write(self, place_of: PlaceOf) -> list[Written]:
        """Merge each held block and insert its observations, articles and walk, in block
        order; then hold nothing. The blocks written, in that order."""
        written: list[Written] = []
        observations: list[tuple[object, ...]] = []
        articles: list[tuple[object, ...]] = []
        execute = self._connection.execute
        # Into an empty table (a new catalog), the index by dump is built once afterwards,
        # in the same transaction: sorting once costs less than inserting at random.
        empty = execute("SELECT 1 FROM observations LIMIT 1").fetchone() is None
        if empty:
            execute("DROP INDEX observations_by_dump")
        for block in sorted(self._blocks):
            entries = self._blocks.pop(block)
            key = block_key(*self._block_ids.row(block))
            found, notes = self._write_block(
                block, key, entries, place_of=place_of, observations=observations, rows=articles
            )
            written.append((block, key, found, notes))
            if len(observations) >= _BATCH:
                self._insert(observations, articles)
        self._insert(observations, articles)
        if empty:
            execute(BY_DUMP)
        self._held = 0
        return written

    def _write_block(
        self,
        block: int,
        key: BlockKey,
        entries: list[_Entry],
        *,
        place_of: PlaceOf,
        observations: list[tuple[object, ...]],
        rows: list[tuple[object, ...]],
    ) -> tuple[list[Article], list[Note]]:
        walked: list[tuple[str, Chain]] = []
        held = [Observation(*entry[:_FIELDS]) for entry in entries]
        articles, notes = merged(key, held, place_of, walked)
        texts: dict[str, int] = {}
        for observation, entry in zip(held, entries, strict=True):
            _, title_id, snippet_id, _, _ = entry[_FIELDS:]
            texts[observation.title] = title_id
            texts[observation.snippet] = snippet_id
        stored = known_texts(texts, self._text_id)
        found, place = article_rows(articles, stored)
        rows.extend((block, *row) for row in found)
        # In primary-key order (dump, index), so each batch appends to the table's tree.
        entries.sort(key=lambda entry: (entry[_FIELDS], entry[2]))
        for entry in entries:
            _, digest, index, _, _, _, updated, views, category = entry[:_FIELDS]
            dump, title, snippet, line, column = entry[_FIELDS:]
            number, seq = place[(digest, index)]
            observations.append(
                (block, dump, index, number, seq, title, snippet, ordinal(updated), views,
                 category, line, column)
            )  # fmt: skip
        save(self._connection, block, articles, stored, walked)
        return articles, notes

    def _insert(
        self, observations: list[tuple[object, ...]], articles: list[tuple[object, ...]]
    ) -> None:
        self._connection.executemany(_OBSERVATIONS, observations)
        self._connection.executemany(_ARTICLES, articles)
        observations.clear()
        articles.clear()
