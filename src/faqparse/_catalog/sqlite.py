"""The catalog kept in an SQLite file: the state of ``Catalog``, on disk, one run at a time.

The state is what the in-memory catalog holds: the dumps seen (by digest) and their
observations grouped by block. Each block's articles are stored too, so reading never
merges: a dump of a later day than all of a block's extends the block's kept walk
(``walks``), and any other change merges the block again (``rewrite``); an add costs
what the dump holds, not the catalog's history. A block new to the catalog is held in
memory until the run flushes, then merged once and loaded (``bulk``). A run is one
transaction: it takes the write lock at its first add (another run waits), and nothing it
did is visible, to readers or after a crash, until it commits.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from types import TracebackType
from typing import Final, Self

from .._gcpause import paused_gc
from .._merge.arguments import checked_dump
from .._model import Article, Diagnostic, Dump, Observation
from .blocks import BLOCK_ORDER, Note, Positions, observe, sorted_diagnostics
from .blocks import block_key as record_block_key
from .bulk import BulkLoad
from .kept import Kept
from .queries import CatalogReader
from .rewrite import rewrite
from .rows import BlockIds, StoredDump, TextIds, checked_numbers, dump_of, insert_dump, ordinal
from .schema import (
    BULK_CACHE_KIB,
    CatalogError,
    begin_immediate,
    block_key,
    block_row,
    checkpoint,
    connect,
    signals_held,
)
from .walks import extend

__all__ = ["CatalogFile", "StoredDump"]

_BULK: Final = 2_000
"""A run that touches more blocks than this before it commits is a bulk run."""
_KEEP: Final = 10_000
"""Up to this many blocks rewritten in a run, ``touched`` gives their articles from memory."""
_HELD: Final = 2_000_000
"""Observations of new blocks held in memory before they are written (``bulk``); as many
observations' articles are kept for ``touched``."""


class CatalogFile(CatalogReader):
    """A catalog in an SQLite file; open it with ``faqparse.Catalog.open(path)``.

    Used as a context manager, the run commits when the block ends and rolls back when it
    raises. ``add`` dumps; read ``articles`` (streamed), ``article(id)``, ``history(id)``,
    ``find(title)`` and ``changes(since)``.
    """

    def __init__(self, connection: sqlite3.Connection, name: str, timeout: float) -> None:
        super().__init__(connection, name)
        self._timeout = timeout
        self._block_id = BlockIds(connection)
        self._text_id = TextIds(connection, name)
        self._load = BulkLoad(connection, self._block_id, self._text_id)
        self._kept = Kept()
        self._bulk = False
        self._reset_run()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        timeout: float = 600.0,
        read_only: bool = False,
    ) -> Self:
        """Open (or, with ``create``, create) a catalog; ``CatalogError`` if it is not one.

        ``timeout``: how long a run waits for another run's transaction, in seconds.
        ``read_only``: for reading only; the file is never created, migrated or written.
        """
        connection = connect(path, create=create, timeout=timeout, read_only=read_only)
        return cls(connection, os.fspath(path), float(timeout))

    def __repr__(self) -> str:
        if self._closed:
            return f"<CatalogFile {self.name!r}, closed>"
        # One count of a small table: a repr must stay cheap on a catalog of any size.
        (dumps,) = self._connection.execute("SELECT count(*) FROM dumps").fetchone()
        return f"<CatalogFile {self.name!r}: {dumps:,} dumps>"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._closed:
            return
        try:
            if kind is None:
                self.commit()
            else:
                self.rollback()
        finally:
            self.close()

    def close(self) -> None:
        """Close the file; a run not committed is rolled back. Using the catalog afterwards
        is a ``CatalogError``."""
        self._connection.close()
        self._closed = True

    def _reset_run(self) -> None:
        self._writing = False
        self._committed = False
        self._added: dict[str, int] = {}
        self._touched: set[int] = set()
        self._positions = Positions()  # where this run's records are: for the diagnostics
        self._run_blocks: set[int] = set()
        self._kept.reset()  # the articles of the blocks the run wrote, while they are few
        self._load.clear()
        self._block_id.fresh.clear()  # what an earlier run made is stored now
        # The diagnostics of each block the run rewrote, as it last stood.
        self._notes: dict[int, list[Note]] = {}
        self._removed: set[str] = set()
        # The dumps each block touched since the last flush gained observations from (None:
        # a removal or an observation from elsewhere): such a block may extend its kept walk.
        self._fresh: dict[int, list[int] | None] = {}

    # -- writing ---------------------------------------------------------------------------

    def add(self, dump: Dump) -> bool:
        """Add a dump's records; ``False`` (and nothing changes) if its digest is known or
        it has no records (as ``Catalog.add``)."""
        checked_numbers(checked_dump(dump))
        if not dump.records:
            return False
        self._begin()
        execute = self._connection.execute
        if execute("SELECT 1 FROM dumps WHERE digest = ?", (dump.digest,)).fetchone():
            return False
        dump_id = self._insert_dump(dump, len(dump.records), known=True)
        rows = []
        new = self._block_id.fresh
        with paused_gc():  # no collector pass halfway through a dump's rows and entries
            for record in dump.records:
                block = self._block_id(block_row(record_block_key(dump, record)))
                ids = (dump_id, self._text_id(record.title), self._text_id(record.snippet))
                if block in new:  # nothing stored of it: merged once, when written
                    self._load.hold(block, dump, record, ids)
                    continue
                observation = observe(dump, record)
                rows.append(
                    (block, dump_id, observation.index, *ids[1:], ordinal(observation.updated),
                     observation.views, observation.category, record.line, record.column)
                )  # fmt: skip
                self._touched.add(block)
                fresh = self._fresh.setdefault(block, [])
                if fresh is not None and (not fresh or fresh[-1] != dump_id):
                    fresh.append(dump_id)
        self._grow_cache()
        self._connection.executemany(
            "INSERT INTO observations (block, dump, position, article, seq, title, snippet,"
            " updated, views, category, line, col) VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._positions.add(dump)
        if len(self._load) >= _HELD:
            self._write_load()
        return True

    def remove(self, digest: str) -> bool:
        """Remove a dump's observations, in this run, and merge again exactly the blocks
        they were in; ``False`` (and nothing changes) if no dump has this digest."""
        if not isinstance(digest, str):
            raise TypeError(f"digest must be a str, not {type(digest).__name__}")
        self._begin()
        execute = self._connection.execute
        found = execute("SELECT id FROM dumps WHERE digest = ?", (digest,)).fetchone()
        if found is None:
            return False
        (dump_id,) = found
        self._write_load()  # its observations may still be held
        blocks = execute("SELECT DISTINCT block FROM observations WHERE dump = ?", (dump_id,))
        for (block,) in blocks:
            self._touched.add(block)
            self._fresh[block] = None
        execute("DELETE FROM observations WHERE dump = ?", (dump_id,))
        execute("DELETE FROM dump_diagnostics WHERE dump = ?", (dump_id,))
        execute("DELETE FROM dumps WHERE id = ?", (dump_id,))
        if self._added.pop(digest, None) is None:  # held before this run
            self._removed.add(digest)
        self._positions.discard(digest)
        self._dumps.pop(dump_id, None)
        return True

    def add_observation(
        self, key_row: tuple[str, int, str], observation: Observation, *, locale: str
    ) -> bool:
        """Add one observation read from elsewhere (a JSON Lines catalog) to a block.

        Its dump is made from it when unknown (source, time, ``locale``). ``False``, and
        nothing changes, when the catalog holds an observation of that dump and index.
        """
        self._begin()
        dump_id = self._added.get(observation.digest)
        if dump_id is None:
            dump_id = self._insert_dump(dump_of(observation, locale), 0, known=False)
        block = self._block_id(key_row)
        if self._load.holds(block):
            self._write_load()
        self._block_id.fresh.discard(block)  # stored below: merged again, not loaded
        cursor = self._connection.execute(
            "INSERT OR IGNORE INTO observations (block, dump, position, article, seq, title,"
            " snippet, updated, views, category) VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, ?)",
            (block, dump_id, observation.index, self._text_id(observation.title),
             self._text_id(observation.snippet), ordinal(observation.updated),
             observation.views, observation.category),
        )  # fmt: skip
        if cursor.rowcount == 0:
            return False
        self._touched.add(block)
        self._fresh[block] = None
        self._grow_cache()
        return True

    def _grow_cache(self) -> None:
        if len(self._touched) + self._load.blocks() > _BULK and not self._bulk:
            # A bulk run: past SQLite's default 2 MiB of cache, it would write the same pages
            # to the log again and again. A daily run keeps the default, and its memory flat.
            self._connection.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            self._text_id.grow()
            self._bulk = True

    def commit(self) -> None:
        """Write the articles of the blocks this run touched, then commit the run.

        ``added``, ``diagnostics`` and ``touched()`` still describe the run afterwards,
        until the next ``add``. The write-ahead log is then emptied, when no reader needs it
        (``docs/catalog.md``).
        """
        self._check_open()
        if not self._writing:
            return
        self.flush()
        with signals_held():  # so that ``committed`` is true exactly when the run is
            self._connection.execute("COMMIT")
            self._committed = True
        self._writing = False
        checkpoint(self._connection)

    @property
    def committed(self) -> bool:
        """Whether the last run was committed (and is in the file for good)."""
        return self._committed

    def rollback(self) -> None:
        """Forget everything this run did."""
        if self._closed:
            return
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")
        self._dumps.clear()
        self._block_id.clear()
        self._text_id.clear()
        self._reset_run()

    def flush(self) -> None:
        """Recompute the articles of the blocks touched since the last flush (in the run)."""
        self._check_open()
        self._write_load()
        for block in sorted(self._touched):
            dumps = self._fresh.get(block)
            if not dumps or not self._extend(block, dumps):
                self._rewrite(block)
        self._run_blocks |= self._touched
        self._touched.clear()
        self._fresh.clear()

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """How the merge went for the records of the dumps this run added (``weak-match``...).

        By digest: a record of an earlier run's dump is not this run's, even when its dump
        has the same source name. ``Catalog.diagnostics_of(digests)`` gives the same.
        """
        self.flush()
        added = self._added
        return sorted_diagnostics(
            d for notes in self._notes.values() for digest, d in notes if digest in added
        )

    @property
    def added(self) -> frozenset[str]:
        """The digests of the dumps this run added."""
        return frozenset(self._added)

    @property
    def removed(self) -> frozenset[str]:
        """The digests of the dumps the catalog held before this run that it removed (and
        did not add again)."""
        return frozenset(self._removed - set(self._added))

    def _begin(self) -> None:
        self._check_open()
        if self._writing:
            return
        if self._connection.in_transaction:
            raise CatalogError(
                f"{self.name}: a read is still going on (articles not read to the end):"
                " finish or close it before adding"
            )
        begin_immediate(self._connection, self.name, self._timeout)
        self._dumps.clear()  # as for a read: the state may have changed since the last one
        self._reset_run()  # what the last run (committed) did is no longer asked for
        self._text_id.begin()
        self._block_id.begin()
        self._writing = True

    def _insert_dump(self, dump: Dump, records: int, known: bool) -> int:
        dump_id = insert_dump(self._connection, dump, records, dump.diagnostics if known else None)
        self._added[dump.digest] = dump_id
        return dump_id

    def _extend(self, block: int, dumps: list[int]) -> bool:
        """Walk a block's new dumps on from its kept walk (``walks``), if that gives what
        merging it again would; ``False`` if it must be merged again."""
        key = block_key(*self._block_id.row(block))
        notes = extend(
            self._connection, block, dumps, key=key, observation_of=self._observation,
            place_of=self._positions.place,
        )  # fmt: skip
        if notes is None:
            return False
        self._kept.drop()  # its articles' earlier observations are not in memory: read back
        self._notes[block] = [*self._notes.get(block, ()), *notes]
        return True

    def _rewrite(self, block: int) -> None:
        """Merge a stored block again and store its articles (``rewrite``)."""
        key = block_key(*self._block_id.row(block))
        articles, notes = rewrite(
            self._connection, block, key, observation_of=self._observation,
            place_of=self._positions.place, text_id=self._text_id,
        )  # fmt: skip
        self._notes[block] = notes
        self._kept.keep(block, key, articles, blocks=_KEEP, observations=_HELD)

    def _write_load(self) -> None:
        """Write the new blocks held in memory (``bulk``), as one batch."""
        if not self._load.blocks():
            return
        with paused_gc():
            written = self._load.write(self._positions.place)
        for block, key, articles, notes in written:
            self._notes[block] = notes
            self._kept.keep(block, key, articles, blocks=None, observations=_HELD)
            self._run_blocks.add(block)
        self._block_id.fresh.clear()  # stored now: a later observation merges them again

    def touched(self) -> Iterator[Article]:
        """The articles with an observation from a dump this run added, in catalog order."""
        self.flush()
        if not self._run_blocks:
            return iter(())
        kept = self._kept.touched(set(self._added))
        if kept is not None:  # the articles the flush made: no need to read them back
            return kept
        connection = self._connection
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS run_blocks (id INTEGER PRIMARY KEY)")
        connection.execute("DELETE FROM temp.run_blocks")
        connection.executemany(
            "INSERT INTO temp.run_blocks (id) VALUES (?)", ((b,) for b in self._run_blocks)
        )
        query = (
            "SELECT id FROM blocks WHERE id IN (SELECT id FROM temp.run_blocks)"
            f" ORDER BY {BLOCK_ORDER}"
        )
        digests = set(self._added)
        return (
            article
            for article in self._articles(query, ())
            if any(o.digest in digests for o in article.observations)
        )
