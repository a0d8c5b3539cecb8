"""The catalog: observations grouped by block, the articles of each block, saved as JSON Lines.

The catalog's state is the set of observations grouped by block key (normalized title,
published date, locale), and the dumps it has seen, by digest. Articles and diagnostics are a pure
function of a block, recomputed, when next asked for, for the blocks that an ``add`` touched.
That is why the order dumps arrive in does not matter, why adding dumps one at a time gives
what merging them at once gives, and why a saved catalog (articles with their observations)
is all the state needed to continue.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

import attrs

from .._gcpause import paused_gc
from .._merge.arguments import checked_dump, checked_dumps
from .._merge.keys import BlockKey, moment
from .._merge.merge import is_repeat
from .._model import Article, Diagnostic, Dump, Observation
from .._output.formats import atomic_output
from .._rows import from_json, to_json
from .blocks import (
    Note,
    Positions,
    block_key,
    block_order,
    merged,
    observe,
    saved_key,
    sorted_diagnostics,
)

if TYPE_CHECKING:
    from .sqlite import CatalogFile

__all__ = ["Catalog", "merge", "read_article", "saved_articles"]


def merge(dumps: Iterable[Dump]) -> list[Article]:
    """Merge dumps into articles; the result does not depend on the order of ``dumps``.

    Dumps with the same digest are one dump: the one kept is the earliest snapshot, then the
    first by source name, so that even then the order does not matter. (Adding in snapshot
    order also leaves little for each block to sort.) ``Catalog`` gives the diagnostics too.
    """
    checked = checked_dumps("merge", dumps)
    catalog = Catalog()
    with paused_gc():
        for dump in sorted(checked, key=lambda d: (moment(d.captured), d.digest, d.source)):
            catalog.add(dump)
        return list(catalog.articles)


class Catalog:
    """Articles merged from dumps added one at a time, in any order; saved as JSON Lines.

    ``add`` a dump, read ``articles`` and ``diagnostics``, ``save`` to a file, ``load`` it
    back and go on adding: the articles are always those that merging every dump at once
    would give.
    """

    def __repr__(self) -> str:
        return f"<Catalog in memory: {len(self._digests):,} dumps, {len(self._blocks):,} blocks>"

    def __init__(self) -> None:
        self._blocks: dict[BlockKey, list[Observation]] = {}
        self._digests: set[str] = set()
        self._positions = Positions()  # where records are: for diagnostics only
        self._merged: dict[BlockKey, tuple[list[Article], list[Note]]] = {}
        self._stale: set[BlockKey] = set()
        self._keys: list[BlockKey] = []
        self._view: tuple[tuple[Article, ...], list[Note]] | None = None
        self._diagnostics: tuple[Diagnostic, ...] | None = None  # of the view, sorted

    @staticmethod
    def open(
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        timeout: float = 600.0,
        read_only: bool = False,
    ) -> CatalogFile:
        """The catalog in an SQLite file (``docs/catalog.md``), as a context manager.

        ``with Catalog.open("catalog.sqlite") as catalog: catalog.add(dump)``: the block is
        one transaction. ``create=False`` refuses a missing file; ``timeout`` is how long to
        wait, in seconds, for another run to finish with the file; ``read_only`` opens it
        for reading, never creating, migrating or writing it.
        """
        # Imported here so that a catalog in memory never loads SQLite; the file's module
        # does not import this one, so this is no cycle.
        from .sqlite import CatalogFile  # noqa: PLC0415

        return CatalogFile.open(path, create=create, timeout=timeout, read_only=read_only)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Catalog:
        """Read a catalog saved by ``save``.

        ``OSError`` if the file cannot be read; ``ValueError`` naming ``file:line`` if a line
        is not JSON or not an article. Only the observations are read back: the articles
        are recomputed from them, so a catalog written by hand or by an older version is
        merged by the rules of this one.
        """
        catalog = cls()
        seen: set[tuple[str, int]] = set()
        with open(path, "rb") as file:
            for _, article in saved_articles(file, os.fspath(path)):
                # An observation already read (a line repeated) would make a phantom twin.
                fresh = [o for o in article.observations if (o.digest, o.index) not in seen]
                seen.update((o.digest, o.index) for o in fresh)
                catalog._restore(attrs.evolve(article, observations=tuple(fresh)))
        return catalog

    def add(self, dump: Dump) -> bool:
        """Add the records of a dump; ``False`` (and nothing changes) if its digest is known
        or it has no records.

        Only the records are kept, as observations: the dump's own diagnostics are the
        caller's to report. A dump without records (read in the wrong locale, or not a dump)
        is not recorded, so the same file read right can be added later. All or nothing:
        ``TypeError`` or ``ValueError`` for a dump that cannot be added (not a ``Dump``, a
        record that is not a ``Record``, two records with one index) leaves the catalog as
        it was.
        """
        checked_dump(dump)
        if dump.digest in self._digests or not dump.records:
            return False
        # Every observation is made before the first is kept: nothing below can fail halfway.
        keyed = [(block_key(dump, record), record) for record in dump.records]
        with paused_gc():
            for key, record in keyed:
                block = self._block(key)
                title, snippet = record.title, record.snippet
                if block:  # an article seen again: share its text rather than keep copies
                    latest = block[-1]
                    title = latest.title if latest.title == title else title
                    snippet = latest.snippet if latest.snippet == snippet else snippet
                block.append(observe(dump, record, title=title, snippet=snippet))
        self._digests.add(dump.digest)
        self._positions.add(dump)
        return True

    def remove(self, digest: str) -> bool:
        """Remove a dump's observations and merge the blocks they were in again; ``False``
        (and nothing changes) if no dump has this digest. The catalog is then the one that
        adding every other dump gives."""
        if not isinstance(digest, str):
            raise TypeError(f"digest must be a str, not {type(digest).__name__}")
        if digest not in self._digests:
            return False
        emptied = False
        for key, block in self._blocks.items():
            kept = [o for o in block if o.digest != digest]
            if len(kept) != len(block):
                block[:] = kept
                self._stale.add(key)
                emptied = emptied or not kept
        if emptied:
            for key in [key for key, block in self._blocks.items() if not block]:
                del self._blocks[key]
                self._merged.pop(key, None)
                self._stale.discard(key)
            self._keys = [key for key in self._keys if key in self._blocks]
        self._digests.discard(digest)
        self._positions.discard(digest)
        self._view = None
        return True

    @property
    def digests(self) -> frozenset[str]:
        """The digests of the dumps in the catalog (of those with records, after ``load``)."""
        return frozenset(self._digests)

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article, by published date, then normalized title, then id."""
        return self._refresh()[0]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """How the merge went where the evidence was weak (``weak-match``, ``unmatched-record``).

        Like the articles, they describe the whole catalog as it stands, not one ``add``.
        """
        notes = self._refresh()[1]
        if self._diagnostics is None:
            self._diagnostics = sorted_diagnostics(d for _, d in notes)
        return self._diagnostics

    def diagnostics_of(self, digests: Iterable[str]) -> tuple[Diagnostic, ...]:
        """The ``diagnostics`` about the records of these dumps (by digest: two dumps may
        share a source name), as the catalog stands; what ``CatalogFile.diagnostics`` gives
        for a run that added these dumps."""
        wanted = set(digests)
        return sorted_diagnostics(d for digest, d in self._refresh()[1] if digest in wanted)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the articles as JSON Lines, atomically: the file is whole, old or new."""
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        with atomic_output(path) as out:
            for article in self.articles:
                out.write(encode(to_json(article)) + "\n")

    def _block(self, key: BlockKey) -> list[Observation]:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = []
            self._keys.append(key)
        self._stale.add(key)
        self._view = None
        return block

    def _restore(self, article: Article) -> None:
        digests = {o.digest for o in article.observations}
        for observation in article.observations:
            self._block(saved_key(article, observation)).append(observation)
        self._digests |= digests

    def _refresh(self) -> tuple[tuple[Article, ...], list[Note]]:
        if self._view is not None:
            return self._view
        self._diagnostics = None
        with paused_gc():
            for key in self._stale:
                self._merged[key] = merged(key, self._blocks[key], self._positions.place)
            self._stale.clear()
            self._keys.sort(key=block_order)  # nearly sorted after the first time: cheap
            articles: list[Article] = []
            notes: list[Note] = []
            for key in self._keys:
                found, more = self._merged[key]
                articles.extend(found)
                notes.extend(more)
            self._view = (tuple(articles), notes)
        return self._view


def saved_articles(file: BinaryIO, name: str) -> Iterator[tuple[str, Article]]:
    """The articles of a JSON Lines catalog, each with where it stands (``name:line``).

    ``ValueError`` naming ``name:line`` for a line that is not UTF-8, not JSON or not an
    article, or an article holding two observations of one dump that are not a record and
    its repeat.
    """
    for number, raw in enumerate(file, 1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{where}: not UTF-8 ({error.reason})") from None
        if not line.strip():
            continue
        article = read_article(line, where)
        observations = article.observations
        # The same observation twice (a line written twice over) is a duplicate, not a second
        # record: the caller decides what to do with it.
        distinct = {(o.digest, o.index): o for o in observations}.values()
        firsts = [o for o in distinct if not _repeats_one_of(o, observations)]
        if len({o.digest for o in distinct}) != len(firsts):
            raise ValueError(f"{where}: an article holds two observations from one dump")
        yield where, article


def _repeats_one_of(observation: Observation, others: tuple[Observation, ...]) -> bool:
    """Whether the observation repeats another record of its dump (the merge keeps both)."""
    return any(is_repeat(other, observation) for other in others)


def read_article(line: str, where: str) -> Article:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"{where}: not JSON: {error.msg} (column {error.colno})") from None
    try:
        return from_json(Article, data)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
