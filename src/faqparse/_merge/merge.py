"""One block (records sharing a normalized title, a published date and a locale) to its articles.

The block's observations are walked in snapshot order, one dump at a time. Each dump's records
are assigned to the articles built so far by the best assignment that keeps time: a later
observation of an article never has fewer views or an earlier ``Updated on`` date. Among the
assignments that match the most records, the one that gives no record without an ``Updated on``
date to an article that showed one wins, then the one with the view counts nearest to those the
articles are expected to show by their own growth (a missing count read as no views: the site
hides a zero and never counts announcements), then the one with the most similar snippets
(against the snippets an article has had: ``similarity_to``); a record that fits no article
starts one. A record repeated further down its dump without its count is its first copy's
article (``repeated-record``), unless the block has a twin that never showed a count: then it
is that twin, whose zero is hidden; among snapshots with no order between them, the dumps
holding such a copy are walked last, so that a dump of the same moment that lists the twin on
its own is read first. An assignment that the time evidence alone did not force is reported as
``weak-match``. The walk is in ``walk``, the assignment itself in ``assign``, an article being
built in ``chain``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Final

from .._model import Article, Diagnostic, Observation
from .chain import Chain
from .keys import BlockKey, moment
from .walk import PlaceOf, Walk, diagnostics, holding_copies, is_repeat, walk_order

__all__ = ["DEFAULT_LOCALE", "article_id", "is_repeat", "merge_block"]

DEFAULT_LOCALE: Final = "en"
"""The locale whose ids leave the locale out of their hash (the ids of earlier versions)."""


def article_id(key: BlockKey, first: Observation | None = None) -> str:
    """The id of an article: a hash of its block key, plus, for a twin, where it was first seen.

    The locale is hashed only when it is not English, so that English ids stay those of the
    versions before locales. ``first`` is the twin's earliest observation; the article of a
    block first seen earliest (the only one, when there are no twins) has the plain hash.
    """
    title, published, locale = key
    text = f"{title}\x1f{published.isoformat()}"
    if locale != DEFAULT_LOCALE:
        text += f"\x1f{locale}"
    base = hashlib.sha256(text.encode()).hexdigest()[:16]
    return base if first is None else f"{base}-{first.digest[:12]}-{first.index}"


def merge_block(
    key: BlockKey,
    observations: Sequence[Observation],
    span_of: PlaceOf,
    walked: list[Chain] | None = None,
) -> tuple[list[Article], list[Diagnostic]]:
    """The articles of one block and the diagnostics about how they were told apart; and,
    into ``walked`` when given, each article's ``Chain`` as the walk left it, listed as the
    articles are (what the SQLite catalog keeps, to extend the walk later)."""
    if len(observations) == 1:
        if walked is not None:
            chain = Chain()
            chain.append(observations[0], moment(observations[0].captured))
            walked[:] = [chain]
        return [_article(article_id(key), key, [observations[0]])], []
    # The position is there only so that observations themselves are never compared.
    keyed = sorted(
        [(moment(o.captured), o.digest, o.index, n, o) for n, o in enumerate(observations)]
    )
    if len({entry[1] for entry in keyed}) < len(keyed):  # a dump with two records of the block
        copies = holding_copies(observations)
        if copies:
            keyed.sort(key=lambda entry: (walk_order(entry[0], entry[1] in copies), *entry[1:4]))
    walk = Walk()
    start, end = 0, len(keyed)
    while start < end:
        when, digest = keyed[start][0], keyed[start][1]
        stop = start + 1
        while stop < end and keyed[stop][1] == digest:
            stop += 1
        walk.dump([observation for *_, observation in keyed[start:stop]], when)
        start = stop
    ids = {id(chain): article_id(key, None if n == 0 else chain.observations[0])
           for n, chain in enumerate(walk.chains)}  # fmt: skip
    articles = [_article(ids[id(chain)], key, chain.observations) for chain in walk.chains]
    if walked is not None:
        walked[:] = walk.chains
    return articles, diagnostics(walk.notes, key, lambda chain: ids[id(chain)], span_of)


def _article(identity: str, key: BlockKey, observations: list[Observation]) -> Article:
    """Title from the latest observation; updated, views, category from the latest with one."""
    return Article(
        id=identity,
        title=observations[-1].title,
        published=key[1],
        updated=next((o.updated for o in reversed(observations) if o.updated is not None), None),
        views=next((o.views for o in reversed(observations) if o.views is not None), None),
        snippets=tuple(dict.fromkeys(o.snippet for o in observations)),
        observations=tuple(observations),
        locale=key[2],
        category=next((o.category for o in reversed(observations) if o.category), None),
    )
