"""A block's walk, kept between runs, so that a later snapshot extends it instead of redoing it.

The merge walks a block's dumps in snapshot order, and each article's next observation is
judged by what its earlier ones left (``Chain``: its highest count, latest ``Updated on``
date, first and latest counts, snippets, the day it was last seen). A dump of a later day
than every dump of the block comes last in that walk, so the walk up to it is the one done
before: the catalog keeps each article's ``Chain`` (in ``walks``, one row per block) and
walks only the new dumps from there, with the merge's own ``Walk``. The result is the whole
walk's, exactly; the catalog re-walks the block from its history when it cannot be sure
(a dump inside the block's history, of its last day, or of unknown time; a removal; a new
article, which may renumber the block's articles).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from .._merge.chain import Chain
from .._merge.keys import BlockKey, Moment, moment
from .._merge.walk import Walk, diagnostics, holding_copies, walk_order
from .._model import Article, Observation
from .blocks import Note, Place
from .queries import ObservationRow

__all__ = ["extend", "forget", "save"]

_Saved = list[object]
"""One article's chain as JSON: number, observations, views, updated, day, today, settled,
counted, snippet text ids."""


def _walk_key(observations: Sequence[Observation]) -> Callable[[Observation], tuple[object, ...]]:
    """Where an observation comes in the merge's walk of the block (``merge_block``'s order)."""
    copies = (
        holding_copies(observations)
        if len({o.digest for o in observations}) < len(observations)
        else set()
    )
    if copies:
        return lambda o: (walk_order(moment(o.captured), o.digest in copies), o.digest, o.index)
    return lambda o: (moment(o.captured), o.digest, o.index)


def save(
    connection: sqlite3.Connection,
    block: int,
    articles: Sequence[Article],
    text_id: Callable[[str], int],
    walked: Sequence[tuple[str, Chain]] | None = None,
) -> None:
    """Keep the walk that made ``articles`` (numbered as listed), if a later dump can extend
    it: only when every observation has a known time (an unknown one is walked last).

    ``walked``: each article's id and chain in the walk's order, as the merge left them
    (``merged``); without it, the chains are made again from the articles' observations.
    """
    observations = [o for article in articles for o in article.observations]
    if not observations or any(o.captured is None for o in observations):
        forget(connection, block)
        return
    if walked is None:
        walked = _walked_again(articles, observations)
    number = {article.id: n for n, article in enumerate(articles)}
    chains = [_encoded(number[identity], chain, text_id) for identity, chain in walked]
    last = max(moment(o.captured)[1] for o in observations)
    _write(connection, block, last, chains)


def _walked_again(
    articles: Sequence[Article], observations: Sequence[Observation]
) -> list[tuple[str, Chain]]:
    """Each article's id and chain, made again from its observations, in the walk's order
    (an article's first observation is where the walk started its chain)."""
    key = _walk_key(observations)
    walked = []
    for article in sorted(articles, key=lambda article: key(article.observations[0])):
        chain = Chain()
        for observation in article.observations:
            chain.append(observation, moment(observation.captured))
        walked.append((article.id, chain))
    return walked


def forget(connection: sqlite3.Connection, block: int) -> None:
    connection.execute("DELETE FROM walks WHERE block = ?", (block,))


def _write(connection: sqlite3.Connection, block: int, last: int, chains: list[_Saved]) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO walks (block, last_day, chains) VALUES (?, ?, ?)",
        (block, last, json.dumps(chains, separators=(",", ":"))),
    )


def _encoded(number: int, chain: Chain, text_id: Callable[[str], int]) -> _Saved:
    return [
        number, len(chain.observations), chain.views, _day(chain.updated), chain.day,
        [[list(when), views, _day(updated)] for when, views, updated in chain.today],
        [chain.settled[0], _day(chain.settled[1])],
        [list(pair) for pair in chain.counted],
        [text_id(snippet) for snippet in chain.snippets],
    ]  # fmt: skip


def _decoded(saved: _Saved, body: dict[int, str]) -> Chain:
    _, _, views, updated, day, today, settled, counted, snippets = saved
    chain = Chain()
    chain.views, chain.updated, chain.day = views, _date(updated), day  # type: ignore[assignment]
    chain.today = [
        (_moment(when), seen, _date(later))
        for when, seen, later in today  # type: ignore[attr-defined]
    ]
    chain.settled = (settled[0], _date(settled[1]))  # type: ignore[index]
    chain.counted = [(float(at), int(n)) for at, n in counted]  # type: ignore[attr-defined]
    chain.snippets = {body[text]: None for text in snippets}  # type: ignore[attr-defined]
    return chain


_NEW: Final = """
SELECT o.article, o.dump, o.position, o.title, t.body, o.snippet, s.body, o.updated, o.views,
       o.category, o.seq
FROM observations AS o JOIN texts AS t ON t.id = o.title JOIN texts AS s ON s.id = o.snippet
WHERE o.block = ? AND o.dump = ? ORDER BY o.position
"""
"""One dump's observations of one block, in record order (``OBSERVATIONS``' columns)."""


def extend(
    connection: sqlite3.Connection,
    block: int,
    dumps: Sequence[int],
    *,
    key: BlockKey,
    observation_of: Callable[[ObservationRow], Observation],
    place_of: Callable[[Observation], Place | None],
) -> list[Note] | None:
    """Walk new dumps' observations of a block on from the block's kept walk, and store where
    they went, the articles they changed and the walk as it then stands; the merge's
    diagnostics about them. ``None``, and nothing written, when the walk must be done again
    from the block's history instead."""
    found = connection.execute(
        "SELECT last_day, chains FROM walks WHERE block = ?", (block,)
    ).fetchone()
    if found is None:
        return None
    rows: list[ObservationRow] = [
        row for dump in dumps for row in connection.execute(_NEW, (block, dump)).fetchall()
    ]
    observations = [observation_of(row) for row in rows]
    moments = [moment(o.captured) for o in observations]
    if any(when[0] or when[1] <= found[0] for when in moments):
        return None
    saved: list[_Saved] = json.loads(found[1])
    wanted = {text for chain in saved for text in chain[8]}  # type: ignore[attr-defined]
    body: dict[int, str] = dict(
        connection.execute(
            f"SELECT id, body FROM texts WHERE id IN ({','.join('?' * len(wanted))})",
            tuple(wanted),
        ).fetchall()
    )
    walk = Walk()
    walk.chains = [_decoded(chain, body) for chain in saved]
    # The new dumps come after the kept ones, among themselves in the merge's walk order.
    ordered = sorted(observations, key=_walk_key(observations))
    start = 0
    while start < len(ordered):
        stop = start + 1
        while stop < len(ordered) and ordered[stop].digest == ordered[start].digest:
            stop += 1
        walk.dump(ordered[start:stop], moment(ordered[start].captured))
        start = stop
    if len(walk.chains) != len(saved):
        return None  # a new article: its id and number come from the whole walk
    texts = {text: n for n, text in body.items()}
    texts.update({text: n for row in rows for n, text in ((row[3], row[4]), (row[5], row[6]))})
    dump_of = {o.digest: row[1] for o, row in zip(observations, rows, strict=True)}
    moved = []
    chains = []
    for chain, kept in zip(walk.chains, saved, strict=True):
        number, count = kept[0], kept[1]
        assert isinstance(number, int) and isinstance(count, int)
        for seq, observation in enumerate(chain.observations, start=count):
            moved.append((number, seq, block, dump_of[observation.digest], observation.index))
        if chain.observations:
            _update_article(connection, block, number, chain.observations, texts)
        encoded = _encoded(number, chain, texts.__getitem__)
        encoded[1] = count + len(chain.observations)
        chains.append(encoded)
    connection.executemany(
        "UPDATE observations SET article = ?, seq = ? WHERE block = ? AND dump = ?"
        " AND position = ?",
        moved,
    )
    _write(connection, block, max(when[1] for when in moments), chains)
    return _notes(connection, block, key=key, walk=walk, saved=saved, place_of=place_of)


def _update_article(
    connection: sqlite3.Connection,
    block: int,
    number: int,
    new: list[Observation],
    texts: dict[str, int],
) -> None:
    """An article's row after its new observations, as ``merge_block`` makes an article:
    title from the latest, updated, views and category from the latest with one."""
    updated, views, category, snippets = connection.execute(
        "SELECT updated, views, category, snippets FROM articles WHERE block = ? AND number = ?",
        (block, number),
    ).fetchone()
    kept = dict.fromkeys(int(text) for text in snippets.split())
    kept.update(dict.fromkeys(texts[o.snippet] for o in new))
    connection.execute(
        "UPDATE articles SET title = ?, updated = ?, views = ?, category = ?, snippets = ?"
        " WHERE block = ? AND number = ?",
        (
            texts[new[-1].title],
            next((_day(o.updated) for o in reversed(new) if o.updated is not None), updated),
            next((o.views for o in reversed(new) if o.views is not None), views),
            next((o.category for o in reversed(new) if o.category), category),
            " ".join(map(str, kept)),
            block,
            number,
        ),
    )


def _notes(
    connection: sqlite3.Connection,
    block: int,
    *,
    key: BlockKey,
    walk: Walk,
    saved: list[_Saved],
    place_of: Callable[[Observation], Place | None],
) -> list[Note]:
    """The walk's diagnostics, worded and placed as ``merge_block`` words and places them
    (the differential tests hold the two equal)."""
    if not walk.notes:
        return []
    identity = dict(connection.execute("SELECT number, id FROM articles WHERE block = ?", (block,)))
    numbers = {id(chain): kept[0] for chain, kept in zip(walk.chains, saved, strict=True)}
    reported = diagnostics(walk.notes, key, lambda chain: identity[numbers[id(chain)]], place_of)
    return [(note[0].digest, d) for note, d in zip(walk.notes, reported, strict=True)]


def _day(value: date | None) -> int | None:
    return None if value is None else value.toordinal()


def _date(value: object) -> date | None:
    return None if value is None else date.fromordinal(value)  # type: ignore[arg-type]


def _moment(value: list[int]) -> Moment:
    unknown, day, timed, of_day = value
    return unknown, day, timed, of_day
